package dev.stratus.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stratus.conformance.ConformanceSuite;
import dev.stratus.conformance.JsonMatch;
import dev.stratus.conformance.Verdict;
import dev.stratus.core.ManualClock;
import dev.stratus.core.StratusException;
import dev.stratus.core.internal.Json;
import dev.stratus.metrics.internal.CloudWatchJson;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs {@code cloudwatch/cases} through the CloudWatch JSON codec: each case on a fresh engine on a
 * {@link ManualClock} at T0, {@code $rel_s} times relative to T0 (or to the query), {@code <partition>} and
 * {@code <region>} as {@code aws} and {@code us-east-1}, alarm notifications captured per topic ARN by the
 * engine's action sink, and waits that advance the clock a second at a time up to the case's budget.
 */
class CloudWatchConformanceTest {
    private static final Instant T0 = Instant.parse("2026-01-05T12:00:00Z");
    private static final Pattern REASON_DATE = Pattern.compile("\\(\\d\\d/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d\\)");
    private static final Pattern INDEX = Pattern.compile("([^\\[]*)((\\[[^\\]]+\\])*)");

    @TestFactory
    Stream<DynamicNode> cases() {
        return ConformanceSuite.run("cloudwatch/cases", CloudWatchConformanceTest::runCase);
    }

    private static final class Run {
        final ManualClock clock = ManualClock.at(T0);
        final Map<String, Deque<JsonNode>> topics = new HashMap<>();
        final Metrics metrics = Metrics.builder().clock(clock).actionSink(this::deliver).build();
        final CloudWatchJson api = new CloudWatchJson(metrics);

        void deliver(final String arn, final String message) {
            try {
                topics.computeIfAbsent(arn, k -> new ArrayDeque<>()).add(Json.parse(message));
            } catch (Exception e) {
                throw new IllegalStateException("alarm message is not JSON: " + message, e);
            }
        }

        JsonNode waitForNotification(final JsonNode request, final long timeoutSeconds) {
            String arn = request.path("TopicArn").asText();
            String state = request.path("NewStateValue").asText();
            for (long waited = 0; ; waited++) {
                Deque<JsonNode> queue = topics.getOrDefault(arn, new ArrayDeque<>());
                for (Iterator<JsonNode> it = queue.iterator(); it.hasNext();) {
                    JsonNode message = it.next();
                    if (message.path("NewStateValue").asText().equals(state)) {
                        it.remove();
                        return message;
                    }
                }
                if (waited >= timeoutSeconds) {
                    return null;
                }
                clock.advance(Duration.ofSeconds(1));
            }
        }

        boolean waitForAlarmState(final JsonNode request, final long timeoutSeconds) {
            String name = request.path("AlarmName").asText();
            String state = request.path("StateValue").asText();
            for (long waited = 0; ; waited++) {
                for (AlarmStatus status : metrics.describeAlarms(List.of(name))) {
                    if (status.state().name().equals(state)) {
                        return true;
                    }
                }
                if (waited >= timeoutSeconds) {
                    return false;
                }
                clock.advance(Duration.ofSeconds(1));
            }
        }
    }

