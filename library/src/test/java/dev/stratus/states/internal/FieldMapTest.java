package dev.stratus.states.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.internal.Json;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FieldMapTest {

    /** Random operations on a FieldMap, its copies, and a LinkedHashMap model of each: they never differ. */
    @Test
    void shouldLeaveMapsOverTheSameKeysAloneWhenOneOfThemChanges() {
        String[] keys = {"metric", "shard", "value"};
        ObjectNode first = new ObjectNode(JsonNodeFactory.instance, FieldMap.over(keys,
                new JsonNode[] {IntNode.valueOf(1), IntNode.valueOf(2), IntNode.valueOf(3)}));
        ObjectNode second = new ObjectNode(JsonNodeFactory.instance, FieldMap.over(keys,
                new JsonNode[] {IntNode.valueOf(4), IntNode.valueOf(5), IntNode.valueOf(6)}));

        first.put("extra", 7);
        first.remove("metric");
        second.put("shard", 50);

        assertEquals("{\"shard\":2,\"value\":3,\"extra\":7}", Json.write(first));
        assertEquals("{\"metric\":4,\"shard\":50,\"value\":6}", Json.write(second));
        assertEquals(List.of("metric", "shard", "value"), List.of(keys));
    }

    @Test
    void shouldBehaveAsALinkedHashMapUnderRandomOperationsAndCopies() {
        SplittableRandom random = new SplittableRandom(7);
        List<FieldMap> maps = new ArrayList<>(List.of(new FieldMap(0)));
        List<LinkedHashMap<String, JsonNode>> models = new ArrayList<>(List.of(new LinkedHashMap<>()));
        for (int step = 0; step < 200_000; step++) {
            int which = random.nextInt(maps.size());
            FieldMap map = maps.get(which);
            LinkedHashMap<String, JsonNode> model = models.get(which);
            String key = "k" + random.nextInt(random.nextBoolean() ? 6 : 30);
            JsonNode value = IntNode.valueOf(step);
            switch (random.nextInt(9)) {
                case 0, 1, 2 -> assertEquals(model.put(key, value), map.put(key, value));
                case 3 -> assertEquals(model.remove(key), map.remove(key));
                case 4 -> {
                    if (maps.size() < 40) {
                        maps.add(map.copy(random.nextInt(3)));
                        models.add(new LinkedHashMap<>(model));
                    }
                }
                case 5 -> {
                    removeWhileIterating(map.entrySet().iterator(), key);
                    model.remove(key);
                }
                case 6 -> {
                    for (Map.Entry<String, JsonNode> e : map.entrySet()) {
                        if (e.getKey().equals(key)) {
                            e.setValue(value);
                            model.put(key, value);
                        }
                    }
                }
                case 7 -> {
                    if (random.nextInt(50) == 0) {
                        map.clear();
                        model.clear();
                    }
                }
                default -> assertEquals(model.get(key), map.get(key));
            }
            assertEquals(model.containsKey(key), map.containsKey(key));
            assertEquals(List.copyOf(model.entrySet()), List.copyOf(map.entrySet()), "step " + step);
            assertEquals(model, map);
            assertEquals(map, model);
            assertEquals(model.hashCode(), map.hashCode());
            assertEquals(List.copyOf(model.keySet()), List.copyOf(map.keySet()));
            assertEquals(List.copyOf(model.values()), List.copyOf(map.values()));
            assertEquals(model.containsValue(value), map.containsValue(value));
            assertEquals(model.isEmpty(), map.isEmpty());
            assertEquals(model.toString(), map.toString());
        }
    }

    private static void removeWhileIterating(final Iterator<Map.Entry<String, JsonNode>> it, final String key) {
        while (it.hasNext()) {
            if (it.next().getKey().equals(key)) {
                it.remove();
            }
        }
    }

    @Test
    void shouldServeJacksonAsAnObjectNodesFields() {
        ObjectNode source = Json.MAPPER.createObjectNode().put("a", 1).put("b", "two");
        source.putObject("c").put("d", true);
        ObjectNode copy = Values.shallowCopy(source, 1);
        copy.put("b", "changed").put("e", 5);
        ObjectNode copyOfCopy = Values.shallowCopy(copy, 1);
        copyOfCopy.remove("a");
        copyOfCopy.put("b", "again");
        assertNotNull(FieldNode.fieldsOf(copy));
        assertEquals("{\"a\":1,\"b\":\"two\",\"c\":{\"d\":true}}", Json.write(source));
        assertEquals("{\"a\":1,\"b\":\"changed\",\"c\":{\"d\":true},\"e\":5}", Json.write(copy));
        assertEquals("{\"b\":\"again\",\"c\":{\"d\":true},\"e\":5}", Json.write(copyOfCopy));
        assertEquals(copy, Json.MAPPER.createObjectNode().setAll(copy));
        assertEquals(Json.MAPPER.createObjectNode().setAll(copy), copy);
        assertEquals(Json.MAPPER.createObjectNode().setAll(copy).hashCode(), copy.hashCode());
        assertEquals(Json.write(copy), Json.write(copy.deepCopy()));
        assertEquals(copy.deepCopy(), copy);
        copy.retain("a", "e");
        assertEquals("{\"a\":1,\"e\":5}", Json.write(copy));
        assertNull(copy.get("b"));
    }

    @Test
    void shouldIndexManyFieldsAndStayInOrder() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < 100; i++) {
            node.put("f" + i, i);
        }
        ObjectNode copy = Values.shallowCopy(Values.shallowCopy(node, 1), 0);
        for (int i = 0; i < 100; i += 3) {
            copy.remove("f" + i);
        }
        copy.put("f50", -1).put("last", 0);
        assertEquals(67, copy.size());
        assertEquals(-1, copy.get("f50").intValue());
        assertEquals(98, copy.get("f98").intValue());
        assertNull(copy.get("f99"));
        assertEquals("f1", copy.fieldNames().next());
        assertEquals(100, node.size());
    }

    @Test
    void shouldFailFastWhenChangedWhileIterated() {
        FieldMap map = new FieldMap(2);
        map.put("a", IntNode.valueOf(1));
        map.put("b", IntNode.valueOf(2));
        Iterator<Map.Entry<String, JsonNode>> it = map.entrySet().iterator();
        it.next();
        map.put("c", IntNode.valueOf(3));
        assertThrows(ConcurrentModificationException.class, it::next);
        assertThrows(IllegalStateException.class, () -> map.entrySet().iterator().remove());
        assertThrows(NullPointerException.class, () -> map.put(null, IntNode.valueOf(1)));
    }
}
