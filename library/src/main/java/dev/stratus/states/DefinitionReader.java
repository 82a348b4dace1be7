package dev.stratus.states;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Takes a definition's JSON apart into builder calls: every field with a typed setter goes through it, the rest
 * (fields AWS's schema does not know, values of the wrong JSON type in definitions that are not valid) through the
 * generic {@code field} escape, or fail in strict mode, which tests use to prove the typed setters cover a corpus.
 */
final class DefinitionReader {
    /** A Choice operator's factory and the JSON type its value needs. */
    private record Operator(Predicate<JsonNode> accepts, BiFunction<String, JsonNode, ChoiceRule> factory) {
    }

    private static final Map<String, Operator> OPERATORS = new HashMap<>();

    static {
        text("StringEquals", ChoiceRule::stringEquals);
        text("StringEqualsPath", ChoiceRule::stringEqualsPath);
        text("StringLessThan", ChoiceRule::stringLessThan);
        text("StringLessThanPath", ChoiceRule::stringLessThanPath);
        text("StringGreaterThan", ChoiceRule::stringGreaterThan);
        text("StringGreaterThanPath", ChoiceRule::stringGreaterThanPath);
        text("StringLessThanEquals", ChoiceRule::stringLessThanEquals);
        text("StringLessThanEqualsPath", ChoiceRule::stringLessThanEqualsPath);
        text("StringGreaterThanEquals", ChoiceRule::stringGreaterThanEquals);
        text("StringGreaterThanEqualsPath", ChoiceRule::stringGreaterThanEqualsPath);
        number("NumericEquals", ChoiceRule::numericEquals);
        text("NumericEqualsPath", ChoiceRule::numericEqualsPath);
        number("NumericLessThan", ChoiceRule::numericLessThan);
        text("NumericLessThanPath", ChoiceRule::numericLessThanPath);
        number("NumericGreaterThan", ChoiceRule::numericGreaterThan);
        text("NumericGreaterThanPath", ChoiceRule::numericGreaterThanPath);
        number("NumericLessThanEquals", ChoiceRule::numericLessThanEquals);
        text("NumericLessThanEqualsPath", ChoiceRule::numericLessThanEqualsPath);
        number("NumericGreaterThanEquals", ChoiceRule::numericGreaterThanEquals);
        text("NumericGreaterThanEqualsPath", ChoiceRule::numericGreaterThanEqualsPath);
        text("TimestampEquals", ChoiceRule::timestampEquals);
        text("TimestampEqualsPath", ChoiceRule::timestampEqualsPath);
        text("TimestampLessThan", ChoiceRule::timestampLessThan);
        text("TimestampLessThanPath", ChoiceRule::timestampLessThanPath);
        text("TimestampGreaterThan", ChoiceRule::timestampGreaterThan);
        text("TimestampGreaterThanPath", ChoiceRule::timestampGreaterThanPath);
        text("TimestampLessThanEquals", ChoiceRule::timestampLessThanEquals);
        text("TimestampLessThanEqualsPath", ChoiceRule::timestampLessThanEqualsPath);
        text("TimestampGreaterThanEquals", ChoiceRule::timestampGreaterThanEquals);
        text("TimestampGreaterThanEqualsPath", ChoiceRule::timestampGreaterThanEqualsPath);
        text("StringMatches", ChoiceRule::stringMatches);
        bool("BooleanEquals", ChoiceRule::booleanEquals);
        text("BooleanEqualsPath", ChoiceRule::booleanEqualsPath);
        bool("IsNull", ChoiceRule::isNull);
        bool("IsPresent", ChoiceRule::isPresent);
        bool("IsNumeric", ChoiceRule::isNumeric);
        bool("IsString", ChoiceRule::isString);
        bool("IsBoolean", ChoiceRule::isBoolean);
        bool("IsTimestamp", ChoiceRule::isTimestamp);
    }

    private final boolean strict;

    private DefinitionReader(final boolean strict) {
        this.strict = strict;
    }

    /**
     * The builder calls that give back {@code machine}.
     *
     * @param strict whether a field without a typed setter is an error rather than a {@code field} call
     * @throws IllegalArgumentException in strict mode, naming the first field without a typed setter
     */
    static Definition.Builder read(final JsonNode machine, final boolean strict) {
        return new DefinitionReader(strict).block(machine, "");
    }

    private Definition.Builder block(final JsonNode machine, final String path) {
        Definition.Builder b = Definition.builder();
        for (Map.Entry<String, JsonNode> e : machine.properties()) {
            String name = e.getKey();
            JsonNode v = e.getValue();
            boolean typed = true;
            switch (name) {
                case "Comment":
                    typed = v.isTextual() && b.comment(v.asText()) != null;
                    break;
                case "StartAt":
                    typed = v.isTextual() && b.startAt(v.asText()) != null;
                    break;
                case "Version":
                    typed = v.isTextual() && b.version(v.asText()) != null;
                    break;
                case "TimeoutSeconds":
                    typed = isLong(v) && b.timeoutSeconds(v.longValue()) != null;
                    break;
                case "QueryLanguage":
                    typed = language(v) != null && b.queryLanguage(language(v)) != null;
                    break;
                case "States":
                    typed = v.isObject() && !v.isEmpty() && states(b, v, path + "/States");
                    break;
                default:
                    typed = false;
            }
            if (!typed) {
                escape(b, name, v, path);
            }
        }
        return b;
    }

    private boolean states(final Definition.Builder b, final JsonNode states, final String path) {
        for (Map.Entry<String, JsonNode> e : states.properties()) {
            State<?> state = e.getKey().isBlank() ? null : state(e.getValue(), path + "/" + e.getKey());
            if (state == null) {
                if (strict) {
                    throw new IllegalArgumentException("no typed builder for the state at " + path + "/" + e.getKey());
                }
                b.rawState(e.getKey(), e.getValue());
            } else {
                b.state(e.getKey(), state);
            }
        }
        return true;
    }

    private State<?> state(final JsonNode json, final String path) {
        State<?> s = create(json.path("Type").asText(""));
        if (s == null || !json.get("Type").isTextual()) {
            return null;
        }
        for (Map.Entry<String, JsonNode> e : json.properties()) {
            if (!e.getKey().equals("Type") && !field(s, e.getKey(), e.getValue(), path)) {
                escape(s, e.getKey(), e.getValue(), path);
            }
        }
        return s;
    }

    private static State<?> create(final String type) {
        switch (type) {
            case "Pass":
                return new State.Pass();
            case "Task":
                return new State.Task();
            case "Choice":
                return new State.Choice();
            case "Wait":
                return new State.Wait();
            case "Succeed":
                return new State.Succeed();
            case "Fail":
                return new State.Fail();
            case "Parallel":
                return new State.Parallel();
            case "Map":
                return new State.Map();
            default:
                return null;
        }
    }

    /** Sets one field through its typed setter; false when there is none for it or for a value of its type. */
    private boolean field(final State<?> s, final String name, final JsonNode v, final String path) {
        switch (name) {
            case "Comment":
                return v.isTextual() && s.comment(v.asText()) != null;
            case "QueryLanguage":
                return language(v) != null && s.queryLanguage(language(v)) != null;
            default:
                break;
        }
        if (s instanceof State.Io && io((State.Io<?>) s, name, v)) {
            return true;
        }
        if (s instanceof State.Flowing && flowing((State.Flowing<?>) s, name, v)) {
            return true;
        }
        if (s instanceof State.Shaping && shaping((State.Shaping<?>) s, name, v)) {
            return true;
        }
        if (s instanceof State.Fallible && fallible((State.Fallible<?>) s, name, v, path)) {
            return true;
        }
        if (s instanceof State.Pass) {
            return name.equals("Result") && ((State.Pass) s).result(v) != null;
        }
        if (s instanceof State.Task) {
            return task((State.Task) s, name, v);
        }
        if (s instanceof State.Choice) {
            return choice((State.Choice) s, name, v, path);
        }
        if (s instanceof State.Wait) {
            return waitField((State.Wait) s, name, v);
        }
        if (s instanceof State.Fail) {
            return failField((State.Fail) s, name, v);
        }
        if (s instanceof State.Parallel) {
            return parallel((State.Parallel) s, name, v, path);
        }
        if (s instanceof State.Map) {
            return map((State.Map) s, name, v, path);
        }
        return false;
    }

    private static boolean io(final State.Io<?> s, final String name, final JsonNode v) {
        switch (name) {
            case "InputPath":
                return isPath(v) && s.inputPath(v.isNull() ? null : v.asText()) != null;
            case "OutputPath":
                return isPath(v) && s.outputPath(v.isNull() ? null : v.asText()) != null;
            case "Output":
                return s.output(v) != null;
            case "Assign":
                if (s instanceof State.Choice) {
                    return ((State.Choice) s).assign(v) != null;
                }
                return false;
            default:
                return false;
        }
    }

    private static boolean flowing(final State.Flowing<?> s, final String name, final JsonNode v) {
        switch (name) {
            case "Next":
                return v.isTextual() && s.next(v.asText()) != null;
            case "End":
                return v.isBoolean() && v.booleanValue() && s.end() != null;
            case "Assign":
                return s.assign(v) != null;
            default:
                return false;
        }
    }

    private static boolean shaping(final State.Shaping<?> s, final String name, final JsonNode v) {
        switch (name) {
            case "Parameters":
                return s.parameters(v) != null;
            case "ResultPath":
                return isPath(v) && s.resultPath(v.isNull() ? null : v.asText()) != null;
            default:
                return false;
        }
    }

    private boolean fallible(final State.Fallible<?> s, final String name, final JsonNode v, final String path) {
        switch (name) {
            case "ResultSelector":
                return s.resultSelector(v) != null;
            case "Retry":
                if (!allObjects(v)) {
                    return false;
                }
                List<State.Retrier> retriers = new ArrayList<>();
                for (JsonNode r : v) {
                    retriers.add(retrier(r, path + "/Retry"));
                }
                s.retry(retriers.toArray(new State.Retrier[0]));
                return true;
            case "Catch":
                if (!allObjects(v)) {
                    return false;
                }
                List<State.Catcher> catchers = new ArrayList<>();
                for (JsonNode c : v) {
                    catchers.add(catcher(c, path + "/Catch"));
                }
                s.catchError(catchers.toArray(new State.Catcher[0]));
                return true;
            default:
                return false;
        }
    }

    private static boolean task(final State.Task s, final String name, final JsonNode v) {
        switch (name) {
            case "Resource":
                return v.isTextual() && s.resource(v.asText()) != null;
            case "Arguments":
                return s.arguments(v) != null;
            case "TimeoutSeconds":
                return isLong(v) ? s.timeoutSeconds(v.longValue()) != null
                        : v.isTextual() && s.timeoutSeconds(v.asText()) != null;
            case "TimeoutSecondsPath":
                return v.isTextual() && s.timeoutSecondsPath(v.asText()) != null;
            case "HeartbeatSeconds":
                return isLong(v) ? s.heartbeatSeconds(v.longValue()) != null
                        : v.isTextual() && s.heartbeatSeconds(v.asText()) != null;
            case "HeartbeatSecondsPath":
                return v.isTextual() && s.heartbeatSecondsPath(v.asText()) != null;
            case "Credentials":
                return s.credentials(v) != null;
            default:
                return false;
        }
    }

    private boolean choice(final State.Choice s, final String name, final JsonNode v, final String path) {
        switch (name) {
            case "Default":
                return v.isTextual() && s.otherwise(v.asText()) != null;
            case "Choices":
                if (!v.isArray() || v.isEmpty()) {
                    return false;
                }
                for (JsonNode rule : v) {
                    if (!rule.isObject() || !rule.path("Next").isTextual()) {
                        return false;
                    }
                }
                int i = 0;
                for (JsonNode rule : v) {
                    ObjectNode body = ((ObjectNode) rule).deepCopy();
                    String next = body.remove("Next").asText();
                    s.when(rule(body, path + "/Choices/" + i++), next);
                }
                return true;
            default:
                return false;
        }
    }

    private static boolean waitField(final State.Wait s, final String name, final JsonNode v) {
        switch (name) {
            case "Seconds":
                return isLong(v) ? s.seconds(v.longValue()) != null : v.isTextual() && s.seconds(v.asText()) != null;
            case "SecondsPath":
                return v.isTextual() && s.secondsPath(v.asText()) != null;
            case "Timestamp":
                return v.isTextual() && s.timestamp(v.asText()) != null;
            case "TimestampPath":
                return v.isTextual() && s.timestampPath(v.asText()) != null;
            default:
                return false;
        }
    }

    private static boolean failField(final State.Fail s, final String name, final JsonNode v) {
        if (!v.isTextual()) {
            return false;
        }
        switch (name) {
            case "Error":
                return s.error(v.asText()) != null;
            case "ErrorPath":
                return s.errorPath(v.asText()) != null;
            case "Cause":
                return s.cause(v.asText()) != null;
            case "CausePath":
                return s.causePath(v.asText()) != null;
            default:
                return false;
        }
    }

    private boolean parallel(final State.Parallel s, final String name, final JsonNode v, final String path) {
        switch (name) {
            case "Arguments":
                return s.arguments(v) != null;
            case "Branches":
                if (!allObjects(v) || v.isEmpty()) {
                    return false;
                }
                int i = 0;
                for (JsonNode branch : v) {
                    s.branch(block(branch, path + "/Branches/" + i++));
                }
                return true;
            default:
                return false;
        }
    }

    private boolean map(final State.Map s, final String name, final JsonNode v, final String path) {
        switch (name) {
            case "ItemProcessor":
            case "Iterator":
                return v.isObject() && processor(s, name, (ObjectNode) v, path + "/" + name);
            case "ItemsPath":
                return isPath(v) && s.itemsPath(v.isNull() ? null : v.asText()) != null;
            case "Items":
                return s.items(v) != null;
            case "ItemSelector":
                return s.itemSelector(v) != null;
            case "Label":
                return v.isTextual() && s.label(v.asText()) != null;
            case "MaxConcurrency":
                return isLong(v) ? s.maxConcurrency(v.longValue()) != null
                        : v.isTextual() && s.maxConcurrency(v.asText()) != null;
            case "MaxConcurrencyPath":
                return v.isTextual() && s.maxConcurrencyPath(v.asText()) != null;
            case "ToleratedFailureCount":
                return isLong(v) ? s.toleratedFailureCount(v.longValue()) != null
                        : v.isTextual() && s.toleratedFailureCount(v.asText()) != null;
            case "ToleratedFailureCountPath":
                return v.isTextual() && s.toleratedFailureCountPath(v.asText()) != null;
            case "ToleratedFailurePercentage":
                return isDouble(v) ? s.toleratedFailurePercentage(v.doubleValue()) != null
                        : v.isTextual() && s.toleratedFailurePercentage(v.asText()) != null;
            case "ToleratedFailurePercentagePath":
                return v.isTextual() && s.toleratedFailurePercentagePath(v.asText()) != null;
            case "ItemReader":
                return v.isObject() && s.itemReader(resourced(new State.ItemReader(), v, "ReaderConfig",
                        path + "/ItemReader")) != null;
            case "ResultWriter":
                return v.isObject() && s.resultWriter(resourced(new State.ResultWriter(), v, "WriterConfig",
                        path + "/ResultWriter")) != null;
            case "ItemBatcher":
                return v.isObject() && s.itemBatcher(batcher(v, path + "/ItemBatcher")) != null;
            default:
                return false;
        }
    }

    private boolean processor(final State.Map s, final String name, final ObjectNode v, final String path) {
        ObjectNode body = v.deepCopy();
        JsonNode config = body.remove("ProcessorConfig");
        boolean typedConfig = config == null || isProcessorConfig(config)
                && (name.equals("ItemProcessor") || !s.json.has("ItemProcessor"));
        Definition.Builder block = block(body, path);
        if (!typedConfig) {
            escape(block, "ProcessorConfig", config, path);
        }
        if (name.equals("ItemProcessor")) {
            s.itemProcessor(block);
        } else {
            s.iterator(block);
        }
        if (typedConfig && config != null) {
            s.processorConfig(config.has("Mode") ? config.get("Mode").asText() : null,
                    config.has("ExecutionType") ? config.get("ExecutionType").asText() : null);
        }
        return true;
    }

    private static boolean isProcessorConfig(final JsonNode config) {
        if (!config.isObject()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> e : config.properties()) {
            boolean known = e.getKey().equals("Mode") || e.getKey().equals("ExecutionType");
            if (!known || !e.getValue().isTextual()) {
                return false;
            }
        }
        return true;
    }

    private <T extends State.Resourced<T>> T resourced(final T part, final JsonNode v, final String config,
            final String path) {
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            String name = e.getKey();
            JsonNode value = e.getValue();
            boolean typed;
            if (name.equals("Resource")) {
                typed = value.isTextual() && part.resource(value.asText()) != null;
            } else if (name.equals("Parameters")) {
                typed = part.parameters(value) != null;
            } else if (name.equals("Arguments")) {
                typed = part.arguments(value) != null;
            } else if (name.equals(config)) {
                typed = part instanceof State.ItemReader ? ((State.ItemReader) part).readerConfig(value) != null
                        : ((State.ResultWriter) part).writerConfig(value) != null;
            } else {
                typed = false;
            }
            if (!typed) {
                escape(part, name, value, path);
            }
        }
        return part;
    }

    private State.ItemBatcher batcher(final JsonNode v, final String path) {
        State.ItemBatcher b = new State.ItemBatcher();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            JsonNode value = e.getValue();
            boolean typed;
            switch (e.getKey()) {
                case "MaxItemsPerBatch":
                    typed = isLong(value) ? b.maxItemsPerBatch(value.longValue()) != null
                            : value.isTextual() && b.maxItemsPerBatch(value.asText()) != null;
                    break;
                case "MaxItemsPerBatchPath":
                    typed = value.isTextual() && b.maxItemsPerBatchPath(value.asText()) != null;
                    break;
                case "MaxInputBytesPerBatch":
                    typed = isLong(value) ? b.maxInputBytesPerBatch(value.longValue()) != null
                            : value.isTextual() && b.maxInputBytesPerBatch(value.asText()) != null;
                    break;
                case "MaxInputBytesPerBatchPath":
                    typed = value.isTextual() && b.maxInputBytesPerBatchPath(value.asText()) != null;
                    break;
                case "BatchInput":
                    typed = b.batchInput(value) != null;
                    break;
                default:
                    typed = false;
            }
            if (!typed) {
                escape(b, e.getKey(), value, path);
            }
        }
        return b;
    }

    private State.Retrier retrier(final JsonNode v, final String path) {
        State.Retrier r = new State.Retrier();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            JsonNode value = e.getValue();
            boolean typed;
            switch (e.getKey()) {
                case "ErrorEquals":
                    typed = isStrings(value) && r.errorEquals(strings(value)) != null;
                    break;
                case "IntervalSeconds":
                    typed = isLong(value) && r.intervalSeconds(value.longValue()) != null;
                    break;
                case "MaxAttempts":
                    typed = isLong(value) && r.maxAttempts(value.longValue()) != null;
                    break;
                case "BackoffRate":
                    typed = isDouble(value) && r.backoffRate(value.doubleValue()) != null;
                    break;
                case "MaxDelaySeconds":
                    typed = isLong(value) && r.maxDelaySeconds(value.longValue()) != null;
                    break;
                case "JitterStrategy":
                    typed = value.isTextual() && r.jitterStrategy(value.asText()) != null;
                    break;
                case "Comment":
                    typed = value.isTextual() && r.comment(value.asText()) != null;
                    break;
                default:
                    typed = false;
            }
            if (!typed) {
                escape(r, e.getKey(), value, path);
            }
        }
        return r;
    }

    private State.Catcher catcher(final JsonNode v, final String path) {
        State.Catcher c = new State.Catcher();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            JsonNode value = e.getValue();
            boolean typed;
            switch (e.getKey()) {
                case "ErrorEquals":
                    typed = isStrings(value) && c.errorEquals(strings(value)) != null;
                    break;
                case "Next":
                    typed = value.isTextual() && c.next(value.asText()) != null;
                    break;
                case "ResultPath":
                    typed = isPath(value) && c.resultPath(value.isNull() ? null : value.asText()) != null;
                    break;
                case "Output":
                    typed = c.output(value) != null;
                    break;
                case "Assign":
                    typed = c.assign(value) != null;
                    break;
                case "Comment":
                    typed = value.isTextual() && c.comment(value.asText()) != null;
                    break;
                default:
                    typed = false;
            }
            if (!typed) {
                escape(c, e.getKey(), value, path);
            }
        }
        return c;
    }

    /** A Choice rule (without {@code Next}) through the typed factories and modifiers where it fits them. */
    private ChoiceRule rule(final ObjectNode json, final String path) {
        ObjectNode body = json.deepCopy();
        JsonNode comment = body.path("Comment").isTextual() ? body.remove("Comment") : null;
        JsonNode assign = body.remove("Assign");
        JsonNode output = body.remove("Output");
        ChoiceRule rule = core(body, path);
        if (rule == null) {
            if (strict) {
                throw new IllegalArgumentException("no typed rule for " + path + "=" + json);
            }
            return ChoiceRule.of(json);
        }
        if (comment != null) {
            rule = rule.comment(comment.asText());
        }
        if (assign != null) {
            rule = rule.assign(assign);
        }
        return output == null ? rule : rule.output(output);
    }

    private ChoiceRule core(final ObjectNode body, final String path) {
        if (body.size() == 1) {
            String key = body.properties().iterator().next().getKey();
            JsonNode v = body.get(key);
            switch (key) {
                case "And":
                case "Or":
                    if (!allObjects(v) || v.isEmpty()) {
                        return null;
                    }
                    List<ChoiceRule> rules = new ArrayList<>();
                    int i = 0;
                    for (JsonNode r : v) {
                        rules.add(rule((ObjectNode) r, path + "/" + key + "/" + i++));
                    }
                    ChoiceRule[] array = rules.toArray(new ChoiceRule[0]);
                    return key.equals("And") ? ChoiceRule.and(array) : ChoiceRule.or(array);
                case "Not":
                    return v.isObject() ? ChoiceRule.not(rule((ObjectNode) v, path + "/Not")) : null;
                case "Condition":
                    return v.isTextual() ? ChoiceRule.condition(v.asText())
                            : v.isBoolean() ? ChoiceRule.condition(v.booleanValue()) : null;
                default:
                    return null;
            }
        }
        if (body.size() != 2 || !body.path("Variable").isTextual()) {
            return null;
        }
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            Operator op = OPERATORS.get(e.getKey());
            if (op != null && op.accepts().test(e.getValue())) {
                return op.factory().apply(body.get("Variable").asText(), e.getValue());
            }
        }
        return null;
    }

    private void escape(final JsonBuilder<?> builder, final String name, final JsonNode value, final String path) {
        if (strict) {
            throw new IllegalArgumentException("no typed setter for " + path + "/" + name + "=" + value);
        }
        builder.field(name, value);
    }

    private static void text(final String operator, final BiFunction<String, String, ChoiceRule> factory) {
        OPERATORS.put(operator, new Operator(JsonNode::isTextual, (v, x) -> factory.apply(v, x.asText())));
    }

    private static void number(final String operator, final BiFunction<String, Number, ChoiceRule> factory) {
        OPERATORS.put(operator, new Operator(JsonNode::isNumber, (v, x) -> factory.apply(v, x.numberValue())));
    }

    private static void bool(final String operator, final BiFunction<String, Boolean, ChoiceRule> factory) {
        OPERATORS.put(operator, new Operator(JsonNode::isBoolean, (v, x) -> factory.apply(v, x.booleanValue())));
    }

    private static Definition.QueryLanguage language(final JsonNode v) {
        return v.isTextual() ? Definition.QueryLanguage.fromAslName(v.asText()) : null;
    }

    private static boolean isPath(final JsonNode v) {
        return v.isTextual() || v.isNull();
    }

    private static boolean isLong(final JsonNode v) {
        return v.isIntegralNumber() && v.canConvertToLong();
    }

    /** A number a double holds exactly as written, so {@code BigDecimal.valueOf(double)} gives it back. */
    private static boolean isDouble(final JsonNode v) {
        if (!v.isNumber()) {
            return false;
        }
        double d = v.doubleValue();
        return !Double.isInfinite(d) && BigDecimal.valueOf(d).compareTo(v.decimalValue()) == 0;
    }

    private static boolean allObjects(final JsonNode v) {
        if (!v.isArray()) {
            return false;
        }
        for (JsonNode item : v) {
            if (!item.isObject()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isStrings(final JsonNode v) {
        if (!v.isArray()) {
            return false;
        }
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static String[] strings(final JsonNode v) {
        String[] out = new String[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i).asText();
        }
        return out;
    }
}
