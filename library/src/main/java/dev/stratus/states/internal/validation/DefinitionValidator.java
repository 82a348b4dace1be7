package dev.stratus.states.internal.validation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.internal.Json;
import dev.stratus.states.Finding;
import dev.stratus.states.InvalidDefinitionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates an Amazon States Language definition the way AWS Step Functions does on CreateStateMachine and
 * ValidateStateMachineDefinition, collecting every finding in one pass over the parsed tree: the machine and state
 * schema per state type and query language, transitions and reachability, unique state names, path and intrinsic
 * syntax, Retry/Catch and Choice rule structure, nested Parallel branches and Map processors, and the Express
 * restrictions. Recursion follows the definition's nesting and stops at {@link Json#MAX_NESTING_DEPTH} JSON levels
 * (the parser's own limit for text) with a finding, so no input can exhaust the stack.
 *
 * <pre>{@code
 * List<Finding> findings = DefinitionValidator.validate(text, MachineType.STANDARD);
 * DefinitionValidator.requireValid(text, MachineType.STANDARD);   // throws InvalidDefinitionException
 * }</pre>
 */
public final class DefinitionValidator {
    /** AWS's limit on state names. */
    public static final int MAX_STATE_NAME_LENGTH = 80;
    /** AWS's limit on a Distributed Map's {@code Label}. */
    public static final int MAX_LABEL_LENGTH = 40;

    static final String SCHEMA = "SCHEMA_VALIDATION_FAILED";
    static final String MISSING_TARGET = "MISSING_TRANSITION_TARGET";
    static final String UNREACHABLE = "UNREACHABLE_STATE";
    static final String DUPLICATE_NAME = "DUPLICATE_STATE_NAME";
    static final String INVALID_JSON = "INVALID_JSON_DESCRIPTION";
    /** AWS rejects a bad Map Run label with a ValueError-style message rather than a schema message. */
    public static final String INVALID_LABEL = "INVALID_LABEL";

    private static final String JSONPATH = "JSONPath";
    private static final String JSONATA = "JSONata";
    private static final int MAX_RETRY_VALUE = 99_999_999;
    private static final int MAX_DELAY_SECONDS = 31_622_400;
    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern SYNC_VERSIONED = Pattern.compile(".*\\.sync:\\d+");
    private static final Pattern ACTIVITY = Pattern.compile("arn:[^:]+:states:[^:]*:[^:]*:activity:.*");

    private static final Set<String> ROOT_FIELDS = Set.of(
            "Comment", "StartAt", "States", "TimeoutSeconds", "Version", "QueryLanguage");
    private static final Set<String> BRANCH_FIELDS = Set.of("Comment", "StartAt", "States", "QueryLanguage");
    private static final Set<String> PROCESSOR_FIELDS = Set.of(
            "Comment", "StartAt", "States", "QueryLanguage", "ProcessorConfig");
    private static final Set<String> RETRIER_FIELDS = Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts",
            "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment");
    private static final Set<String> CATCHER_FIELDS_PATH = Set.of("ErrorEquals", "Next", "ResultPath", "Comment",
            "Assign");
    private static final Set<String> CATCHER_FIELDS_ATA = Set.of("ErrorEquals", "Next", "Output", "Comment",
            "Assign");
    private static final Set<String> PROCESSOR_CONFIG_FIELDS = Set.of("Mode", "ExecutionType");
    private static final Set<String> EXECUTION_TYPES = Set.of("STANDARD", "EXPRESS");
    private static final Set<String> READER_FIELDS = Set.of("Resource", "ReaderConfig", "Parameters", "Arguments");
    private static final Set<String> WRITER_FIELDS = Set.of("Resource", "WriterConfig", "Parameters", "Arguments");
    private static final Set<String> JSONATA_RULE_FIELDS = Set.of("Condition", "Next", "Comment", "Assign", "Output");
    private static final Set<String> JITTER_STRATEGIES = Set.of("FULL", "NONE");
    private static final Set<String> TERMINAL_TYPES = Set.of("Choice", "Succeed", "Fail");
    private static final Map<String, Set<String>> PATH_FIELDS = new HashMap<>();
    private static final Map<String, Set<String>> ATA_FIELDS = new HashMap<>();
    private static final Map<String, String> OPERATORS = new LinkedHashMap<>();

    static {
        List<String> common = List.of("Type", "Comment", "QueryLanguage");
        List<String> flow = List.of("Next", "End");
        List<String> io = List.of("InputPath", "OutputPath");
        List<String> errors = List.of("Retry", "Catch");
        fields("Pass", common, flow, io, List.of("Parameters", "ResultPath", "Result", "Assign"),
                List.of("Output", "Assign"));
        fields("Task", common, flow, io, List.of("Parameters", "ResultSelector", "ResultPath", "Assign", "Resource",
                "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials",
                "Retry", "Catch"), List.of("Output", "Assign", "Arguments", "Resource", "TimeoutSeconds",
                "HeartbeatSeconds", "Credentials", "Retry", "Catch"));
        fields("Choice", common, List.of(), io, List.of("Choices", "Default", "Assign"),
                List.of("Choices", "Default", "Output", "Assign"));
        fields("Wait", common, flow, io, List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath", "Assign"),
                List.of("Seconds", "Timestamp", "Output", "Assign"));
        fields("Succeed", common, List.of(), io, List.of(), List.of("Output"));
        fields("Fail", common, List.of(), List.of(), List.of("Error", "ErrorPath", "Cause", "CausePath"),
                List.of("Error", "Cause"));
        fields("Parallel", common, flow, io, concat(errors, List.of("Parameters", "ResultSelector", "ResultPath",
                "Branches", "Assign")), concat(errors, List.of("Output", "Assign", "Arguments", "Branches")));
        List<String> map = List.of("Iterator", "ItemProcessor", "ItemReader", "ItemBatcher", "ResultWriter", "Label",
                "ItemSelector", "MaxConcurrency", "ToleratedFailureCount", "ToleratedFailurePercentage", "Assign");
        fields("Map", common, flow, io, concat(errors, concat(map, List.of("Parameters", "ResultSelector",
                "ResultPath", "ItemsPath", "MaxConcurrencyPath", "ToleratedFailureCountPath",
                "ToleratedFailurePercentagePath"))), concat(errors, concat(map, List.of("Output", "Items"))));
        for (String op : List.of("Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals")) {
            OPERATORS.put("String" + op, "STRING");
            OPERATORS.put("Numeric" + op, "NUMBER");
            OPERATORS.put("Timestamp" + op, "TIMESTAMP");
            OPERATORS.put("String" + op + "Path", "PATH");
            OPERATORS.put("Numeric" + op + "Path", "PATH");
            OPERATORS.put("Timestamp" + op + "Path", "PATH");
        }
        OPERATORS.put("StringMatches", "STRING");
        OPERATORS.put("BooleanEquals", "BOOLEAN");
        OPERATORS.put("BooleanEqualsPath", "PATH");
        for (String op : List.of("IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp")) {
            OPERATORS.put(op, "BOOLEAN");
        }
    }

    /** The name TestState gives a lone state when it validates it as a one-state machine. */
    public static final String LONE_STATE_NAME = "StateName";

    private final MachineType machineType;
    private final boolean checkTransitions;
    private final List<Finding> findings = new ArrayList<>();
    private final Deque<PendingBlock> pendingBlocks = new ArrayDeque<>();
    private final Set<String> stateNames = new HashSet<>();
    private String machineLanguage = JSONPATH;

    private DefinitionValidator(final MachineType machineType, final boolean checkTransitions) {
        this.machineType = machineType;
        this.checkTransitions = checkTransitions;
    }

    /** A nested machine (Parallel branch, Map processor) still to check, with its JSON depth. */
    private record PendingBlock(JsonNode machine, String path, Set<String> allowed, int depth) {
    }

    /** A transition from one state to a target name, found while validating a States block. */
    private record Transition(String from, String field, String target, String path) {
    }

    /**
     * Every finding about the definition text, which need not be JSON: malformed JSON gives AWS's
     * {@code INVALID_JSON_DESCRIPTION}, JSON that is not an object {@code Definition must be a valid JSON object}.
     *
     * @throws NullPointerException if an argument is null
     */
    public static List<Finding> validate(final String definition, final MachineType machineType) {
        return check(definition, machineType).findings();
    }

    /**
     * Every finding about a parsed definition, in definition order; empty when AWS would accept it.
     *
     * @throws NullPointerException if an argument is null
     */
    public static List<Finding> validate(final JsonNode definition, final MachineType machineType) {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(machineType, "machineType");
        if (!definition.isObject()) {
            return List.of(new Finding(null, "Definition must be a valid JSON object", SCHEMA,
                    Finding.Severity.ERROR, null));
        }
        DefinitionValidator validator = new DefinitionValidator(machineType, true);
        validator.root(definition);
        return List.copyOf(validator.findings);
    }

    /**
     * Every finding about one state on its own, as the TestState API validates a lone state: inside a one-state
     * machine named {@value #LONE_STATE_NAME} (locations read {@code /States/StateName/...}), whose {@code Next}
     * and {@code Default} targets need not exist.
     *
     * @throws NullPointerException if an argument is null
     */
    public static List<Finding> validateState(final JsonNode state, final MachineType machineType) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(machineType, "machineType");
        ObjectNode machine = Json.MAPPER.createObjectNode().put("StartAt", LONE_STATE_NAME);
        machine.putObject("States").set(LONE_STATE_NAME, state);
        DefinitionValidator validator = new DefinitionValidator(machineType, false);
        validator.root(machine);
        return List.copyOf(validator.findings);
    }

    /**
     * Validates the definition text and returns it parsed, parsing it once.
     *
     * @throws InvalidDefinitionException with AWS's CreateStateMachine message and every finding, if any finding
     *     is an error
     * @throws NullPointerException if an argument is null
     */
    public static JsonNode requireValid(final String definition, final MachineType machineType) {
        Checked checked = check(definition, machineType);
        if (checked.findings().stream().anyMatch(Finding::isError)) {
            throw new InvalidDefinitionException(
                    AwsDiagnostics.createStateMachineMessage(checked.findings(), definition), checked.findings());
        }
        return checked.definition();
    }

    /** A definition parsed once (null when it is not JSON) and its findings. */
    private record Checked(JsonNode definition, List<Finding> findings) {
    }

    private static Checked check(final String definition, final MachineType machineType) {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(machineType, "machineType");
        JsonNode node;
        try {
            node = Json.parse(definition);
        } catch (JsonProcessingException e) {
            return new Checked(null, List.of(syntaxFinding(definition, e)));
        }
        return new Checked(node, validate(node, machineType));
    }

    private static Finding syntaxFinding(final String text, final JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        // Newer Jackson hides the source inside nested locations; AWS's parser shows it.
        String original = e.getOriginalMessage().replace(
                "REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled)", sourceDescription(text));
        if (where == null) {
            return new Finding(null, original, INVALID_JSON, Finding.Severity.ERROR, null);
        }
        String location = "[Source: " + sourceDescription(text) + "; line: " + where.getLineNr() + ", column: "
                + where.getColumnNr() + "]";
        return new Finding(null, original + "\n at " + location, INVALID_JSON, Finding.Severity.ERROR, location);
    }

    /** Jackson 2.12's rendering of a String source, which AWS echoes: at most 500 characters of it. */
    private static String sourceDescription(final String text) {
        int max = 500;
        if (text.length() <= max) {
            return "(String)\"" + text + "\"";
        }
        return "(String)\"" + text.substring(0, max) + "\"[truncated " + (text.length() - max) + " chars]";
    }

    // ---------------------------------------------------------------- machine and blocks

    private void root(final JsonNode root) {
        List<String> missing = new ArrayList<>();
        if (!root.has("States")) {
            missing.add("States");
        }
        if (!root.has("StartAt")) {
            missing.add("StartAt");
        }
        if (!missing.isEmpty()) {
            error("", "These fields are required: " + missing);
        }
        unknownFields(root, ROOT_FIELDS, "");
        stringField(root, "Comment", "");
        stringField(root, "Version", "");
        JsonNode language = root.get("QueryLanguage");
        if (language != null) {
            if (isLanguage(language)) {
                machineLanguage = language.asText();
            } else {
                oneOf("/QueryLanguage", "QueryLanguage", "[JSONPath, JSONata]");
            }
        }
        integerField(root, "TimeoutSeconds", "", 1, MAX_RETRY_VALUE, false);
        block(root, "", 1);
        // Nested machines wait in a queue rather than recursing, so nesting depth costs heap, not stack.
        while (!pendingBlocks.isEmpty()) {
            PendingBlock pending = pendingBlocks.poll();
            nestedNow(pending.machine(), pending.path(), pending.allowed(), pending.depth());
        }
        outerScopeAssignments(root);
    }

    /** A States block with the variables its enclosing blocks assign. */
    private record Scope(JsonNode block, String path, Set<String> outer) {
    }

    /**
     * A Parallel branch or Map iteration reads the variables of the blocks around it but cannot assign them: AWS
     * rejects an inner Assign of a name that an enclosing block assigns. Iterative, like the block checks.
     */
    private void outerScopeAssignments(final JsonNode root) {
        ArrayDeque<Scope> todo = new ArrayDeque<>();
        todo.add(new Scope(root, "", Set.of()));
        while (!todo.isEmpty()) {
            Scope scope = todo.poll();
            JsonNode states = scope.block().get("States");
            if (states == null || !states.isObject()) {
                continue;
            }
            Map<String, String> assigned = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : states.properties()) {
                String at = scope.path() + "/States/" + escape(entry.getKey());
                JsonNode state = entry.getValue();
                assignedNames(state.get("Assign"), at + "/Assign", assigned);
                JsonNode[] lists = {state.get("Catch"), state.get("Choices")};
                String[] fields = {"Catch", "Choices"};
                for (int f = 0; f < lists.length; f++) {
                    if (lists[f] != null && lists[f].isArray()) {
                        for (int i = 0; i < lists[f].size(); i++) {
                            assignedNames(lists[f].get(i).get("Assign"), at + "/" + fields[f] + "/" + i + "/Assign",
                                    assigned);
                        }
                    }
                }
            }
            for (Map.Entry<String, String> a : assigned.entrySet()) {
                if (scope.outer().contains(a.getKey())) {
                    error(a.getValue(), "The variable '" + a.getKey() + "' is assigned in an enclosing scope: a "
                            + "Parallel branch or Map iteration can read it but not assign it");
                }
            }
            Set<String> inner = new HashSet<>(scope.outer());
            inner.addAll(assigned.keySet());
            for (Map.Entry<String, JsonNode> entry : states.properties()) {
                String at = scope.path() + "/States/" + escape(entry.getKey());
                JsonNode state = entry.getValue();
                JsonNode branches = state.get("Branches");
                if (branches != null && branches.isArray()) {
                    for (int i = 0; i < branches.size(); i++) {
                        todo.add(new Scope(branches.get(i), at + "/Branches/" + i, inner));
                    }
                }
                for (String field : new String[] {"ItemProcessor", "Iterator"}) {
                    if (state.has(field) && state.get(field).isObject()) {
                        todo.add(new Scope(state.get(field), at + "/" + field, inner));
                    }
                }
            }
        }
    }

    /** Adds the variable names an Assign object sets (a JSONPath {@code name.$} key sets {@code name}). */
    private static void assignedNames(final JsonNode assign, final String path, final Map<String, String> into) {
        if (assign == null || !assign.isObject()) {
            return;
        }
        for (Iterator<String> names = assign.fieldNames(); names.hasNext();) {
            String key = names.next();
            String variable = key.endsWith(".$") ? key.substring(0, key.length() - 2) : key;
            into.putIfAbsent(variable, path + "/" + escape(key));
        }
    }

    /** A {@code StartAt} + {@code States} block: the machine, a Parallel branch or a Map processor. */
    private void block(final JsonNode block, final String path, final int depth) {
        if (depth > Json.MAX_NESTING_DEPTH) {
            error(path, "The definition is nested deeper than " + Json.MAX_NESTING_DEPTH + " levels");
            return;
        }
        JsonNode startAt = block.get("StartAt");
        JsonNode states = block.get("States");
        if (startAt != null && !startAt.isTextual()) {
            error(path + "/StartAt", "The value for the field 'StartAt' must be a STRING");
        }
        if (states != null && !states.isObject()) {
            error(path + "/States", "The value for the field 'States' must be an OBJECT");
            return;
        }
        if (states == null) {
            return;
        }
        if (states.isEmpty()) {
            error(path + "/States", "Value cannot be empty");
            return;
        }
        List<Transition> transitions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : states.properties()) {
            state(entry.getKey(), entry.getValue(), path + "/States/" + escape(entry.getKey()), transitions,
                    depth + 2);
        }
        if (!checkTransitions) {
            return;
        }
        for (Transition t : transitions) {
            if (!states.has(t.target())) {
                findings.add(Finding.error(MISSING_TARGET, t.path(),
                        "Missing '" + t.field() + "' target: " + t.target()));
            }
        }
        if (startAt == null || !startAt.isTextual()) {
            return;
        }
        if (!states.has(startAt.asText())) {
            findings.add(Finding.error(MISSING_TARGET, path + "/StartAt",
                    "Missing 'StartAt' target: " + startAt.asText()));
            return;
        }
        reachability(states, startAt.asText(), transitions, path);
    }

    private void reachability(final JsonNode states, final String start, final List<Transition> transitions,
            final String path) {
        Map<String, List<String>> edges = new HashMap<>();
        for (Transition t : transitions) {
            edges.computeIfAbsent(t.from(), k -> new ArrayList<>()).add(t.target());
        }
        Set<String> reached = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(start);
        reached.add(start);
        while (!todo.isEmpty()) {
            for (String next : edges.getOrDefault(todo.poll(), List.of())) {
                if (states.has(next) && reached.add(next)) {
                    todo.add(next);
                }
            }
        }
        for (Iterator<String> names = states.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!reached.contains(name)) {
                findings.add(Finding.error(UNREACHABLE, path + "/States/" + escape(name),
                        "State \"" + name + "\" is not reachable."));
            }
        }
    }

    // ---------------------------------------------------------------- states

    private void state(final String name, final JsonNode state, final String path, final List<Transition> out,
            final int depth) {
        if (!stateNames.add(name)) {
            findings.add(Finding.error(DUPLICATE_NAME, path, "Duplicate State name: " + name));
        }
        if (name.length() > MAX_STATE_NAME_LENGTH) {
            error(path, "State name '" + name + "' exceeds the maximum length of " + MAX_STATE_NAME_LENGTH
                    + " characters");
        }
        if (!state.isObject()) {
            error(path, "The value for the field '" + name + "' must be an OBJECT");
            return;
        }
        JsonNode typeNode = state.get("Type");
        if (typeNode == null) {
            error(path, "These fields are required: [Type]");
            return;
        }
        String type = typeNode.asText();
        if (!typeNode.isTextual() || !PATH_FIELDS.containsKey(type)) {
            oneOf(path + "/Type", "Type", "[Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]");
            return;
        }
        String language = language(state, path);
        boolean jsonata = language.equals(JSONATA);
        unknownFields(state, (jsonata ? ATA_FIELDS : PATH_FIELDS).get(type), path);
        stringField(state, "Comment", path);
        transitionFields(name, type, state, path, out);
        if (!jsonata) {
            pathField(state, "InputPath", path, true);
            pathField(state, "OutputPath", path, true);
            referencePathField(state, "ResultPath", path, true);
            template(state, "Parameters", path);
            template(state, "ResultSelector", path);
        }
        if (state.has("Assign")) {
            assign(state.get("Assign"), path + "/Assign", jsonata);
        }
        switch (type) {
            case "Task" -> task(state, path, jsonata);
            case "Choice" -> choice(name, state, path, jsonata, out, depth);
            case "Wait" -> waitState(state, path, jsonata);
            case "Fail" -> fail(state, path, jsonata);
            case "Parallel" -> parallel(state, path, depth);
            case "Map" -> map(state, path, jsonata, depth);
            default -> {
            }
        }
        if (state.has("Retry")) {
            retry(state.get("Retry"), path + "/Retry");
        }
        if (state.has("Catch")) {
            catchers(name, state.get("Catch"), path + "/Catch", jsonata, out);
        }
    }

    private String language(final JsonNode state, final String path) {
        JsonNode node = state.get("QueryLanguage");
        if (node == null) {
            return machineLanguage;
        }
        if (!isLanguage(node)) {
            oneOf(path + "/QueryLanguage", "QueryLanguage", "[JSONPath, JSONata]");
            return machineLanguage;
        }
        if (machineLanguage.equals(JSONATA) && node.asText().equals(JSONPATH)) {
            error(path, "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine");
        }
        return node.asText();
    }

    private void transitionFields(final String name, final String type, final JsonNode state, final String path,
            final List<Transition> out) {
        if (TERMINAL_TYPES.contains(type)) {
            return;
        }
        JsonNode next = state.get("Next");
        JsonNode end = state.get("End");
        if (end != null && !end.isBoolean()) {
            error(path + "/End", "The value for the field 'End' must be a BOOLEAN");
        }
        boolean ends = end != null && end.asBoolean(false);
        if (next != null && !next.isTextual()) {
            error(path + "/Next", "The value for the field 'Next' must be a STRING");
        }
        if ((next == null) == !ends) {
            error(path, "Exactly one of these fields is required: [Next, End]");
        }
        if (next != null && next.isTextual()) {
            out.add(new Transition(name, "Next", next.asText(), path + "/Next"));
        }
    }

    private void task(final JsonNode state, final String path, final boolean jsonata) {
        JsonNode resource = state.get("Resource");
        if (resource == null) {
            error(path, "These fields are required: [Resource]");
        } else if (!resource.isTextual()) {
            error(path + "/Resource", "The value for the field 'Resource' must be a STRING");
        } else {
            resource(resource.asText(), path + "/Resource");
        }
        seconds(state, "TimeoutSeconds", path, jsonata);
        seconds(state, "HeartbeatSeconds", path, jsonata);
        JsonNode timeout = state.get("TimeoutSeconds");
        JsonNode heartbeat = state.get("HeartbeatSeconds");
        if (timeout != null && heartbeat != null && timeout.canConvertToLong() && heartbeat.canConvertToLong()
                && timeout.isIntegralNumber() && heartbeat.isIntegralNumber()
                && heartbeat.asLong() >= timeout.asLong()) {
            error(path + "/HeartbeatSeconds",
                    "The value for the field 'HeartbeatSeconds' must be smaller than the field 'TimeoutSeconds'");
        }
        JsonNode credentials = state.get("Credentials");
        if (credentials != null) {
            String at = path + "/Credentials";
            if (!credentials.isObject()) {
                error(at, "The value for the field 'Credentials' must be an OBJECT");
            } else {
                if (!credentials.has("RoleArn") && (jsonata || !credentials.has("RoleArn.$"))) {
                    error(at, "The field 'RoleArn' is required but was missing");
                }
                if (!jsonata) {
                    template(credentials, at);
                }
            }
        }
    }

    private void resource(final String resource, final String path) {
        if (!resource.startsWith("arn:")) {
            error(path, "The value for the field 'Resource' must be a valid ARN");
            return;
        }
        if (machineType != MachineType.EXPRESS) {
            return;
        }
        if (resource.endsWith(".waitForTaskToken")) {
            error(path, "Express state machine does not support '.waitForTaskToken' service integration ");
        } else if (resource.endsWith(".sync") || SYNC_VERSIONED.matcher(resource).matches()) {
            error(path, "Express state machine does not support '.sync' service integration");
        } else if (ACTIVITY.matcher(resource).matches()) {
            error(path, "Express state machine does not support Activities");
        }
    }

    /** {@code TimeoutSeconds}-like fields: a positive integer, a JSONata expression, or (JSONPath) a path twin. */
    private void seconds(final JsonNode state, final String field, final String path, final boolean jsonata) {
        integerField(state, field, path, 1, MAX_RETRY_VALUE, jsonata);
        if (!jsonata) {
            referencePathField(state, field + "Path", path, false);
            exclusive(state, field, field + "Path", path);
        }
    }

    private void waitState(final JsonNode state, final String path, final boolean jsonata) {
        List<String> present = new ArrayList<>();
        for (String field : List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath")) {
            if (state.has(field) && (!jsonata || !field.endsWith("Path"))) {
                present.add(field);
            }
        }
        if (present.size() != 1) {
            error(path, jsonata ? "Exactly one of these fields is required: [Seconds, Timestamp]"
                    : "Exactly one of these fields is required: [Seconds, Timestamp, SecondsPath, TimestampPath]");
        }
        integerField(state, "Seconds", path, 0, MAX_RETRY_VALUE, jsonata);
        JsonNode timestamp = state.get("Timestamp");
        if (timestamp != null && !(jsonata && isExpression(timestamp))) {
            if (!timestamp.isTextual() || !isTimestamp(timestamp.asText())) {
                error(path + "/Timestamp", "The value for the field 'Timestamp' must be a valid ISO-8601 timestamp");
            }
        }
        if (!jsonata) {
            referencePathField(state, "SecondsPath", path, false);
            referencePathField(state, "TimestampPath", path, false);
        }
    }

    private void fail(final JsonNode state, final String path, final boolean jsonata) {
        stringField(state, "Error", path);
        stringField(state, "Cause", path);
        if (!jsonata) {
            for (String field : List.of("ErrorPath", "CausePath")) {
                JsonNode value = state.get(field);
                if (value != null && (!value.isTextual() || !PathSyntax.isPathOrIntrinsic(value.asText()))) {
                    error(path + "/" + field, "The value for the field '" + field
                            + "' must be a valid JSONPath or a valid intrinsic function call");
                }
            }
            exclusive(state, "Error", "ErrorPath", path);
            exclusive(state, "Cause", "CausePath", path);
        }
    }

    private void parallel(final JsonNode state, final String path, final int depth) {
        JsonNode branches = state.get("Branches");
        if (branches == null) {
            error(path, "These fields are required: [Branches]");
            return;
        }
        if (!array(branches, "Branches", path + "/Branches")) {
            return;
        }
        for (int i = 0; i < branches.size(); i++) {
            nested(branches.get(i), path + "/Branches/" + i, BRANCH_FIELDS, depth + 2);
        }
    }

    private void nested(final JsonNode machine, final String path, final Set<String> allowed, final int depth) {
        pendingBlocks.add(new PendingBlock(machine, path, allowed, depth));
    }

    private void nestedNow(final JsonNode machine, final String path, final Set<String> allowed, final int depth) {
        if (!machine.isObject()) {
            error(path, "The value must be an OBJECT");
            return;
        }
        List<String> missing = new ArrayList<>();
        if (!machine.has("States")) {
            missing.add("States");
        }
        if (!machine.has("StartAt")) {
            missing.add("StartAt");
        }
        if (!missing.isEmpty()) {
            error(path, "These fields are required: " + missing);
        }
        unknownFields(machine, allowed, path);
        stringField(machine, "Comment", path);
        block(machine, path, depth);
    }

    private void map(final JsonNode state, final String path, final boolean jsonata, final int depth) {
        JsonNode processor = state.get("ItemProcessor");
        JsonNode iterator = state.get("Iterator");
        if (processor == null && iterator == null) {
            error(path, "These fields are required: [ItemProcessor]");
        } else if (processor != null && iterator != null) {
            error(path, "Exactly one of these fields is required: [ItemProcessor, Iterator]");
        }
        String processorField = processor != null ? "ItemProcessor" : "Iterator";
        JsonNode body = processor != null ? processor : iterator;
        boolean distributed = false;
        if (body != null) {
            String at = path + "/" + processorField;
            JsonNode config = body.get("ProcessorConfig");
            if (config != null) {
                distributed = processorConfig(config, at + "/ProcessorConfig");
            }
            nested(body, at, PROCESSOR_FIELDS, depth + 1);
        }
        exclusive(state, "ItemSelector", "Parameters", path);
        if (!jsonata) {
            template(state, "ItemSelector", path);
            referencePathField(state, "ItemsPath", path, false);
            for (String field : List.of("MaxConcurrency", "ToleratedFailureCount", "ToleratedFailurePercentage")) {
                referencePathField(state, field + "Path", path, false);
                exclusive(state, field, field + "Path", path);
            }
        } else {
            JsonNode items = state.get("Items");
            if (items != null && !items.isArray() && !isExpression(items)) {
                error(path + "/Items", "The value for the field 'Items' must be an ARRAY or a JSONata expression");
            }
        }
        integerField(state, "MaxConcurrency", path, 0, Integer.MAX_VALUE, jsonata);
        integerField(state, "ToleratedFailureCount", path, 0, Integer.MAX_VALUE, jsonata);
        JsonNode percentage = state.get("ToleratedFailurePercentage");
        if (percentage != null && !(jsonata && isExpression(percentage))
                && (!percentage.isNumber() || percentage.asDouble() < 0 || percentage.asDouble() > 100)) {
            error(path + "/ToleratedFailurePercentage",
                    "The value for the field 'ToleratedFailurePercentage' must be a NUMBER between 0 and 100");
        }
        objectWithResource(state, "ItemReader", path, true, jsonata);
        objectWithResource(state, "ResultWriter", path, false, jsonata);
        JsonNode batcher = state.get("ItemBatcher");
        if (batcher != null) {
            if (!batcher.isObject()) {
                error(path + "/ItemBatcher", "The value for the field 'ItemBatcher' must be an OBJECT");
            } else {
                itemBatcher(batcher, path + "/ItemBatcher", jsonata);
            }
        }
        JsonNode label = state.get("Label");
        if (label != null) {
            label(label, path + "/Label");
        }
        if (!distributed) {
            for (String field : List.of("ItemReader", "ItemBatcher", "ResultWriter", "Label")) {
                if (state.has(field)) {
                    error(path + "/" + field, "The field '" + field + "' is only supported in DISTRIBUTED mode");
                }
            }
        }
    }

    private boolean processorConfig(final JsonNode config, final String path) {
        if (!config.isObject()) {
            error(path, "The value for the field 'ProcessorConfig' must be an OBJECT");
            return false;
        }
        unknownFields(config, PROCESSOR_CONFIG_FIELDS, path);
        JsonNode mode = config.get("Mode");
        boolean distributed = mode != null && "DISTRIBUTED".equals(mode.asText());
        if (mode != null && !(mode.isTextual() && (distributed || mode.asText().equals("INLINE")))) {
            oneOf(path + "/Mode", "Mode", "[INLINE, DISTRIBUTED]");
        }
        JsonNode executionType = config.get("ExecutionType");
        if (executionType != null && !(executionType.isTextual()
                && EXECUTION_TYPES.contains(executionType.asText()))) {
            oneOf(path + "/ExecutionType", "ExecutionType", "[STANDARD, EXPRESS]");
        }
        if (distributed && executionType == null) {
            error(path, "These fields are required: [ExecutionType]");
        }
        return distributed;
    }

    private void objectWithResource(final JsonNode state, final String field, final String path,
            final boolean reader, final boolean jsonata) {
        JsonNode node = state.get(field);
        if (node == null) {
            return;
        }
        String at = path + "/" + field;
        if (!node.isObject()) {
            error(at, "The value for the field '" + field + "' must be an OBJECT");
            return;
        }
        JsonNode resource = node.get("Resource");
        // AWS lets a ResultWriter carry only a WriterConfig (transform the result, write nothing to S3).
        if (resource == null && reader) {
            error(at, "These fields are required: [Resource]");
        } else if (resource != null && (!resource.isTextual() || !resource.asText().startsWith("arn:"))) {
            error(at + "/Resource", "The value for the field 'Resource' must be a valid ARN");
        }
        unknownFields(node, reader ? READER_FIELDS : WRITER_FIELDS, at);
        if (!jsonata) {
            template(node, "Parameters", at);
        }
        JsonNode config = node.get(reader ? "ReaderConfig" : "WriterConfig");
        if (config == null) {
            return;
        }
        String configPath = at + (reader ? "/ReaderConfig" : "/WriterConfig");
        if (!config.isObject()) {
            error(configPath, "The value for the field '" + (reader ? "ReaderConfig" : "WriterConfig")
                    + "' must be an OBJECT");
        } else if (reader) {
            enumField(config, "InputType", configPath, "[CSV, JSON, JSONL, MANIFEST, PARQUET]");
            enumField(config, "CSVHeaderLocation", configPath, "[FIRST_ROW, GIVEN]");
            integerField(config, "MaxItems", configPath, 0, Integer.MAX_VALUE, jsonata);
            if (!jsonata) {
                referencePathField(config, "MaxItemsPath", configPath, false);
                exclusive(config, "MaxItems", "MaxItemsPath", configPath);
            }
        } else {
            enumField(config, "OutputType", configPath, "[JSON, JSONL]");
            enumField(config, "Transformation", configPath, "[NONE, COMPACT, FLATTEN]");
        }
    }

    private void itemBatcher(final JsonNode batcher, final String path, final boolean jsonata) {
        boolean limited = false;
        for (String field : List.of("MaxItemsPerBatch", "MaxInputBytesPerBatch")) {
            limited |= batcher.has(field) || (!jsonata && batcher.has(field + "Path"));
            integerField(batcher, field, path, 1, Integer.MAX_VALUE, jsonata);
            if (!jsonata) {
                referencePathField(batcher, field + "Path", path, false);
                exclusive(batcher, field, field + "Path", path);
            }
        }
        if (!limited) {
            error(path, jsonata ? "At least one of these fields is required: [MaxItemsPerBatch,"
                    + " MaxInputBytesPerBatch]" : "At least one of these fields is required: [MaxItemsPerBatch,"
                    + " MaxItemsPerBatchPath, MaxInputBytesPerBatch, MaxInputBytesPerBatchPath]");
        }
        if (!jsonata) {
            template(batcher, "BatchInput", path);
        }
    }

    /** A field whose value, when present, must be one of {@code values} (written {@code [A, B]}). */
    private void enumField(final JsonNode owner, final String field, final String path, final String values) {
        JsonNode value = owner.get(field);
        if (value != null && !(value.isTextual()
                && List.of(values.substring(1, values.length() - 1).split(", ")).contains(value.asText()))) {
            oneOf(path + "/" + field, field, values);
        }
    }

    /** A Map Run label: 1 to 40 characters, no whitespace, control characters or {@code ?*<>{}[]"#%\^|~`$&,;:/}. */
    private void label(final JsonNode label, final String path) {
        if (!label.isTextual()) {
            error(path, "The value for the field 'Label' must be a STRING");
            return;
        }
        String text = label.asText();
        String problem = null;
        if (text.isEmpty()) {
            problem = "Label cannot be empty";
        } else if (text.codePointCount(0, text.length()) > MAX_LABEL_LENGTH) {
            problem = "Label cannot exceed " + MAX_LABEL_LENGTH + " characters";
        } else {
            for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
                int c = text.codePointAt(i);
                if (isInvalidLabelCharacter(c)) {
                    problem = "Label contains invalid character: " + PythonRepr.of(new String(Character.toChars(c)));
                    break;
                }
            }
        }
        if (problem != null) {
            findings.add(Finding.error(INVALID_LABEL, path, problem));
        }
    }

    static boolean isInvalidLabelCharacter(final int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c <= 0x1f || (c >= 0x7f && c <= 0x9f)
                || "?*<>{}[]\"#%\\^|~`$&,;:/".indexOf(c) >= 0;
    }

    // ---------------------------------------------------------------- Choice

    private void choice(final String name, final JsonNode state, final String path, final boolean jsonata,
            final List<Transition> out, final int depth) {
        JsonNode choices = state.get("Choices");
        if (choices == null) {
            error(path, "These fields are required: [Choices]");
        } else if (array(choices, "Choices", path + "/Choices")) {
            for (int i = 0; i < choices.size(); i++) {
                String at = path + "/Choices/" + i;
                JsonNode rule = choices.get(i);
                if (jsonata) {
                    jsonataRule(rule, at);
                } else {
                    rule(rule, at, depth + 2);
                }
                JsonNode next = rule.get("Next");
                if (rule.isObject() && next == null) {
                    error(at, "These fields are required: [Next]");
                } else if (next != null && !next.isTextual()) {
                    error(at + "/Next", "The value for the field 'Next' must be a STRING");
                } else if (next != null) {
                    out.add(new Transition(name, "Next", next.asText(), at + "/Next"));
                }
                if (rule.isObject()) {
                    assign(rule.get("Assign"), at + "/Assign", jsonata);
                }
            }
        }
        JsonNode fallback = state.get("Default");
        if (fallback != null) {
            if (!fallback.isTextual()) {
                error(path + "/Default", "The value for the field 'Default' must be a STRING");
            } else {
                out.add(new Transition(name, "Default", fallback.asText(), path + "/Default"));
            }
        }
    }

    private void jsonataRule(final JsonNode rule, final String path) {
        if (!rule.isObject()) {
            error(path, "The value must be an OBJECT");
            return;
        }
        unknownFields(rule, JSONATA_RULE_FIELDS, path);
        JsonNode condition = rule.get("Condition");
        if (condition == null) {
            error(path, "These fields are required: [Condition]");
        } else if (!condition.isBoolean() && !isExpression(condition)) {
            error(path + "/Condition", "The value for the field 'Condition' must be a JSONata expression");
        }
    }

    /** A Choice rule still to check: its node, JSON pointer, whether it is a top-level rule, its JSON depth. */
    private record PendingRule(JsonNode node, String path, boolean top, int depth) {
    }

    /** Checks a Choice rule and its nested And/Or/Not rules in document order, with a work stack, not recursion. */
    private void rule(final JsonNode topRule, final String topPath, final int topDepth) {
        Deque<PendingRule> todo = new ArrayDeque<>();
        todo.push(new PendingRule(topRule, topPath, true, topDepth));
        while (!todo.isEmpty()) {
            PendingRule pending = todo.pop();
            JsonNode rule = pending.node();
            String path = pending.path();
            if (pending.depth() > Json.MAX_NESTING_DEPTH) {
                error(path, "The definition is nested deeper than " + Json.MAX_NESTING_DEPTH + " levels");
                continue;
            }
            if (!rule.isObject()) {
                error(path, "The value must be an OBJECT");
                continue;
            }
            String operator = ruleOperator(rule, path, pending.top());
            if (operator == null) {
                continue;
            }
            JsonNode value = rule.get(operator);
            if (operator.equals("And") || operator.equals("Or") || operator.equals("Not")) {
                if (rule.has("Variable")) {
                    unsupported(path, "Variable");
                }
                if (operator.equals("Not")) {
                    todo.push(new PendingRule(value, path + "/Not", false, pending.depth() + 1));
                } else if (array(value, operator, path + "/" + operator)) {
                    for (int i = value.size() - 1; i >= 0; i--) {
                        todo.push(new PendingRule(value.get(i), path + "/" + operator + "/" + i, false,
                                pending.depth() + 2));
                    }
                }
                continue;
            }
            JsonNode variable = rule.get("Variable");
            if (variable == null) {
                error(path, "These fields are required: [Variable]");
            } else if (!variable.isTextual() || !PathSyntax.isPath(variable.asText())) {
                error(path + "/Variable", "The value for the field 'Variable' must be a valid JSONPath");
            }
            operand(operator, value, path + "/" + operator);
        }
    }

    /** The one operator of a rule (a comparison, And, Or or Not), or null after reporting why there is none. */
    private String ruleOperator(final JsonNode rule, final String path, final boolean top) {
        List<String> operators = new ArrayList<>(1);
        for (Iterator<String> names = rule.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (OPERATORS.containsKey(field) || field.equals("And") || field.equals("Or") || field.equals("Not")) {
                operators.add(field);
            } else if (!field.equals("Variable") && !field.equals("Comment")
                    && !(top && (field.equals("Next") || field.equals("Assign")))) {
                unsupported(path, field);
            }
        }
        if (operators.size() != 1) {
            error(path, operators.isEmpty() ? "A Choice Rule must have exactly one comparison operator or "
                    + "one of [And, Or, Not]" : "A Choice Rule must not have more than one operator: " + operators);
            return null;
        }
        return operators.get(0);
    }

    private void operand(final String operator, final JsonNode value, final String path) {
        String kind = OPERATORS.get(operator);
        boolean ok = switch (kind) {
            case "STRING" -> value.isTextual();
            case "NUMBER" -> value.isNumber();
            case "BOOLEAN" -> value.isBoolean();
            case "TIMESTAMP" -> value.isTextual() && isTimestamp(value.asText());
            default -> value.isTextual() && PathSyntax.isPath(value.asText());
        };
        if (!ok) {
            String expected = switch (kind) {
                case "STRING" -> "a STRING";
                case "NUMBER" -> "a NUMBER";
                case "BOOLEAN" -> "a BOOLEAN";
                case "TIMESTAMP" -> "a valid ISO-8601 timestamp";
                default -> "a valid JSONPath";
            };
            error(path, "The value for the field '" + operator + "' must be " + expected);
        }
    }

    // ---------------------------------------------------------------- Retry and Catch

    private void retry(final JsonNode retriers, final String path) {
        if (!retriers.isArray()) {
            error(path, "The value for the field 'Retry' must be an ARRAY");
            return;
        }
        for (int i = 0; i < retriers.size(); i++) {
            JsonNode retrier = retriers.get(i);
            String at = path + "/" + i;
            if (!retrier.isObject()) {
                error(at, "The value must be an OBJECT");
                continue;
            }
            unknownFields(retrier, RETRIER_FIELDS, at);
            boolean all = errorEquals(retrier, at);
            if (all && i != retriers.size() - 1) {
                error(at + "/ErrorEquals", "States.ALL must appear only in the last retrier");
            }
            integerField(retrier, "IntervalSeconds", at, 1, MAX_RETRY_VALUE, false);
            integerField(retrier, "MaxAttempts", at, 0, MAX_RETRY_VALUE, false);
            integerField(retrier, "MaxDelaySeconds", at, 1, MAX_DELAY_SECONDS, false);
            JsonNode backoff = retrier.get("BackoffRate");
            if (backoff != null && (!backoff.isNumber() || backoff.asDouble() < 1.0)) {
                error(at + "/BackoffRate",
                        "The value for the field 'BackoffRate' must be a NUMBER of at least 1.0");
            }
            JsonNode jitter = retrier.get("JitterStrategy");
            if (jitter != null && !(jitter.isTextual() && JITTER_STRATEGIES.contains(jitter.asText()))) {
                oneOf(at + "/JitterStrategy", "JitterStrategy", "[FULL, NONE]");
            }
        }
    }

    private void catchers(final String name, final JsonNode catchers, final String path, final boolean jsonata,
            final List<Transition> out) {
        if (!catchers.isArray()) {
            error(path, "The value for the field 'Catch' must be an ARRAY");
            return;
        }
        for (int i = 0; i < catchers.size(); i++) {
            JsonNode catcher = catchers.get(i);
            String at = path + "/" + i;
            if (!catcher.isObject()) {
                error(at, "The value must be an OBJECT");
                continue;
            }
            unknownFields(catcher, jsonata ? CATCHER_FIELDS_ATA : CATCHER_FIELDS_PATH, at);
            JsonNode next = catcher.get("Next");
            if (next == null) {
                error(at, catcher.has("ErrorEquals") ? "These fields are required: [Next]"
                        : "These fields are required: [ErrorEquals, Next]");
            } else if (!next.isTextual()) {
                error(at + "/Next", "The value for the field 'Next' must be a STRING");
            } else {
                out.add(new Transition(name, "Next", next.asText(), at + "/Next"));
            }
            boolean all = catcher.has("ErrorEquals") ? errorEquals(catcher, at) : false;
            if (all && i != catchers.size() - 1) {
                error(at + "/ErrorEquals", "States.ALL must appear only in the last catcher");
            }
            if (!jsonata) {
                referencePathField(catcher, "ResultPath", at, true);
            }
            assign(catcher.get("Assign"), at + "/Assign", jsonata);
        }
    }

    /** Checks {@code ErrorEquals}; true when it is {@code ["States.ALL"]}. */
    private boolean errorEquals(final JsonNode owner, final String path) {
        JsonNode errors = owner.get("ErrorEquals");
        if (errors == null) {
            error(path, "These fields are required: [ErrorEquals]");
            return false;
        }
        if (!array(errors, "ErrorEquals", path + "/ErrorEquals")) {
            return false;
        }
        boolean all = false;
        for (int i = 0; i < errors.size(); i++) {
            JsonNode error = errors.get(i);
            if (!error.isTextual()) {
                error(path + "/ErrorEquals/" + i, "The value for the field 'ErrorEquals' must be an ARRAY of STRING");
            } else if (error.asText().equals("States.ALL")) {
                all = true;
            }
        }
        if (all && errors.size() > 1) {
            error(path + "/ErrorEquals", "States.ALL must appear alone in 'ErrorEquals'");
        }
        return all;
    }

    // ---------------------------------------------------------------- templates, variables, fields

    /**
     * One value of a template still to check: its node, the key it sits under (or its array index), and its parent,
     * so its JSON pointer is built only for a value that is wrong.
     */
    private record TemplateItem(JsonNode node, String key, int index, TemplateItem parent, String rootPath) {
        String path() {
            Deque<String> steps = new ArrayDeque<>();
            for (TemplateItem item = this; item != null; item = item.parent()) {
                steps.push(item.parent() == null ? item.rootPath()
                        : item.index() >= 0 ? "/" + item.index() : "/" + escape(item.key()));
            }
            return String.join("", steps);
        }
    }

    /** Checks the template in {@code owner}'s {@code field}, if present. */
    private void template(final JsonNode owner, final String field, final String ownerPath) {
        JsonNode template = owner.get(field);
        if (template != null && template.isContainerNode()) {
            template(template, ownerPath + "/" + field);
        }
    }

    /** Walks a Parameters-like template in document order without recursion, checking every {@code key.$} value. */
    private void template(final JsonNode template, final String path) {
        Deque<TemplateItem> todo = new ArrayDeque<>();
        todo.push(new TemplateItem(template, "", -1, null, path));
        List<TemplateItem> children = new ArrayList<>();
        while (!todo.isEmpty()) {
            TemplateItem item = todo.pop();
            JsonNode node = item.node();
            if (item.key().endsWith(".$")) {
                if (!node.isTextual() || !PathSyntax.isPathOrIntrinsic(node.asText())) {
                    error(item.path(), "The value for the field '" + item.key()
                            + "' must be a valid JSONPath or a valid intrinsic function call");
                }
                continue;
            }
            children.clear();
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    JsonNode value = field.getValue();
                    String key = field.getKey();
                    if (key.endsWith(".$") || value.isContainerNode()) {
                        children.add(new TemplateItem(value, key, -1, item, null));
                    }
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    if (node.get(i).isContainerNode()) {
                        children.add(new TemplateItem(node.get(i), "", i, item, null));
                    }
                }
            }
            for (int i = children.size() - 1; i >= 0; i--) {
                todo.push(children.get(i));
            }
        }
    }

    private void assign(final JsonNode assign, final String path, final boolean jsonata) {
        if (assign == null) {
            return;
        }
        if (!assign.isObject()) {
            if (!(jsonata && isExpression(assign))) {
                error(path, "The value for the field 'Assign' must be an OBJECT");
            }
            return;
        }
        for (Iterator<String> names = assign.fieldNames(); names.hasNext();) {
            String key = names.next();
            String variable = !jsonata && key.endsWith(".$") ? key.substring(0, key.length() - 2) : key;
            if (!isVariableName(variable)) {
                error(path + "/" + escape(key), "The variable name '" + variable + "' is not valid");
            }
        }
        if (!jsonata) {
            template(assign, path);
        }
    }

    static boolean isVariableName(final String name) {
        if (name.isEmpty() || name.length() > MAX_STATE_NAME_LENGTH || name.equals("states")) {
            return false;
        }
        int first = name.codePointAt(0);
        if (!Character.isUnicodeIdentifierStart(first) && first != '_') {
            return false;
        }
        for (int i = Character.charCount(first); i < name.length(); i = name.offsetByCodePoints(i, 1)) {
            if (!Character.isUnicodeIdentifierPart(name.codePointAt(i))
                    || Character.isIdentifierIgnorable(name.codePointAt(i))) {
                return false;
            }
        }
        return true;
    }

    private void unknownFields(final JsonNode node, final Set<String> allowed, final String path) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!allowed.contains(field)) {
                unsupported(path, field);
            }
        }
    }

    private void unsupported(final String path, final String field) {
        error(path, "The field '" + field + "' is not supported by Step Functions");
    }

    private void stringField(final JsonNode owner, final String field, final String path) {
        JsonNode value = owner.get(field);
        if (value != null && !value.isTextual()) {
            error(path + "/" + field, "The value for the field '" + field + "' must be a STRING");
        }
    }

    private void integerField(final JsonNode owner, final String field, final String path, final long min,
            final long max, final boolean expressionAllowed) {
        JsonNode value = owner.get(field);
        if (value == null || (expressionAllowed && isExpression(value))) {
            return;
        }
        boolean integral = value.isIntegralNumber()
                || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
        if (!integral || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
            error(path + "/" + field, "The value for the field '" + field + "' must be an INTEGER between " + min
                    + " and " + max);
        }
    }

    private void pathField(final JsonNode owner, final String field, final String path, final boolean nullable) {
        JsonNode value = owner.get(field);
        if (value == null || (nullable && value.isNull())) {
            return;
        }
        if (!value.isTextual() || !PathSyntax.isPath(value.asText())) {
            error(path + "/" + field, "The value for the field '" + field + "' must be a valid JSONPath");
        }
    }

    private void referencePathField(final JsonNode owner, final String field, final String path,
            final boolean nullable) {
        JsonNode value = owner.get(field);
        if (value == null || (nullable && value.isNull())) {
            return;
        }
        if (!value.isTextual() || !PathSyntax.isPath(value.asText())) {
            error(path + "/" + field, "The value for the field '" + field + "' must be a valid JSONPath");
        } else if (!PathSyntax.isReferencePath(value.asText())
                || (field.equals("ResultPath") && !isInputReference(value.asText()))) {
            error(path + "/" + field, "The value for the field '" + field + "' must be a valid ReferencePath");
        }
    }

    /** An enumerated field with a value outside its set, worded as AWS words it. */
    private void oneOf(final String path, final String field, final String values) {
        error(path, "The field '" + field + "' should have one of these values: " + values);
    }

    /** Whether {@code value} is a non-empty array; reports it otherwise. */
    private boolean array(final JsonNode value, final String field, final String path) {
        if (!value.isArray()) {
            error(path, "The value for the field '" + field + "' must be an ARRAY");
            return false;
        }
        if (value.isEmpty()) {
            error(path, "Value cannot be empty");
            return false;
        }
        return true;
    }

    private void exclusive(final JsonNode owner, final String first, final String second, final String path) {
        if (owner.has(first) && owner.has(second)) {
            error(path, "These fields are mutually exclusive: [" + first + ", " + second + "]");
        }
    }

    private void error(final String path, final String message) {
        findings.add(Finding.error(SCHEMA, path.isEmpty() ? "/" : path, message));
    }

    /** ResultPath writes into the state's input: {@code $}-rooted, never the context object or a variable. */
    private static boolean isInputReference(final String path) {
        return path.length() == 1 || path.charAt(1) == '.' || path.charAt(1) == '[';
    }

    private static boolean isLanguage(final JsonNode node) {
        return node.isTextual() && (node.asText().equals(JSONPATH) || node.asText().equals(JSONATA));
    }

    private static boolean isExpression(final JsonNode node) {
        if (!node.isTextual()) {
            return false;
        }
        String text = node.asText();
        return text.startsWith("{%") && text.endsWith("%}") && text.length() >= 4;
    }

    /** RFC 3339 as AWS accepts it: date, {@code T}, time with optional fraction, {@code Z} or an offset. */
    static boolean isTimestamp(final String text) {
        return TIMESTAMP.matcher(text).matches();
    }

    static String escape(final String name) {
        return name.indexOf('~') < 0 && name.indexOf('/') < 0 ? name : name.replace("~", "~0").replace("/", "~1");
    }

    private static void fields(final String type, final List<String> common, final List<String> flow,
            final List<String> io, final List<String> path, final List<String> jsonata) {
        Set<String> forPath = new HashSet<>(common);
        forPath.addAll(flow);
        forPath.addAll(io);
        forPath.addAll(path);
        Set<String> forJsonata = new HashSet<>(common);
        forJsonata.addAll(flow);
        forJsonata.addAll(jsonata);
        PATH_FIELDS.put(type, Set.copyOf(forPath));
        ATA_FIELDS.put(type, Set.copyOf(forJsonata));
    }

    private static List<String> concat(final List<String> a, final List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
