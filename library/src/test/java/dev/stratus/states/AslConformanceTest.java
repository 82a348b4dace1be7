package dev.stratus.states;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stratus.conformance.ConformanceSuite;
import dev.stratus.conformance.JsonMatch;
import dev.stratus.conformance.Verdict;
import dev.stratus.core.ManualClock;
import dev.stratus.core.RandomSource;
import dev.stratus.core.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

class AslConformanceTest {
    static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @TestFactory
    Stream<DynamicNode> cases() {
        return ConformanceSuite.run("asl/cases", AslConformanceTest::runCase);
    }

    @TestFactory
    Stream<DynamicNode> testState() {
        return ConformanceSuite.run("asl/test_state", TestStateRunner::runCase);
    }

    static Verdict runCase(final JsonNode testCase) throws Exception {
        Instant start = testCase.hasNonNull("clockNow") ? Instant.parse(testCase.get("clockNow").asText())
                : DEFAULT_START;
        ManualClock clock = ManualClock.at(start);
        List<Throwable> asyncErrors = new ArrayList<>();
        States.Builder builder = States.builder().clock(clock).random(RandomSource.seeded(7))
                .errorHandler(asyncErrors::add);
        registerLambdas(builder, testCase.path("lambdaFunctions"), clock);
        for (JsonNode object : testCase.path("s3Objects")) {
            builder.object(object.path("bucket").asText(), object.path("key").asText(), object.path("body").asText());
        }
        States states = builder.build();
        StateMachineType type = "EXPRESS".equals(testCase.path("stateMachineType").asText())
                ? StateMachineType.EXPRESS : StateMachineType.STANDARD;
        StateMachine machine = states.define("machine", Json.write(testCase.get("definition")), type);
        Execution execution = states.start(machine, "exec", pythonJson(testCase.get("input")));
        drive(clock, execution);
        return Verdict.of(compare(testCase, execution, states));
    }

    static void drive(final ManualClock clock, final Execution execution) {
        for (int i = 0; i < 100_000 && !execution.isDone(); i++) {
            Optional<Instant> next = clock.nextDeadline();
            if (next.isEmpty()) {
                break;
            }
            Instant target = next.get().isBefore(clock.instant()) ? clock.instant() : next.get();
            clock.advanceTo(target);
            clock.runDue();
        }
    }

    // ------------------------------------------------------------------ Lambda behaviours of the corpus README

    static void registerLambdas(final States.Builder builder, final JsonNode functions, final ManualClock clock) {
        for (JsonNode fn : functions) {
            String behaviour = fn.path("behaviour").asText();
            for (String key : List.of(fn.path("functionName").asText(), fn.path("functionArn").asText())) {
                switch (behaviour) {
                    case "absent" -> {
                    }
                    case "sleep-60s-identity" -> builder.asyncHandler(key, input -> {
                        CompletableFuture<JsonNode> done = new CompletableFuture<>();
                        clock.schedule(Duration.ofSeconds(60), () -> done.complete(input));
                        return done;
                    });
                    default -> builder.handler(key, input -> lambda(behaviour, input));
                }
            }
        }
    }

    static JsonNode lambda(final String behaviour, final JsonNode input) {
        switch (behaviour) {
            case "identity":
                return input;
            case "constant-hello-world": {
                ObjectNode out = NODES.objectNode();
                out.put("Return", "HelloWorld");
                return out;
            }
            case "decorated-input":
                return TextNode.valueOf("input-event-" + pythonRepr(input));
            case "return-bytes":
                return TextNode.valueOf("HelloWorld!");
            case "large-output-bytes":
                return TextNode.valueOf("a".repeat(263_168));
            case "raise-exception":
                throw new StatesException("Exception", pythonError("Some exception was raised.", "Exception",
                        "  File \"/var/task/handler.py\", line 2, in handler\n"
                                + "    raise Exception(\"Some exception was raised.\")\n"));
            case "raise-custom-exception":
                throw new StatesException("CustomException", pythonError("", "CustomException",
                        "  File \"/var/task/handler.py\", line 9, in handler\n    raise CustomException()\n"));
            default:
                throw new IllegalStateException("unknown Lambda behaviour " + behaviour);
        }
    }