    private static Verdict runCase(final JsonNode testCase) {
        Run run = new Run();
        try {
            JsonNode expected = testCase.path("expected");
            JsonNode query = testCase.path("query");
            List<JsonNode> steps = new ArrayList<>();
            if (testCase.has("steps")) {
                testCase.get("steps").forEach(steps::add);
            } else {
                for (JsonNode put : testCase.path("put")) {
                    ObjectNode step = Json.MAPPER.createObjectNode();
                    step.put("op", "PutMetricData");
                    step.set("request", put);
                    steps.add(step);
                }
            }
            boolean putIsTheQuery = query.isNull() || query.isMissingNode();
            for (int i = 0; i < steps.size(); i++) {
                JsonNode step = steps.get(i);
                boolean last = i == steps.size() - 1;
                JsonNode request = resolve(step.path("request"), run.clock.instant());
                String op = step.path("op").asText();
                switch (op) {
                    case "CreateTopic" -> run.topics.putIfAbsent("arn:aws:sns:us-east-1:111111111111:"
                            + request.path("Name").asText(), new ArrayDeque<>());
                    case "WaitForNotification" -> {
                        if (run.waitForNotification(request, step.path("timeout_s").asLong(60)) == null) {
                            return Verdict.failed("step " + i + ": no " + request.path("NewStateValue").asText()
                                    + " notification on " + request.path("TopicArn").asText());
                        }
                    }
                    case "WaitForAlarmState" -> {
                        if (!run.waitForAlarmState(request, step.path("timeout_s").asLong(60))) {
                            return Verdict.failed("step " + i + ": alarm never reached " + request);
                        }
                    }
                    default -> {
                        if (putIsTheQuery && last) {
                            return compareCall(run, op, request, expected, null);
                        }
                        run.api.call(op, request);
                    }
                }
            }
            if (putIsTheQuery) {
                return Verdict.failed("case has no query and no step to check");
            }
            JsonNode request = resolve(query.path("request"), run.clock.instant());
            String op = query.path("op").asText();
            if (op.equals("ReceiveNotification")) {
                JsonNode message = run.waitForNotification(request, query.path("timeout_s").asLong(60));
                if (message == null) {
                    return Verdict.failed("no " + request.path("NewStateValue").asText() + " notification on "
                            + request.path("TopicArn").asText());
                }
                return compare(normalize(message), expected);
            }
            return compareCall(run, op, request, expected, query.path("select").asText(null));
        } catch (StratusException e) {
            return Verdict.failed("unexpected " + e.code() + ": " + e.getMessage());
        } finally {
            run.metrics.close();
        }
    }

    private static Verdict compareCall(final Run run, final String op, final JsonNode request,
            final JsonNode expected, final String select) {
        JsonNode response;
        try {
            response = run.api.call(op, request);
        } catch (StratusException e) {
            if (!expected.has("error")) {
                return Verdict.failed(op + " failed: " + e.code() + ": " + e.getMessage());
            }
            ObjectNode actual = Json.MAPPER.createObjectNode();
            JsonNode wanted = expected.get("error");
            if (wanted.has("Code")) {
                actual.put("Code", e.code());
            }
            if (wanted.has("Message")) {
                actual.put("Message", e.getMessage());
            }
            if (wanted.has("Type")) {
                actual.put("Type", "Sender");
            }
            int status = CloudWatchJson.httpStatus(e.code());
            if (status != expected.path("http_status").asInt()) {
                return Verdict.failed("expected HTTP " + expected.path("http_status").asInt() + ", got " + status
                        + " (" + e.code() + ")");
            }
            return Verdict.of(JsonMatch.mismatch(wanted, actual));
        }
        if (expected.has("error")) {
            return Verdict.failed(op + " succeeded, expected " + expected.get("error"));
        }
        if (select != null) {
            response = navigate(response, select);
        }
        return compare(normalize(response), expected);
    }

    private static Verdict compare(final JsonNode actual, final JsonNode expected) {
        if (expected.has("checks")) {
            for (JsonNode check : expected.get("checks")) {
                String failure = check(actual, check);
                if (failure != null) {
                    return Verdict.failed(failure);
                }
            }
            return Verdict.passed();
        }
        if (!expected.has("response")) {
            return Verdict.passed();
        }
        JsonNode wanted = expected.get("response");
        if (wanted.has("Datapoints") && actual.has("Datapoints")) {
            // GetMetricStatistics returns datapoints in no defined order: compare them as a set
            wanted = sortedDatapoints(wanted);
            return Verdict.of(JsonMatch.mismatch(wanted, sortedDatapoints(actual)));
        }
        return Verdict.of(JsonMatch.mismatch(wanted, actual));
    }

    private static JsonNode sortedDatapoints(final JsonNode response) {
        ObjectNode copy = response.deepCopy();
        List<JsonNode> points = new ArrayList<>();
        copy.path("Datapoints").forEach(points::add);
        points.sort((a, b) -> key(a).compareTo(key(b)));
        ArrayNode array = copy.putArray("Datapoints");
        points.forEach(array::add);
        return copy;
    }

