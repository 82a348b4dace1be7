package dev.stratus.states.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.core.StratusException;
import dev.stratus.states.internal.Model.Catcher;
import dev.stratus.states.internal.Model.ChoiceBranch;
import dev.stratus.states.internal.Model.Io;
import dev.stratus.states.internal.Model.Machine;
import dev.stratus.states.internal.Model.NumberSpec;
import dev.stratus.states.internal.Model.ResultPath;
import dev.stratus.states.internal.Model.Retrier;
import dev.stratus.states.internal.Model.State;
import dev.stratus.states.internal.Model.Transition;
import dev.stratus.states.internal.jsonata.Payload;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link Model} from a definition, failing with {@code InvalidDefinition} (AWS's error code for
 * CreateStateMachine) and a JSON-pointer location when it cannot. Full validation with every finding is the
 * validator's job; this parser stops at the first thing it cannot build.
 */
public final class AslParser {
    /** AWS's CreateStateMachine error code for a definition it rejects. */
    public static final String INVALID_DEFINITION = "InvalidDefinition";

    private final Set<String> allNames = new HashSet<>();
    /** The machine's QueryLanguage is JSONata: the default of every state. */
    private boolean machineJsonata;

    private AslParser() {
    }

    /**
     * Compiles a whole machine definition.
     *
     * @throws StratusException {@code InvalidDefinition} naming the location of the first problem
     */
    public static Machine parse(final JsonNode definition) {
        AslParser parser = new AslParser();
        parser.machineJsonata = definition != null && "JSONata".equals(textOrNull(definition, "QueryLanguage"));
        try {
            return parser.machine(definition, "", true);
        } catch (IllegalArgumentException e) {
            throw new StratusException(INVALID_DEFINITION, "Invalid State Machine Definition: '" + e.getMessage()
                    + "'", e);
        }
    }

    /**
     * Compiles one state on its own (the TestState API), named {@code name}.
     *
     * @throws StratusException {@code InvalidDefinition} naming the location of the first problem
     */
    public static State parseState(final String name, final JsonNode state) {
        AslParser parser = new AslParser();
        try {
            return parser.state(name, state, "/States/" + name, Set.of());
        } catch (IllegalArgumentException e) {
            throw new StratusException(INVALID_DEFINITION, "Invalid State Machine Definition: '" + e.getMessage()
                    + "'", e);
        }
    }

