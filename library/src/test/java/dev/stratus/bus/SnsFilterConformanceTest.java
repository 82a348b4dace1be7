package dev.stratus.bus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.conformance.ConformanceSuite;
import dev.stratus.conformance.Verdict;
import dev.stratus.core.StratusException;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

class SnsFilterConformanceTest {

    @TestFactory
    Stream<DynamicNode> cases() {
        return ConformanceSuite.run("sns-filter/cases", SnsFilterConformanceTest::runCase);
    }

    @TestFactory
    Stream<DynamicNode> invalid() {
        return ConformanceSuite.run("sns-filter/invalid", SnsFilterConformanceTest::runInvalid);
    }

    @TestFactory
    Stream<DynamicNode> accepted() {
        return ConformanceSuite.run("sns-filter/accepted", SnsFilterConformanceTest::runAccepted);
    }

    /** Publishes the case's message through a real topic and queue subscription, then checks delivery. */
    static Verdict runCase(final JsonNode testCase) {
        FilterPolicyScope scope = FilterPolicyScope.fromAwsName(testCase.get("scope").asText());
        Bus bus = Bus.builder().clock(dev.stratus.core.ManualClock.atEpoch()).build();
        Topic topic = bus.createTopic("conformance");
        Queue queue = bus.createQueue("conformance");
        // raw delivery does not change filtering (corpus README) and skips signing
        topic.subscribe(queue, Map.of("FilterPolicy", testCase.get("policy").toString(),
                "FilterPolicyScope", scope.awsName(), "RawMessageDelivery", "true"));
        topic.publish(PublishRequest.builder()
                .message(testCase.get("message").asText())
                .messageAttributes(attributes(testCase.path("messageAttributes")))
                .build());
        boolean delivered = queue.approximateNumberOfMessages() == 1;
        boolean expected = testCase.get("expected").asBoolean();
        return delivered == expected ? Verdict.passed()
                : Verdict.failed("expected delivered=" + expected + " but was " + delivered);
    }

    private static Map<String, MessageAttribute> attributes(final JsonNode node) {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            String type = value.get("DataType").asText();
            attributes.put(field.getKey(), type.startsWith("Binary")
                    ? new MessageAttribute(type, null, value.path("BinaryValue").asText("AA==").getBytes(
                            java.nio.charset.StandardCharsets.UTF_8))
                    : new MessageAttribute(type, value.get("StringValue").asText(), null));
        }
        return attributes;
    }

    /** Sets the rejected value through the recorded operation and compares AWS's message. */
    static Verdict runInvalid(final JsonNode testCase) {
        Bus bus = Bus.builder().clock(dev.stratus.core.ManualClock.atEpoch()).build();
        Topic topic = bus.createTopic("conformance");
        Queue queue = bus.createQueue("conformance");
        String target = testCase.get("target").asText();
        String scope = testCase.get("scope").asText();
        String policyText = testCase.get("policyText").asText();
        boolean subscribe = testCase.get("operation").asText().equals("Subscribe");
        String prefix = subscribe ? "Invalid parameter: Attributes Reason: " : "Invalid parameter: ";
        String expected = testCase.get("expectedError").asText();
        String expectedMessage = expected.startsWith("Filter policy scope") ? "Invalid parameter: " + expected
                : prefix + expected;
        try {
            if (target.equals("FilterPolicyScope")) {
                Subscription subscription = topic.subscribe(queue, Map.of("FilterPolicy", "{\"a\": [\"b\"]}"));
                subscription.setAttribute("FilterPolicyScope", scope);
            } else if (subscribe) {
                topic.subscribe(queue, Map.of("FilterPolicy", policyText, "FilterPolicyScope", scope));
            } else {
                Subscription subscription = topic.subscribe(queue, Map.of("FilterPolicyScope", scope));
                subscription.setAttribute("FilterPolicy", policyText);
            }
            return Verdict.failed("accepted, expected " + expectedMessage);
        } catch (StratusException e) {
            if (!e.code().equals(testCase.get("errorCode").asText())) {
                return Verdict.failed("code " + e.code() + ", expected " + testCase.get("errorCode").asText());
            }
            boolean matches = expected.endsWith("failed to parse JSON.")
                    ? e.getMessage().startsWith(expectedMessage) : e.getMessage().equals(expectedMessage);
            return matches ? Verdict.passed() : Verdict.failed("message '" + e.getMessage() + "', expected '"
                    + expectedMessage + "'");
        }
    }

    static Verdict runAccepted(final JsonNode testCase) {
        Bus bus = Bus.builder().clock(dev.stratus.core.ManualClock.atEpoch()).build();
        Topic topic = bus.createTopic("conformance");
        Queue queue = bus.createQueue("conformance");
        Subscription subscription = topic.subscribe(queue,
                Map.of("FilterPolicy", testCase.get("policyText").asText(),
                        "FilterPolicyScope", testCase.get("scope").asText()));
        String stored = subscription.attributes().get("FilterPolicy");
        return Verdict.of(testCase.get("policyText").asText().equals(stored) ? null : "stored " + stored);
    }
}
