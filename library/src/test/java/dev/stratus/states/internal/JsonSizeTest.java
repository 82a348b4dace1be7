package dev.stratus.states.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Values#jsonSize}: the UTF-8 size of the compact text Jackson writes, counted without writing it. */
class JsonSizeTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Characters of every size class: plain, short escapes, \\u00XX escapes, DEL, 2- and 3-byte, a surrogate pair. */
    private static final String[] PIECES = {"a", "Z", " ", "~", "\u007f", "\"", "\\", "\n", "\t", "\b", "\f", "\r",
        "\u0000", "\u001f", "\u00e9", "\u07ff", "\u0800", "\u20ac", "\uffff", "\ud83d\ude00", "/", "<"};

    @Test
    void shouldMatchTheWrittenTextForRandomValuesShallowAndDeep() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 3_000; i++) {
            JsonNode node = value(random, 1 + random.nextInt(14));
            long written = Json.write(node).getBytes(StandardCharsets.UTF_8).length;
            assertEquals(written, Values.jsonSize(node, Integer.MAX_VALUE), () -> Json.write(node));
        }
    }

    @Test
    void shouldSizeRepeatedKeysAsTheFirstTimeWhateverTheyHold() {
        SplittableRandom random = new SplittableRandom(5);
        String[] keys = new String[2_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i % 3 == 0 ? "k" + i : text(random);
        }
        for (int round = 0; round < 3; round++) {
            for (String key : keys) {
                assertEquals(Values.stringSize(key), Values.keySize(key), key);
                ObjectNode object = NODES.objectNode().put(key, 1);
                assertEquals(Json.write(object).getBytes(StandardCharsets.UTF_8).length,
                        Values.jsonSize(object, 1), key);
            }
        }
    }

    @Test
    void shouldSizeDoublesAsDoubleToStringWritesThem() {
        SplittableRandom random = new SplittableRandom(11);
        double[] edges = {0.0, -0.0, 0.1, -0.1, 9_999_999.9, -9_999_999.9, 1e7, -1e7, 12.5, 3.0, 0.05, 1e-3, 1.0E-5,
            0.30000000000000004, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
            Math.nextUp(12.5), Math.nextDown(0.1)};
        for (double d : edges) {
            assertEquals(Double.toString(d).length(), Values.jsonSize(NODES.numberNode(d), 1), () -> "" + d);
        }
        for (int i = 0; i < 200_000; i++) {
            // one-decimal values (the fast path) and their neighbours (which it must leave to Double.toString)
            double d = (random.nextLong(200_000_001L) - 100_000_000L) / 10.0;
            double near = random.nextBoolean() ? Math.nextUp(d) : Math.nextDown(d);
            assertEquals(Double.toString(d).length(), Values.jsonSize(NODES.numberNode(d), 1), () -> "" + d);
            assertEquals(Double.toString(near).length(), Values.jsonSize(NODES.numberNode(near), 1), () -> "" + near);
        }
    }

    @Test
    void shouldAnswerMinusOneExactlyWhenAValueNestsDeeperThanTheLimit() {
        for (int depth = 1; depth <= 20; depth++) {
            JsonNode node = nested(depth);
            for (int limit = 1; limit <= 20; limit++) {
                long expected = depth > limit ? -1 : Json.write(node).length();
                assertEquals(expected, Values.jsonSize(node, limit), "depth " + depth + ", limit " + limit);
            }
        }
    }

    private static JsonNode nested(final int depth) {
        JsonNode node = NODES.numberNode(1);
        for (int i = 0; i < depth; i++) {
            node = i % 2 == 0 ? NODES.arrayNode().add(node) : NODES.objectNode().set("k", node);
        }
        return node;
    }

    private static JsonNode value(final SplittableRandom random, final int depth) {
        int kind = depth <= 1 ? random.nextInt(6) : random.nextInt(8);
        switch (kind) {
            case 0:
                return NODES.textNode(text(random));
            case 1:
                return NODES.numberNode(random.nextLong() >> random.nextInt(64));
            case 2:
                return NODES.numberNode(random.nextDouble() * 1e6);
            case 3:
                return NODES.booleanNode(random.nextBoolean());
            case 4:
                return NODES.nullNode();
            case 5:
                return NODES.numberNode(Long.MIN_VALUE);
            case 6: {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(value(random, depth - 1));
                }
                return array;
            }
            default: {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(text(random), value(random, depth - 1));
                }
                return object;
            }
        }
    }

    private static String text(final SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            text.append(random.nextInt(3) == 0 ? PIECES[random.nextInt(PIECES.length)] : "k");
        }
        return text.toString();
    }
}
