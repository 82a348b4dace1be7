package dev.stratus.states.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.core.internal.Json;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JsonPathTest {
    private static final Intrinsic.EvalContext ENV = new Intrinsic.EvalContext() {
        @Override
        public UUID uuid() {
            return new UUID(1, 2);
        }

        @Override
        public int randomInt(final int startInclusive, final int endExclusive) {
            return startInclusive;
        }

        @Override
        public AslError pathNotFound(final String path, final JsonNode input) {
            return AslError.runtime("missing " + path);
        }
    };

    private static JsonNode json(final String text) throws Exception {
        return Json.parse(text.replace('\'', '"'));
    }

    private static String eval(final String expression, final JsonNode in) {
        return Intrinsic.compile(expression).evaluate(in, () -> in, ENV).toString();
    }

    @Test
    void shouldReadDefinitePathsAndReturnNullWhenMissing() throws Exception {
        JsonNode doc = json("{'a':{'b':[10,20,{'c':'x'}]},'weird key':1}");
        assertEquals("20", JsonPath.compile("$.a.b[1]").read(doc).toString());
        assertEquals("\"x\"", JsonPath.compile("$['a']['b'][-1].c").read(doc).toString());
        assertEquals("1", JsonPath.compile("$['weird key']").read(doc).toString());
        assertNull(JsonPath.compile("$.a.nope").read(doc));
        assertEquals("$['a']['nope']", JsonPath.compile("$.a.nope").normalized());
    }

    @Test
    void shouldCollectIndefinitePathsIntoAnArray() throws Exception {
        JsonNode doc = json("{'items':[{'v':1,'s':0},{'v':2,'s':1},{'v':3,'s':0}]}");
        assertEquals("[1,2,3]", JsonPath.compile("$.items[*].v").read(doc).toString());
        assertEquals("[2,3]", JsonPath.compile("$.items[1:].v").read(doc).toString());
        assertEquals("[1,3]", JsonPath.compile("$.items[0,2].v").read(doc).toString());
        assertEquals("[1,3]", JsonPath.compile("$.items[?(@.s == 0)].v").read(doc).toString());
        assertEquals("[2]", JsonPath.compile("$.items[?(@.v > 1 && @.s != 0)].v").read(doc).toString());
        assertEquals("[1,2,3]", JsonPath.compile("$..v").read(doc).toString());
        assertFalse(JsonPath.compile("$..v").isDefinite());
        assertEquals(List.of("items", 0), JsonPath.compile("$.items[0]").steps());
    }

    @Test
    void shouldCountJsonSizeWithoutWritingIt() throws Exception {
        for (String text : List.of("{}", "[]", "\"a\\\"b\\n\u00e9\u20ac\"", "-12", "1.50", "true", "null",
                "\"\\u0001\\u001f\\t\\b\\f\\r\\\\/\u007f \\ud83d\\ude00\"",
                "{'a':[1,-2,3.25,{'b':'caf\u00e9'}],'c':{},'d':[[],[null]]}")) {
            JsonNode node = json(text);
            assertEquals(Json.write(node).getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                    Values.jsonSize(node, 1000), text);
        }
        assertEquals(-1, Values.jsonSize(json("[[[1]]]"), 2));
    }

    @Test
    void shouldRejectMalformedPathsNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonPath.compile("a.b"));
        assertEquals("JSONPath must start with '$': path=a.b", e.getMessage());
        IllegalArgumentException open = assertThrows(IllegalArgumentException.class,
                () -> JsonPath.compile("$.a["));
        assertEquals("invalid JSONPath, unclosed '[' at position 4: path=$.a[", open.getMessage());
        assertTrue(JsonPath.isValid("$$.Execution.Input"));
    }

    @Test
    void shouldMatchStringMatchesPatternsWithEscapes() {
        assertTrue(ChoiceRule.matches("log-2024.txt", ChoiceRule.wildcardParts("log-*.txt")));
        assertFalse(ChoiceRule.matches("log-2024.csv", ChoiceRule.wildcardParts("log-*.txt")));
        assertTrue(ChoiceRule.matches("a*b", ChoiceRule.wildcardParts("a\\*b")));
        assertFalse(ChoiceRule.matches("axb", ChoiceRule.wildcardParts("a\\*b")));
        assertTrue(ChoiceRule.matches("x" + "a".repeat(100_000) + "y", ChoiceRule.wildcardParts("x*a*a*y")));
    }

    @Test
    void shouldEvaluateIntrinsicsWithAwsLimits() throws Exception {
        JsonNode in = json("{'a':[1,2,2,3],'s':'x,y;z','n':7}");
        assertEquals("\"n=7 {}\"", eval("States.Format('n={} \\{\\}', $.n)", in));
        assertEquals("[1,2,3]", eval("States.ArrayUnique($.a)", in));
        assertEquals("[\"x\",\"y\",\"z\"]", eval("States.StringSplit($.s, ',;')", in));
        assertEquals("[[1,2],[2,3]]", eval("States.ArrayPartition($.a, 2)", in));
        assertEquals("9", eval("States.MathAdd($.n, 1.5)", in));
        AslError range = assertThrows(AslError.class, () -> eval("States.ArrayRange(1, 2000, 1)", in));
        assertEquals("States.IntrinsicFailure", range.error());
        assertEquals("The function States.ArrayRange cannot produce more than 1000 items", range.cause());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Intrinsic.compile("States.Nope(1)"));
        assertEquals("invalid intrinsic function, unknown intrinsic function 'States.Nope' at position 11: "
                + "expression=States.Nope(1)", unknown.getMessage());
    }
}