    private static String key(final JsonNode point) {
        return point.path("Unit").asText() + point.path("Average").asText() + point.path("Sum").asText();
    }

    private static String check(final JsonNode actual, final JsonNode check) {
        String path = check.path("path").asText();
        JsonNode node = navigate(actual, path);
        String op = check.path("op").asText();
        switch (op) {
            case "present":
                return node.isMissingNode() || node.isNull() ? path + ": expected present" : null;
            case "equals": {
                String diff = JsonMatch.mismatch(check.get("value"), node);
                return diff == null ? null : path + ": " + diff;
            }
            case "len_equals":
                return node.size() == check.get("value").asInt() && node.isArray() ? null
                        : path + ": expected length " + check.get("value") + ", got " + node;
            case "sum_equals": {
                BigDecimal sum = BigDecimal.ZERO;
                for (JsonNode v : node) {
                    sum = sum.add(v.decimalValue());
                }
                return sum.compareTo(check.get("value").decimalValue()) == 0 ? null
                        : path + ": expected sum " + check.get("value") + ", got " + sum;
            }
            case "sorted": {
                boolean descending = check.path("order").asText().equals("descending");
                for (int i = 1; i < node.size(); i++) {
                    int c = node.get(i - 1).asText().compareTo(node.get(i).asText());
                    if (descending ? c < 0 : c > 0) {
                        return path + ": not " + check.path("order").asText() + ": " + node;
                    }
                }
                return node.isArray() ? null : path + ": not a list";
            }
            case "count_where": {
                int count = 0;
                List<String> in = new ArrayList<>();
                check.path("in").forEach(v -> in.add(v.asText()));
                for (JsonNode item : node) {
                    if (in.contains(item.path(check.path("field").asText()).asText())) {
                        count++;
                    }
                }
                return count == check.path("value").asInt() ? null
                        : path + ": expected " + check.path("value") + " items, got " + count;
            }
            default:
                return "unknown check " + op;
        }
    }

    private static JsonNode navigate(final JsonNode root, final String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            Matcher m = INDEX.matcher(part);
            if (!m.matches()) {
                return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            }
            if (!m.group(1).isEmpty()) {
                node = node.path(m.group(1));
            }
            Matcher index = Pattern.compile("\\[([^\\]]+)\\]").matcher(m.group(2));
            while (index.find()) {
                String selector = index.group(1);
                int eq = selector.indexOf('=');
                if (eq < 0) {
                    node = node.path(Integer.parseInt(selector));
                } else {
                    JsonNode found = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
                    for (JsonNode item : node) {
                        if (item.path(selector.substring(0, eq)).asText().equals(selector.substring(eq + 1))) {
                            found = item;
                            break;
                        }
                    }
                    node = found;
                }
            }
        }
        return node;
    }

    /** Replaces {@code $rel_s} times and the partition and region placeholders. */
    private static JsonNode resolve(final JsonNode node, final Instant queryTime) {
        if (node.isObject()) {
            if (node.has("$rel_s")) {
                Instant base = node.path("base").asText().equals("query") ? queryTime : T0;
                long millis = node.get("$rel_s").decimalValue().movePointRight(3).longValue();
                return TextNode.valueOf(base.plusMillis(millis).toString());
            }
            ObjectNode copy = Json.MAPPER.createObjectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), resolve(e.getValue(), queryTime)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.MAPPER.createArrayNode();
            node.forEach(item -> copy.add(resolve(item, queryTime)));
            return copy;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(node.asText().replace("<partition>", "aws").replace("<region>", "us-east-1"));
        }
        return node;
    }

    /** Writes datapoint times in reason texts as the corpus does: {@code (MM/DD/YY HH:MM:SS)}. */
    private static JsonNode normalize(final JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = Json.MAPPER.createObjectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), normalize(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.MAPPER.createArrayNode();
            node.forEach(item -> copy.add(normalize(item)));
            return copy;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(REASON_DATE.matcher(node.asText()).replaceAll("(MM/DD/YY HH:MM:SS)"));
        }
        return node;
    }
}