    private Machine machine(final JsonNode node, final String where, final boolean top) {
        if (node == null || !node.isObject()) {
            throw bad("must be an object", where.isEmpty() ? "/" : where);
        }
        JsonNode startAt = node.get("StartAt");
        if (startAt == null || !startAt.isTextual()) {
            throw bad("MISSING_START_AT: StartAt is required and must be a string", where + "/StartAt");
        }
        JsonNode states = node.get("States");
        if (states == null || !states.isObject() || states.isEmpty()) {
            throw bad("States is required and must be a non-empty object", where + "/States");
        }
        Set<String> names = new HashSet<>();
        states.fieldNames().forEachRemaining(names::add);
        if (!names.contains(startAt.asText())) {
            throw bad("MISSING_TRANSITION_TARGET: StartAt refers to unknown state: " + startAt.asText(),
                    where + "/StartAt");
        }
        Map<String, State> compiled = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : states.properties()) {
            // state names and the definition's other strings (text()) are interned: a transition's lookup of its
            // next state and a Task's of its resource (once per transition) then match by identity
            String name = e.getKey().intern();
            if (!allNames.add(name)) {
                throw bad("DUPLICATE_STATE_NAME: state names must be unique: " + name, where + "/States/" + name);
            }
            compiled.put(name, state(name, e.getValue(), where + "/States/" + name, names));
        }
        Long timeout = null;
        if (top && node.has("TimeoutSeconds")) {
            timeout = positiveLong(node.get("TimeoutSeconds"), where + "/TimeoutSeconds");
        }
        return new Machine(startAt.asText().intern(), compiled, timeout);
    }

    private State state(final String name, final JsonNode node, final String where, final Set<String> names) {
        if (!node.isObject()) {
            throw bad("a state must be an object", where);
        }
        if (name.length() > 80) {
            throw bad("state names must be at most 80 characters: " + name, where);
        }
        String type = text(node, "Type", where);
        if (type == null) {
            throw bad("Type is required", where + "/Type");
        }
        String language = textOrNull(node, "QueryLanguage");
        boolean jsonata = language == null ? machineJsonata : language.equals("JSONata");
        switch (type) {
            case "Pass":
                return new Model.Pass(name, io(node, where), template(node, "Parameters", where),
                        node.get("Result"), resultPath(node, where), transition(node, where, names),
                        flow(node, where, jsonata));
            case "Task": {
                String resource = text(node, "Resource", where);
                if (resource == null) {
                    throw bad("Resource is required", where + "/Resource");
                }
                return new Model.Task(name, io(node, where), template(node, "Parameters", where),
                        template(node, "ResultSelector", where), resultPath(node, where), resource,
                        number(node, "TimeoutSeconds", where), number(node, "HeartbeatSeconds", where),
                        retriers(node, where), catchers(node, where, names, jsonata), transition(node, where, names),
                        flow(node, where, jsonata, "TimeoutSeconds", "HeartbeatSeconds"));
            }
            case "Choice": {
                JsonNode choices = node.get("Choices");
                if (choices == null || !choices.isArray() || choices.isEmpty()) {
                    throw bad("Choices must be a non-empty array", where + "/Choices");
                }
                List<ChoiceBranch> branches = new ArrayList<>();
                for (int i = 0; i < choices.size(); i++) {
                    String at = where + "/Choices/" + i;
                    String next = text(choices.get(i), "Next", at);
                    checkTarget(next, names, at + "/Next");
                    JsonNode rule = choices.get(i);
                    branches.add(jsonata
                            ? new ChoiceBranch(null, next, flow(rule, at, true, "Condition"))
                            : new ChoiceBranch(ChoiceRule.compile(rule, at), next, flow(rule, at, false)));
                }
                String dflt = textOrNull(node, "Default");
                if (dflt != null) {
                    checkTarget(dflt, names, where + "/Default");
                }
                return new Model.Choice(name, io(node, where), List.copyOf(branches), dflt,
                        flow(node, where, jsonata));
            }
            case "Wait": {
                Model.Flow flow = flow(node, where, jsonata, "Seconds", "Timestamp");
                if (flow.field("Seconds") != null || flow.field("Timestamp") != null) {
                    return new Model.Wait(name, Io.DEFAULT, null, null, null, null, transition(node, where, names),
                            flow);
                }
                Long seconds = null;
                if (node.has("Seconds")) {
                    JsonNode s = node.get("Seconds");
                    if (!s.canConvertToExactIntegral() || s.asLong() < 0) {
                        throw bad("Seconds must be a non-negative integer: Seconds=" + s, where + "/Seconds");
                    }
                    seconds = s.asLong();
                }
                String ts = textOrNull(node, "Timestamp");
                if (ts != null && ChoiceRule.timestamp(ts) == null) {
                    throw bad("Timestamp must be an ISO-8601 date-time: Timestamp=" + ts, where + "/Timestamp");
                }
                JsonPath secondsPath = pathOrNull(node, "SecondsPath", where);
                JsonPath tsPath = pathOrNull(node, "TimestampPath", where);
                int forms = (seconds != null ? 1 : 0) + (ts != null ? 1 : 0) + (secondsPath != null ? 1 : 0)
                        + (tsPath != null ? 1 : 0);
                if (forms != 1) {
                    throw bad("a Wait state needs exactly one of Seconds, Timestamp, SecondsPath, TimestampPath",
                            where);
                }
                return new Model.Wait(name, io(node, where), seconds, secondsPath, ts, tsPath,
                        transition(node, where, names), flow);
            }
            case "Succeed":
                return new Model.Succeed(name, io(node, where), flow(node, where, jsonata));
            case "Fail":
                return new Model.Fail(name, textOrNull(node, "Error"), textOrNull(node, "Cause"),
                        pathOrIntrinsic(node, "ErrorPath", where), pathOrIntrinsic(node, "CausePath", where),
                        flow(node, where, jsonata, "Error", "Cause"));
            case "Parallel": {
                JsonNode branches = node.get("Branches");
                if (branches == null || !branches.isArray() || branches.isEmpty()) {
                    throw bad("SCHEMA_VALIDATION_FAILED: Value cannot be empty", where + "/Branches");
                }
                List<Machine> compiled = new ArrayList<>();
                for (int i = 0; i < branches.size(); i++) {
                    compiled.add(machine(branches.get(i), where + "/Branches/" + i, false));
                }
                return new Model.Parallel(name, io(node, where), template(node, "Parameters", where),
                        template(node, "ResultSelector", where), resultPath(node, where), List.copyOf(compiled),
                        retriers(node, where), catchers(node, where, names, jsonata), transition(node, where, names),
                        flow(node, where, jsonata));
            }
            case "Map":
                return map(name, node, where, names, jsonata);
            default:
                throw bad("SCHEMA_VALIDATION_FAILED: The field 'Type' should have one of these values: "
                        + "[Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]", where + "/Type");
        }
    }

    private State map(final String name, final JsonNode node, final String where, final Set<String> names,
            final boolean jsonata) {
        Model.Flow flow = flow(node, where, jsonata, "Items", "ItemSelector", "MaxConcurrency",
                "ToleratedFailureCount", "ToleratedFailurePercentage");
        JsonNode processorNode = node.has("ItemProcessor") ? node.get("ItemProcessor") : node.get("Iterator");
        String processorField = node.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
        if (processorNode == null) {
            throw bad("ItemProcessor is required", where + "/ItemProcessor");
        }
        Machine processor = machine(processorNode, where + "/" + processorField, false);
        JsonNode config = processorNode.path("ProcessorConfig");
        boolean distributed = "DISTRIBUTED".equals(config.path("Mode").asText());
        Template selector = jsonata ? null : node.has("ItemSelector") ? template(node, "ItemSelector", where)
                : template(node, "Parameters", where);
        Model.ItemReader reader = null;
        if (node.has("ItemReader")) {
            JsonNode r = node.get("ItemReader");
            String at = where + "/ItemReader";
            JsonNode rc = r.path("ReaderConfig");
            List<String> headers = new ArrayList<>();
            rc.path("CSVHeaders").forEach(h -> headers.add(h.asText()));
            reader = new Model.ItemReader(text(r, "Resource", at), template(r, "Parameters", at),
                    rc.has("InputType") ? rc.get("InputType").asText() : null,
                    rc.has("CSVHeaderLocation") ? rc.get("CSVHeaderLocation").asText() : "FIRST_ROW",
                    List.copyOf(headers), rc.has("CSVDelimiter") ? rc.get("CSVDelimiter").asText() : "COMMA",
                    number(rc, "MaxItems", at + "/ReaderConfig"));
        }
        Model.ItemBatcher batcher = null;
        if (node.has("ItemBatcher")) {
            JsonNode b = node.get("ItemBatcher");
            String at = where + "/ItemBatcher";
            batcher = new Model.ItemBatcher(number(b, "MaxItemsPerBatch", at), number(b, "MaxInputBytesPerBatch", at),
                    jsonata ? null : template(b, "BatchInput", at));
        }
        if (jsonata) {
            flow = withReaderAndBatcher(flow, node, where);
        }
        NumberSpec percentage = null;
        if (flow.field("ToleratedFailurePercentage") != null) {
            percentage = null;
        } else if (node.has("ToleratedFailurePercentage")) {
            JsonNode p = node.get("ToleratedFailurePercentage");
            if (!p.isNumber() || p.asDouble() < 0 || p.asDouble() > 100) {
                throw bad("ToleratedFailurePercentage must be between 0 and 100", where
                        + "/ToleratedFailurePercentage");
            }
            percentage = new NumberSpec(null, null, p.asDouble());
        } else if (node.has("ToleratedFailurePercentagePath")) {
            percentage = new NumberSpec(null, path(node, "ToleratedFailurePercentagePath", where), null);
        }
        Model.ResultWriter writer = null;
        if (node.has("ResultWriter")) {
            JsonNode w = node.get("ResultWriter");
            String at = where + "/ResultWriter";
            JsonNode wc = w.path("WriterConfig");
            writer = new Model.ResultWriter(textOrNull(w, "Resource"), template(w, "Parameters", at),
                    wc.path("OutputType").asText("JSON"), wc.path("Transformation").asText("NONE"));
        }
        boolean express = "EXPRESS".equals(config.path("ExecutionType").asText());
        return new Model.MapState(name, io(node, where), pathOrNull(node, "ItemsPath", where), selector,
                template(node, "ResultSelector", where), resultPath(node, where), processor, distributed, express,
                number(node, "MaxConcurrency", where), number(node, "ToleratedFailureCount", where), percentage,
                reader, batcher, textOrNull(node, "Label"), writer, retriers(node, where),
                catchers(node, where, names, jsonata),
                transition(node, where, names), flow);
    }

    /** JSONata fields of Map's ItemReader and ItemBatcher, named {@code ItemReader/Arguments} and so on. */
    private static Model.Flow withReaderAndBatcher(final Model.Flow flow, final JsonNode node, final String where) {
        Map<String, Payload> fields = new LinkedHashMap<>(flow.fields());
        JsonNode reader = node.path("ItemReader");
        if (reader.has("Arguments")) {
            fields.put("ItemReader/Arguments", payload(reader, "Arguments", where + "/ItemReader"));
        }
        JsonNode config = reader.path("ReaderConfig");
        if (Payload.isExpression(config.get("MaxItems"))) {
            fields.put("ItemReader/MaxItems", payload(config, "MaxItems", where + "/ItemReader/ReaderConfig"));
        }
        JsonNode batcher = node.path("ItemBatcher");
        for (String field : List.of("MaxItemsPerBatch", "MaxInputBytesPerBatch")) {
            if (Payload.isExpression(batcher.get(field))) {
                fields.put("ItemBatcher/" + field, payload(batcher, field, where + "/ItemBatcher"));
            }
        }
        if (batcher.has("BatchInput")) {
            fields.put("ItemBatcher/BatchInput", payload(batcher, "BatchInput", where + "/ItemBatcher"));
        }
        return new Model.Flow(true, flow.arguments(), flow.output(), flow.assign(), null, fields);
    }

    private static final String[] NO_FIELDS = {};

    private static Model.Flow flow(final JsonNode node, final String where, final boolean jsonata) {
        return flow(node, where, jsonata, NO_FIELDS);
    }

    /** The state's (or rule's, or catcher's) Flow; {@code fields} may hold JSONata in JSONata mode. */
    private static Model.Flow flow(final JsonNode node, final String where, final boolean jsonata,
            final String... fields) {
        if (!jsonata) {
            Template assign = node.has("Assign") ? template(node, "Assign", where) : null;
            return assign == null ? Model.Flow.JSONPATH : new Model.Flow(false, null, null, null, assign, Map.of());
        }
        Map<String, Payload> expressions = new LinkedHashMap<>();
        for (String field : fields) {
            JsonNode v = node.get(field);
            boolean always = field.equals("Condition") || field.equals("Items") || field.equals("ItemSelector");
            if (v != null && (always || Payload.isExpression(v))) {
                expressions.put(field, payload(node, field, where));
            }
        }
        if (node.has("Assign") && !node.get("Assign").isObject()) {
            throw bad("Assign must be an object", where + "/Assign");
        }
        return new Model.Flow(true, payload(node, "Arguments", where), payload(node, "Output", where),
                payload(node, "Assign", where), null, expressions);
    }

    private static Payload payload(final JsonNode node, final String field, final String where) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        try {
            return Payload.compile(v);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage(), where + "/" + field);
        }
    }

    private Io io(final JsonNode node, final String where) {
        JsonNode in = node.get("InputPath");
        JsonNode out = node.get("OutputPath");
        if (in == null && out == null) {
            return Io.DEFAULT;
        }
        return new Io(in != null && !in.isNull() ? path(node, "InputPath", where) : null, in != null && in.isNull(),
                out != null && !out.isNull() ? path(node, "OutputPath", where) : null, out != null && out.isNull());
    }

    private ResultPath resultPath(final JsonNode node, final String where) {
        return resultPath(node, where, "ResultPath");
    }

    private ResultPath resultPath(final JsonNode node, final String where, final String field) {
        JsonNode rp = node.get(field);
        if (rp == null) {
            return ResultPath.ROOT;
        }
        if (rp.isNull()) {
            return new ResultPath(List.of(), true, null);
        }
        JsonPath path = path(node, field, where);
        if (!path.isDefinite() || path.isContext() || path.variable() != null) {
            throw bad("ResultPath must be a reference path: ResultPath=" + path.text(), where + "/" + field);
        }
        return new ResultPath(path.steps(), false, path.text());
    }

    private static Transition transition(final JsonNode node, final String where, final Set<String> names) {
        String next = textOrNull(node, "Next");
        boolean end = node.path("End").asBoolean(false);
        if (next == null && !end) {
            throw bad("MISSING_TRANSITION_TARGET: a state needs Next or End", where);
        }
        if (next != null && end) {
            throw bad("a state cannot have both Next and End", where);
        }
        if (next != null) {
            checkTarget(next, names, where + "/Next");
        }
        return new Transition(next, end);
    }

    private static void checkTarget(final String next, final Set<String> names, final String where) {
        if (!names.isEmpty() && !names.contains(next)) {
            throw bad("MISSING_TRANSITION_TARGET: Missing 'Next' target: " + next, where);
        }
    }

    private static Template template(final JsonNode node, final String field, final String where) {
        JsonNode t = node.get(field);
        if (t == null) {
            return null;
        }
        try {
            return Template.compile(t, field);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage(), where + "/" + field);
        }
    }

    private List<Retrier> retriers(final JsonNode node, final String where) {
        JsonNode retry = node.get("Retry");
        if (retry == null) {
            return List.of();
        }
        if (!retry.isArray()) {
            throw bad("Retry must be an array", where + "/Retry");
        }
        List<Retrier> out = new ArrayList<>();
        for (int i = 0; i < retry.size(); i++) {
            JsonNode r = retry.get(i);
            String at = where + "/Retry/" + i;
            List<String> errors = errorEquals(r, at);
            double interval = r.has("IntervalSeconds") ? r.get("IntervalSeconds").asDouble() : 1;
            int max = r.has("MaxAttempts") ? r.get("MaxAttempts").asInt() : 3;
            double backoff = r.has("BackoffRate") ? r.get("BackoffRate").asDouble() : 2.0;
            if (interval < 1 && r.has("IntervalSeconds")) {
                throw bad("IntervalSeconds must be a positive integer", at + "/IntervalSeconds");
            }
            if (max < 0) {
                throw bad("MaxAttempts must not be negative", at + "/MaxAttempts");
            }
            if (backoff < 1) {
                throw bad("BackoffRate must be at least 1.0", at + "/BackoffRate");
            }
            Long maxDelay = r.has("MaxDelaySeconds") ? r.get("MaxDelaySeconds").asLong() : null;
            String jitter = r.path("JitterStrategy").asText("NONE");
            out.add(new Retrier(errors, interval, max, backoff, maxDelay, "FULL".equals(jitter)));
        }
        return List.copyOf(out);
    }

    private List<Catcher> catchers(final JsonNode node, final String where, final Set<String> names,
            final boolean jsonata) {
        JsonNode c = node.get("Catch");
        if (c == null) {
            return List.of();
        }
        if (!c.isArray()) {
            throw bad("Catch must be an array", where + "/Catch");
        }
        List<Catcher> out = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            String at = where + "/Catch/" + i;
            String next = text(c.get(i), "Next", at);
            checkTarget(next, names, at + "/Next");
            out.add(new Catcher(errorEquals(c.get(i), at), next, resultPath(c.get(i), at),
                    flow(c.get(i), at, jsonata)));
        }
        return List.copyOf(out);
    }

    private static List<String> errorEquals(final JsonNode node, final String where) {
        JsonNode e = node.get("ErrorEquals");
        if (e == null || !e.isArray() || e.isEmpty()) {
            throw bad("ErrorEquals must be a non-empty array of strings", where + "/ErrorEquals");
        }
        List<String> out = new ArrayList<>();
        e.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static NumberSpec number(final JsonNode node, final String field, final String where) {
        JsonNode v = node.get(field);
        JsonNode p = node.get(field + "Path");
        if (Payload.isExpression(v)) {
            return null;
        }
        if (v != null) {
            if (!v.canConvertToExactIntegral() || v.asLong() < 0) {
                throw bad(field + " must be a non-negative integer: " + field + "=" + v, where + "/" + field);
            }
            return new NumberSpec(v.asLong(), null, null);
        }
        if (p != null) {
            return new NumberSpec(null, path(node, field + "Path", where), null);
        }
        return null;
    }

    private static Object pathOrIntrinsic(final JsonNode node, final String field, final String where) {
        String text = textOrNull(node, field);
        if (text == null) {
            return null;
        }
        try {
            return Intrinsic.looksLike(text) ? Intrinsic.compile(text) : JsonPath.compile(text);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage(), where + "/" + field);
        }
    }

    private static JsonPath pathOrNull(final JsonNode node, final String field, final String where) {
        return node.has(field) ? path(node, field, where) : null;
    }

    private static JsonPath path(final JsonNode node, final String field, final String where) {
        JsonNode v = node.get(field);
        if (!v.isTextual()) {
            throw bad(field + " must be a JSONPath string: " + field + "=" + v, where + "/" + field);
        }
        try {
            return JsonPath.compile(v.asText());
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage(), where + "/" + field);
        }
    }

    private static Long positiveLong(final JsonNode v, final String where) {
        if (!v.canConvertToExactIntegral() || v.asLong() <= 0) {
            throw bad("must be a positive integer: " + v, where);
        }
        return v.asLong();
    }

    private static String text(final JsonNode node, final String field, final String where) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw bad(field + " must be a string: " + field + "=" + v, where + "/" + field);
        }
        return v.asText().intern();
    }

    private static String textOrNull(final JsonNode node, final String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText().intern() : null;
    }

    private static IllegalArgumentException bad(final String what, final String where) {
        return new IllegalArgumentException(what + " at " + (where.isEmpty() ? "/" : where));
    }
}
