package dev.stratus.states.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadSizeTest {
    private static long bytes(final JsonNode node) {
        return Json.write(node).getBytes(StandardCharsets.UTF_8).length;
    }

    private static void check(final JsonNode out, final JsonNode raw) {
        assertEquals(bytes(out), PayloadSize.of(out, raw, bytes(raw)), () -> Json.write(out));
        assertEquals(bytes(out), PayloadSize.of(out, raw, -1));
    }

    private static ObjectNode raw() throws Exception {
        return (ObjectNode) Json.parse("{\"id\":42,\"é\\\"k\":\"v\\n\",\"audit\":{\"by\":\"me\"},"
                + "\"lines\":[{\"sku\":\"A\"},{\"sku\":\"ü\"}],\"gone\":[1,2,3]}");
    }

    @Test
    void shouldCountAResultPathOutputExactlyFromTheInputSize() throws Exception {
        ObjectNode raw = raw();
        JsonNode result = Json.parse("{\"ok\":1,\"text\":\"\\u00e9t\\u00e9 \\ud83d\\ude00\"}");
        check(Values.setAt(raw, List.of("audit", "checked"), 0, result), raw);
        check(Values.setAt(raw, List.of("audit"), 0, result), raw);
        check(Values.setAt(raw, List.of("new"), 0, result), raw);
        check(Values.setAt(raw, List.of("lines", 1), 0, result), raw);
    }

    @Test
    void shouldCountOutputsThatDropOrReplaceFields() throws Exception {
        ObjectNode raw = raw();
        ObjectNode dropped = Values.shallowCopy(raw, 1);
        dropped.remove("gone");
        dropped.remove("é\"k");
        check(dropped, raw);
        ObjectNode emptied = Values.shallowCopy(raw, 1);
        emptied.removeAll();
        emptied.set("lines", raw.get("lines"));
        check(emptied, raw);
        ArrayNode lines = (ArrayNode) raw.get("lines");
        ArrayNode replaced = Values.NODES.arrayNode();
        replaced.add(Json.parse("{\"sku\":\"longer than before\"}"));
        replaced.add(lines.get(1));
        check(replaced, lines);
        check(raw.get("audit"), raw);
        check(Json.parse("{\"unrelated\":true}"), raw);
        check(raw, raw);
    }

    @Test
    void shouldCountCopiesThatShareTheirKeys() throws Exception {
        ObjectNode raw = Values.shallowCopy(raw(), 1);
        JsonNode result = Json.parse("{\"nested\":[\"\u00fc\",2]}");
        JsonNode first = Values.setAt(raw, List.of("id"), 0, result);
        check(first, raw);
        JsonNode second = Values.setAt(first, List.of("audit", "by"), 0, Json.parse("\"someone else\""));
        check(second, first);
        check(Values.setAt(second, List.of("id"), 0, Json.parse("7")), second);
        check(raw, Values.setAt(raw, List.of("lines"), 0, Json.parse("[]")));
    }
}