    /** The error payload of the AWS Python runtime, as {@code json.dumps} writes it. */
    private static String pythonError(final String message, final String type, final String frame) {
        return "{\"errorMessage\": " + Json.write(TextNode.valueOf(message)) + ", \"errorType\": \"" + type
                + "\", \"requestId\": \"" + java.util.UUID.randomUUID() + "\", \"stackTrace\": ["
                + Json.write(TextNode.valueOf(frame)) + "]}";
    }

    /** JSON text as Python's {@code json.dumps} writes it (the corpus tests sent their input that way). */
    static String pythonJson(final JsonNode node) {
        if (node.isObject()) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                sb.append(first ? "" : ", ").append(asciiString(e.getKey())).append(": ")
                        .append(pythonJson(e.getValue()));
                first = false;
            }
            return sb.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < node.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(pythonJson(node.get(i)));
            }
            return sb.append(']').toString();
        }
        if (node.isTextual()) {
            return asciiString(node.asText());
        }
        return Json.write(node);
    }

    private static String asciiString(final String s) {
        String json = Json.write(TextNode.valueOf(s));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c > 126) {
                sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static String pythonRepr(final JsonNode node) {
        if (node.isObject()) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                sb.append(first ? "" : ", ").append(pythonString(e.getKey())).append(": ")
                        .append(pythonRepr(e.getValue()));
                first = false;
            }
            return sb.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < node.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(pythonRepr(node.get(i)));
            }
            return sb.append(']').toString();
        }
        if (node.isTextual()) {
            return pythonString(node.asText());
        }
        if (node.isBoolean()) {
            return node.asBoolean() ? "True" : "False";
        }
        if (node.isNull()) {
            return "None";
        }
        return node.toString();
    }

    private static String pythonString(final String s) {
        String quote = s.contains("'") && !s.contains("\"") ? "\"" : "'";
        return quote + s.replace("\\", "\\\\").replace(quote, "\\" + quote) + quote;
    }

    // ------------------------------------------------------------------ comparison

    static String compare(final JsonNode testCase, final Execution execution, final States states) {
        JsonNode expected = testCase.path("expected");
        String status = expected.path("status").asText();
        if (!status.equals(execution.status().name())) {
            return "status: expected " + status + ", got " + execution.status() + " (error="
                    + execution.error().orElse(null) + ", cause=" + execution.cause().orElse(null) + ")";
        }
        Normalizer normalizer = new Normalizer(testCase);
        if (status.equals("SUCCEEDED") && !expected.path("outputRedacted").asBoolean(false)
                && expected.has("output")) {
            JsonNode actual = keyNamed(expected.get("output"),
                    normalizer.apply(execution.output().orElse(NODES.nullNode())));
            String diff = JsonMatch.mismatch(expected.get("output"), actual);
            if (diff != null) {
                return "output " + diff;
            }
        }
        if (!status.equals("SUCCEEDED")) {
            String diff = JsonMatch.mismatch(expected.path("error"),
                    execution.error().<JsonNode>map(TextNode::valueOf).orElse(NODES.missingNode()));
            if (diff != null) {
                return "error " + diff;
            }
            JsonNode actualCause = execution.cause().<JsonNode>map(c -> normalizer.apply(TextNode.valueOf(c)))
                    .orElse(NODES.missingNode());
            diff = JsonMatch.mismatch(expected.path("cause"), actualCause);
            if (diff != null) {
                return "cause " + diff;
            }
        }
        if (testCase.path("historyRecorded").asBoolean(true) && testCase.has("history")
                && execution.stateMachine().type() == StateMachineType.STANDARD) {
            return compareHistory(testCase, execution, normalizer);
        }
        return null;
    }

    static String compareHistory(final JsonNode testCase, final Execution execution, final Normalizer normalizer) {
        List<String> expectedTypes = new ArrayList<>();
        testCase.get("history").forEach(t -> expectedTypes.add(t.asText()));
        List<HistoryEvent> events = execution.history();
        List<String> actualTypes = new ArrayList<>();
        events.forEach(e -> actualTypes.add(e.type()));
        boolean concurrent = isConcurrent(testCase);
        if (!expectedTypes.equals(actualTypes)) {
            if (!concurrent || !sorted(expectedTypes).equals(sorted(actualTypes))) {
                return "history types differ:\n expected " + expectedTypes + "\n actual   " + actualTypes;
            }
        }
        JsonNode recorded = testCase.path("historyEvents");
        if (!recorded.isArray() || recorded.size() != events.size()) {
            return null;
        }
        boolean[] used = new boolean[events.size()];
        for (int i = 0; i < recorded.size(); i++) {
            JsonNode want = recorded.get(i);
            String type = want.path("type").asText();
            String firstDiff = null;
            boolean found = false;
            for (int j = concurrent ? 0 : i; j < (concurrent ? events.size() : i + 1); j++) {
                HistoryEvent got = events.get(j);
                if (used[j] || !got.type().equals(type)) {
                    continue;
                }
                String diff = detailsMismatch(want, got, normalizer);
                if (diff == null) {
                    used[j] = true;
                    found = true;
                    break;
                }
                if (firstDiff == null) {
                    firstDiff = diff;
                }
            }
            if (!found) {
                return "history event " + (i + 1) + " " + type + ": " + firstDiff;
            }
        }
        return null;
    }

    private static String detailsMismatch(final JsonNode want, final HistoryEvent got, final Normalizer normalizer) {
        ObjectNode expectedDetails = NODES.objectNode();
        ObjectNode actualDetails = NODES.objectNode();
        want.properties().forEach(e -> {
            if (e.getKey().endsWith("EventDetails")) {
                expectedDetails.set(e.getKey(), e.getValue());
            }
        });
        if (got.detailsName() != null) {
            actualDetails.set(got.detailsName(), parseJsonText(got.details()));
        }
        JsonNode normalized = normalizer.apply(actualDetails);
        String diff = JsonMatch.mismatch(expectedDetails, keyNamed(expectedDetails, normalized));
        return diff;
    }

    /**
     * The recorder replaced some volatile values (request ids, trace ids, dates) by their key's name: where the
     * expected value is exactly that, take it as matched.
     */
    static JsonNode keyNamed(final JsonNode expected, final JsonNode actual) {
        if (expected == null || actual == null) {
            return actual;
        }
        JsonNode act = actual;
        if (expected.isObject() && act.isTextual() && act.asText().startsWith("{")) {
            try {
                act = Json.parse(act.asText());
            } catch (Exception e) {
                return actual;
            }
        }
        if (expected.isObject() && act.isObject()) {
            ObjectNode copy = NODES.objectNode();
            for (Map.Entry<String, JsonNode> e : act.properties()) {
                JsonNode want = expected.get(e.getKey());
                if (want != null && want.isTextual() && !e.getValue().isTextual()
                        && (want.asText().equals(e.getKey()) || want.asText().equals("date"))) {
                    copy.set(e.getKey(), want);
                } else if (want != null && want.isTextual() && e.getValue().isTextual()
                        && want.asText().equals(e.getKey())) {
                    copy.set(e.getKey(), want);
                } else {
                    copy.set(e.getKey(), keyNamed(want, e.getValue()));
                }
            }
            return copy;
        }
        if (expected.isArray() && act.isArray() && expected.size() == act.size()) {
            ArrayNode copy = NODES.arrayNode();
            for (int i = 0; i < act.size(); i++) {
                copy.add(keyNamed(expected.get(i), act.get(i)));
            }
            return copy;
        }
        return actual;
    }

    private static JsonNode parseJsonText(final JsonNode details) {
        ObjectNode copy = NODES.objectNode();
        details.properties().forEach(e -> {
            JsonNode v = e.getValue();
            if (v.isTextual() && (e.getKey().equals("input") || e.getKey().equals("output")
                    || e.getKey().equals("parameters") || e.getKey().equals("cause"))) {
                String text = v.asText().strip();
                if (text.startsWith("{")) {
                    try {
                        v = Json.parse(text);
                    } catch (Exception ignored) {
                        // not JSON after all: compare as text
                    }
                }
            }
            copy.set(e.getKey(), v);
        });
        return copy;
    }

    private static List<String> sorted(final List<String> types) {
        List<String> copy = new ArrayList<>(types);
        copy.sort(null);
        return copy;
    }

    static boolean isConcurrent(final JsonNode testCase) {
        if (testCase.path("historyOrderNormalised").asBoolean(false)) {
            return true;
        }
        String definition = Json.write(testCase.path("definition"));
        if (definition.contains("\"Parallel\"")) {
            return true;
        }
        if (definition.contains("\"Map\"")) {
            return !definition.contains("\"MaxConcurrency\":1,") && !definition.contains("\"MaxConcurrency\":1}");
        }
        return false;
    }

    /** Applies the case's redactions and snapshot transformers to actual values before comparing. */
    static final class Normalizer {
        private final List<String[]> literal = new ArrayList<>();
        private final List<String[]> regex = new ArrayList<>();
        private final Map<List<String>, JsonNode> transformers = new HashMap<>();

        Normalizer(final JsonNode testCase) {
            for (JsonNode r : testCase.path("redactions")) {
                String[] pair = {r.path("find").asText(), r.path("replace").asText()};
                (r.path("regex").asBoolean(false) ? regex : literal).add(pair);
            }
            String expectedText = testCase.toString();
            // the recorder redacted the role ARN as a token, or (transform.resource_name) its name as <resource:N>
            if (expectedText.contains("sfn_role_arn") || expectedText.contains("snf_role_arn")) {
                String role = expectedText.contains("sfn_role_arn") ? "sfn_role_arn" : "snf_role_arn";
                literal.add(new String[] {"arn:aws:iam::111111111111:role/StratusStatesExecutionRole", role});
            }
            for (JsonNode t : testCase.path("snapshotTransformers")) {
                if (t.path("kind").asText().equals("JsonpathTransformer")
                        && !t.path("replace_reference").asBoolean(false)) {
                    List<String> keys = new ArrayList<>();
                    for (String part : t.path("jsonpath").asText().split("\\.")) {
                        if (!part.isEmpty() && !part.equals("$") && !part.equals("events")) {
                            keys.add(part);
                        }
                    }
                    transformers.put(keys, TextNode.valueOf(t.path("replacement").asText()));
                    int output = keys.indexOf("output");
                    if (output > 0 && keys.get(0).equals("executionSucceededEventDetails")
                            && output < keys.size() - 1) {
                        // expected.output is the decoded output of that event, transformed alike
                        transformers.put(keys.subList(output + 1, keys.size()),
                                TextNode.valueOf(t.path("replacement").asText()));
                    }
                }
            }
        }

        JsonNode apply(final JsonNode actual) {
            String text = Json.write(actual);
            for (String[] pair : literal) {
                text = text.replace(pair[0], pair[1]);
            }
            for (String[] pair : regex) {
                text = text.replaceAll(pair[0], java.util.regex.Matcher.quoteReplacement(pair[1]));
            }
            JsonNode node;
            try {
                node = Json.parse(text);
            } catch (Exception e) {
                return actual;
            }
            for (Map.Entry<List<String>, JsonNode> t : transformers.entrySet()) {
                node = transform(node, t.getKey(), t.getValue());
            }
            return node;
        }

        private static JsonNode transform(final JsonNode node, final List<String> keys, final JsonNode replacement) {
            if (node.isTextual() && node.asText().startsWith("{")) {
                try {
                    JsonNode parsed = Json.parse(node.asText());
                    JsonNode replaced = transform(parsed, keys, replacement);
                    return replaced.equals(parsed) ? node : replaced;
                } catch (Exception e) {
                    return node;
                }
            }
            if (node.isObject()) {
                ObjectNode copy = NODES.objectNode();
                node.properties().forEach(e -> copy.set(e.getKey(), transform(e.getValue(), keys, replacement)));
                replaceAt(copy, keys, 0, replacement);
                return copy;
            }
            if (node.isArray()) {
                ArrayNode copy = NODES.arrayNode();
                node.forEach(n -> copy.add(transform(n, keys, replacement)));
                return copy;
            }
            return node;
        }

        private static void replaceAt(final ObjectNode node, final List<String> keys, final int i,
                final JsonNode replacement) {
            JsonNode child = node.get(keys.get(i));
            if (child == null) {
                return;
            }
            if (i == keys.size() - 1) {
                node.set(keys.get(i), replacement);
            } else if (child.isObject()) {
                replaceAt((ObjectNode) child, keys, i + 1, replacement);
            }
        }
    }
}
