package dev.stratus.states;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stratus.conformance.JsonMatch;
import dev.stratus.conformance.Verdict;
import dev.stratus.core.ManualClock;
import dev.stratus.core.RandomSource;
import dev.stratus.core.StratusException;
import dev.stratus.core.internal.Json;
import java.util.Map;

/** Runs the asl/test_state suite (TestState API) cases. */
final class TestStateRunner {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TestStateRunner() {
    }

    static Verdict runCase(final JsonNode testCase) {
        ManualClock clock = ManualClock.at(AslConformanceTest.DEFAULT_START);
        States.Builder builder = States.builder().clock(clock).random(RandomSource.seeded(7));
        AslConformanceTest.registerLambdas(builder, testCase.path("lambdaFunctions"), clock);
        States states = builder.build();
        JsonNode expected = testCase.path("expected");
        TestStateResult result;
        try {
            TestStateRequest.Builder request = TestStateRequest.builder()
                    .definition(Json.write(testCase.get("definition")))
                    .inspectionLevel(testCase.path("inspectionLevel").asText("INFO"));
            if (testCase.has("stateName")) {
                request.stateName(testCase.get("stateName").asText());
            }
            if (testCase.has("input")) {
                request.input(testCase.get("input"));
            }
            if (testCase.hasNonNull("mock")) {
                request.mock(testCase.get("mock"));
            }
            if (testCase.hasNonNull("variables")) {
                request.variables(Json.write(testCase.get("variables")));
            }
            if (testCase.hasNonNull("context")) {
                request.context(testCase.get("context"));
            }
            JsonNode configuration = testCase.path("stateConfiguration");
            if (configuration.has("retrierRetryCount")) {
                request.retrierRetryCount(configuration.get("retrierRetryCount").asInt());
            }
            if (configuration.has("mapIterationFailureCount")) {
                request.mapIterationFailureCount(configuration.get("mapIterationFailureCount").asInt());
            }
            result = states.testState(request.build());
        } catch (StratusException e) {
            return exception(expected, e.code(), e.getMessage());
        } catch (IllegalArgumentException e) {
            if (expected.path("exception_typename").asText().equals("ParamValidationError")) {
                return Verdict.passed();
            }
            return Verdict.failed("threw " + e);
        }
        if (expected.has("exception") || expected.has("exception_typename")) {
            return Verdict.failed("expected an exception " + expected + ", got status " + result.status());
        }
        AslConformanceTest.Normalizer normalizer = new AslConformanceTest.Normalizer(testCase);
        String diff = field("status", expected.path("status"), TextNode.valueOf(result.status()), normalizer);
        if (diff == null) {
            diff = field("output", expected.path("output"), result.output(), normalizer);
        }
        if (diff == null) {
            diff = field("error", expected.path("error"), text(result.error()), normalizer);
        }
        if (diff == null) {
            diff = field("cause", expected.path("cause"), text(result.cause()), normalizer);
        }
        if (diff == null) {
            diff = field("nextState", expected.path("nextState"), text(result.nextState()), normalizer);
        }
        if (diff == null && expected.has("inspectionData")) {
            JsonNode want = expected.get("inspectionData");
            JsonNode got = result.inspectionData() == null ? NODES.objectNode() : result.inspectionData();
            ObjectNode decoded = NODES.objectNode();
            for (Map.Entry<String, JsonNode> e : want.properties()) {
                decoded.set(e.getKey(), decode(e.getValue(), got.get(e.getKey())));
            }
            diff = field("inspectionData", decoded, got, normalizer);
        }
        return Verdict.of(diff);
    }

    private static Verdict exception(final JsonNode expected, final String code, final String message) {
        JsonNode exception = expected.path("exception");
        if (exception.isObject()) {
            if (exception.path("code").asText().equals(code) && exception.path("message").asText().equals(message)) {
                return Verdict.passed();
            }
            return Verdict.failed("exception: expected " + exception + ", got " + code + ": " + message);
        }
        String typename = expected.path("exception_typename").asText();
        String value = expected.path("exception_value").asText();
        if (typename.equals(code) && value.endsWith(": " + message)) {
            return Verdict.passed();
        }
        return Verdict.failed("exception: expected " + typename + " " + value + ", got " + code + ": " + message);
    }

    private static JsonNode text(final String value) {
        return value == null ? null : TextNode.valueOf(value);
    }

    /** The API returns JSON text: an expected string holding JSON is compared with the actual value it encodes. */
    private static JsonNode decode(final JsonNode expected, final JsonNode actual) {
        if (expected != null && expected.isTextual() && actual != null) {
            try {
                return Json.parse(expected.asText());
            } catch (Exception e) {
                return expected;
            }
        }
        return expected;
    }

    private static String field(final String name, final JsonNode expected, final JsonNode actual,
            final AslConformanceTest.Normalizer normalizer) {
        JsonNode want = expected == null || expected.isMissingNode() ? NODES.missingNode() : expected;
        JsonNode got = actual == null ? NODES.missingNode() : normalizer.apply(actual);
        if (name.equals("output") || name.equals("inspectionData")) {
            want = decode(want, got);
        }
        got = AslConformanceTest.keyNamed(want, got);
        String diff = JsonMatch.mismatch(want, got);
        return diff == null ? null : name + " " + diff;
    }
}
