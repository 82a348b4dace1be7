package dev.stratus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.conformance.ConformanceSuite;
import dev.stratus.core.StratusException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The filter corpus run straight against {@link FilterPolicy}, without topics, so matcher bugs show alone. */
class FilterPolicyCorpusTest {

    @Test
    void shouldDecideEveryRecordedCaseAsAwsDid() {
        List<String> wrong = new ArrayList<>();
        for (JsonNode testCase : ConformanceSuite.cases("sns-filter/cases")) {
            FilterPolicyScope scope = FilterPolicyScope.fromAwsName(testCase.get("scope").asText());
            FilterPolicy policy = FilterPolicy.parse(testCase.get("policy").toString(), scope);
            boolean actual = policy.matches(attributes(testCase.path("messageAttributes")),
                    testCase.get("message").asText());
            if (actual != testCase.get("expected").asBoolean()) {
                wrong.add(testCase.get("id").asText() + " " + testCase.get("policy") + " "
                        + testCase.path("messageAttributes") + " " + testCase.get("message").asText());
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void shouldRejectEveryRecordedInvalidPolicyWithAwsText() {
        List<String> wrong = new ArrayList<>();
        for (JsonNode testCase : ConformanceSuite.cases("sns-filter/invalid")) {
            if (!testCase.get("target").asText().equals("FilterPolicy")) {
                continue;
            }
            String expected = testCase.get("expectedError").asText();
            String expectedMessage = "Invalid parameter: " + expected;
            try {
                FilterPolicy.parse(testCase.get("policyText").asText(),
                        FilterPolicyScope.fromAwsName(testCase.get("scope").asText()));
                wrong.add(testCase.get("id").asText() + " accepted");
            } catch (StratusException e) {
                boolean ok = expected.endsWith("failed to parse JSON.") ? e.getMessage().startsWith(expectedMessage)
                        : e.getMessage().equals(expectedMessage);
                if (!ok) {
                    wrong.add(testCase.get("id").asText() + " " + e.getMessage() + " != " + expected);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    static Map<String, MessageAttribute> attributes(final JsonNode node) {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            String type = value.get("DataType").asText();
            attributes.put(field.getKey(), type.startsWith("Binary")
                    ? new MessageAttribute(type, null, value.path("BinaryValue").asText("AA==")
                            .getBytes(StandardCharsets.UTF_8))
                    : new MessageAttribute(type, value.get("StringValue").asText(), null));
        }
        return attributes;
    }
}
