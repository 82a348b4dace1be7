package dev.stratus.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.core.internal.Json;
import org.junit.jupiter.api.Test;

class JsonMatchTest {

    private static JsonNode json(final String text) throws Exception {
        return Json.parse(text);
    }

    @Test
    void shouldIgnoreKeyOrderAndCompareNumbersByValue() throws Exception {
        assertNull(JsonMatch.mismatch(json("{\"a\":1,\"b\":[1.0,true]}"), json("{\"b\":[1,true],\"a\":1.00}")));
        assertEquals("$.b[1]: expected true, got 1",
                JsonMatch.mismatch(json("{\"b\":[1,true]}"), json("{\"b\":[1,1]}")));
    }

    @Test
    void shouldTreatPlaceholdersAndDatesAsWildcards() throws Exception {
        assertNull(JsonMatch.mismatch(json("\"arn:<partition>:states:<region>:111111111111:execution:<x>\""),
                json("\"arn:aws:states:us-east-1:111111111111:execution:abc:def\"")));
        assertNull(JsonMatch.mismatch(json("{\"t\":\"at date\"}"), json("{\"t\":\"at 2025-01-01T00:00:00.123Z\"}")));
        assertNull(JsonMatch.mismatch(json("{\"timestamp\":\"timestamp\"}"), json("{\"timestamp\":1700000000}")));
    }

    @Test
    void shouldParseStringsHoldingJsonWhenAnObjectIsExpected() throws Exception {
        assertNull(JsonMatch.mismatch(json("{\"cause\":{\"errorType\":\"Exception\"}}"),
                json("{\"cause\":\"{\\\"errorType\\\":\\\"Exception\\\"}\"}")));
    }

    @Test
    void shouldReportMissingAndExtraKeys() throws Exception {
        assertEquals("$: keys differ, missing [a], unexpected [c]",
                JsonMatch.mismatch(json("{\"a\":1,\"b\":2}"), json("{\"b\":2,\"c\":3}")));
        assertEquals("$: expected 2 elements, got 1: [1]", JsonMatch.mismatch(json("[1,2]"), json("[1]")));
    }
}
