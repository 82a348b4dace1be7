package dev.stratus.states;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.internal.Json;
import dev.stratus.states.internal.history.HistoryTree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tools of the AWS blog post "Resume AWS Step Functions from Any State", for real AWS, without its defects:
 * find where an execution stopped from its GetExecutionHistory JSON, and rewrite its definition with a
 * {@code GoToState} Choice at {@code StartAt} that jumps to that state when the input says it is resuming.
 *
 * <pre>{@code
 * FailurePoint failure = GoToState.findFailure(Json.parse(historyJson));   // aws stepfunctions get-execution-history
 * JsonNode resumable = GoToState.rewrite(definition, failure.stateName());
 * String name = GoToState.machineName("TestMachine");                      // TestMachine-with-GoToState
 * JsonNode input = GoToState.resumeInput(failure.input());                 // {"resuming": true, "resumeInput": ...}
 * }</pre>
 *
 * <p>Unlike the post's script: any state type can be the failure point (a state entered and never exited, found
 * structurally, {@code States.Runtime} included); a failure nested in a Parallel or Map resumes at the top-level
 * state AWS can start at; aborted and timed-out executions count; starts without the flag, or with non-object
 * input, run normally (the rule checks presence); the resume input travels in {@code resumeInput} and reaches the
 * state untouched (no flag leaking into later states), while the post's style of input ({@code "resuming": true}
 * merged into the state's input) still works; JSONata machines get a JSONata Choice; an existing state named
 * {@code GoToState} is not overwritten; rewriting a rewritten machine replaces its GoToState instead of looping;
 * machine names stay within 80 characters.
 */
public final class GoToState {
    /** The name of the added Choice state, unless a state of that name exists. */
    public static final String STATE_NAME = "GoToState";
    /** The input field that asks a rewritten machine to resume. */
    public static final String FLAG = "resuming";
    /** The input field holding the resumed state's own input. */
    public static final String RESUME_INPUT = "resumeInput";
    private static final String MARKER = "Added by Stratus GoToState: jumps to the resumed state when the input has"
            + " \"resuming\": true.";
    private static final String SUFFIX = "-with-GoToState";
    private static final int MAX_NAME = 80;
    private static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    private GoToState() {
    }

    /**
     * Finds where an execution stopped.
     *
     * @param history GetExecutionHistory's response ({@code {"events": [...]}}, either order) or an array of events
     * @throws IllegalArgumentException if the history is malformed, the execution did not stop with FAILED,
     *     TIMED_OUT or ABORTED, or no state was running when it stopped
     */
    public static FailurePoint findFailure(final JsonNode history) {
        Objects.requireNonNull(history, "history");
        HistoryTree tree = HistoryTree.parse(history);
        JsonNode terminal = tree.terminal();
        String type = terminal == null ? "none" : terminal.path("type").asText();
        String status = switch (type) {
            case "ExecutionFailed" -> "FAILED";
            case "ExecutionTimedOut" -> "TIMED_OUT";
            case "ExecutionAborted" -> "ABORTED";
            default -> throw new IllegalArgumentException("execution did not fail, time out or abort: its last event"
                    + " is " + type);
        };
        JsonNode details = terminal.path(Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails");
        HistoryTree.Instance innermost = null;
        for (HistoryTree.Instance instance : tree.instances()) {
            if (instance.outcome() == HistoryTree.Outcome.FAILED
                    && (innermost == null || depth(instance) > depth(innermost))) {
                innermost = instance;
            }
        }
        if (innermost == null) {
            throw new IllegalArgumentException("no state was running when the execution stopped: every entered state"
                    + " exited");
        }
        List<String> path = new ArrayList<>();
        HistoryTree.Instance top = innermost;
        for (HistoryTree.Instance at = innermost; at != null; at = at.parent().orElse(null)) {
            path.add(0, at.name());
            top = at;
        }
        HistoryTree.Instance child = innermost;
        for (int i = path.size() - 2; i >= 0; i--) {
            HistoryTree.Instance container = child.parent().orElseThrow();
            if (child.iteration().isPresent()) {
                path.set(i, container.name() + "[" + child.iteration().get() + "]");
            }
            child = container;
        }
        return new FailurePoint(top.name(), top.input(), path, status, details.path("error").asText(""),
                details.path("cause").asText(""), top.inputTruncated());
    }

    /**
     * Rewrites a definition so that a start with {@code "resuming": true} jumps to {@code resumeAt}, and any other
     * start runs as before.
     *
     * @param definition the definition the failed execution ran
     * @param resumeAt a top-level state of {@code definition}
     * @throws IllegalArgumentException if the definition has no {@code States} or {@code StartAt}, or
     *     {@code resumeAt} is not one of its top-level states
     */
    public static JsonNode rewrite(final JsonNode definition, final String resumeAt) {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(resumeAt, "resumeAt");
        JsonNode states = definition.path("States");
        if (!states.isObject() || !definition.path("StartAt").isTextual()) {
            throw new IllegalArgumentException("definition needs StartAt and States");
        }
        ObjectNode rewritten = definition.deepCopy();
        ObjectNode rewrittenStates = (ObjectNode) rewritten.get("States");
        String startAt = definition.path("StartAt").asText();
        String existing = findOwnChoice(states);
        if (existing != null) {
            // a rewritten machine: replace its GoToState rather than stacking a second one that targets itself
            startAt = states.path(existing).path("Default").asText();
            removeOwnStates(rewrittenStates);
        }
        if (!states.has(resumeAt) || resumeAt.equals(existing) || isOwnState(states.path(resumeAt))) {
            throw new IllegalArgumentException("resumeAt must be a top-level state of the definition: resumeAt="
                    + resumeAt);
        }
        String choiceName = freeName(rewrittenStates, STATE_NAME);
        String unwrapName = freeName(rewrittenStates, choiceName + ".Unwrap");
        boolean jsonata = "JSONata".equals(definition.path("QueryLanguage").asText());

        ObjectNode choice = Json.MAPPER.createObjectNode();
        choice.put("Type", "Choice");
        choice.put("Comment", MARKER);
        ArrayNode rules = choice.putArray("Choices");
        ObjectNode unwrap = Json.MAPPER.createObjectNode();
        unwrap.put("Type", "Pass");
        unwrap.put("Comment", MARKER);
        if (jsonata) {
            rules.addObject().put("Condition", "{% $type($states.input) = 'object' and $states.input." + FLAG
                    + " = true and $exists($states.input." + RESUME_INPUT + ") %}").put("Next", unwrapName);
            rules.addObject().put("Condition", "{% $type($states.input) = 'object' and $states.input." + FLAG
                    + " = true %}").put("Next", resumeAt);
            unwrap.put("Output", "{% $states.input." + RESUME_INPUT + " %}");
        } else {
            ObjectNode wrapped = rules.addObject();
            ArrayNode and = wrapped.putArray("And");
            and.addObject().put("Variable", "$." + FLAG).put("IsPresent", true);
            and.addObject().put("Variable", "$." + FLAG).put("BooleanEquals", true);
            and.addObject().put("Variable", "$." + RESUME_INPUT).put("IsPresent", true);
            wrapped.put("Next", unwrapName);
            ObjectNode merged = rules.addObject();
            ArrayNode and2 = merged.putArray("And");
            and2.addObject().put("Variable", "$." + FLAG).put("IsPresent", true);
            and2.addObject().put("Variable", "$." + FLAG).put("BooleanEquals", true);
            merged.put("Next", resumeAt);
            unwrap.put("InputPath", "$." + RESUME_INPUT);
        }
        choice.put("Default", startAt);
        unwrap.put("Next", resumeAt);

        Map<String, JsonNode> ordered = new LinkedHashMap<>();
        ordered.put(choiceName, choice);
        ordered.put(unwrapName, unwrap);
        rewrittenStates.properties().forEach(field -> ordered.put(field.getKey(), field.getValue()));
        rewrittenStates.removeAll();
        rewrittenStates.setAll(ordered);
        rewritten.put("StartAt", choiceName);
        return rewritten;
    }

    /**
     * The input that resumes a rewritten machine at its failure point with {@code stateInput}:
     * {@code {"resuming": true, "resumeInput": stateInput}}.
     *
     * @throws IllegalArgumentException if the resulting input exceeds 256 KiB, the Step Functions payload limit
     */
    public static JsonNode resumeInput(final JsonNode stateInput) {
        Objects.requireNonNull(stateInput, "stateInput");
        ObjectNode input = Json.MAPPER.createObjectNode();
        input.put(FLAG, true);
        input.set(RESUME_INPUT, stateInput);
        int bytes = Json.write(input).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("resume input exceeds the 256 KiB payload limit: bytes=" + bytes);
        }
        return input;
    }

    /**
     * The name of the rewritten machine: {@code <name>-with-GoToState}, the original shortened so the whole stays
     * within AWS's 80 characters; a name that already ends so is kept.
     */
    public static String machineName(final String original) {
        Objects.requireNonNull(original, "original");
        if (original.endsWith(SUFFIX)) {
            return original;
        }
        String base = original.length() + SUFFIX.length() > MAX_NAME
                ? original.substring(0, MAX_NAME - SUFFIX.length()) : original;
        return base + SUFFIX;
    }

    private static int depth(final HistoryTree.Instance instance) {
        int depth = 0;
        for (HistoryTree.Instance at = instance.parent().orElse(null); at != null; at = at.parent().orElse(null)) {
            depth++;
        }
        return depth;
    }

    private static boolean isOwnState(final JsonNode state) {
        return MARKER.equals(state.path("Comment").asText());
    }

    private static String findOwnChoice(final JsonNode states) {
        for (Map.Entry<String, JsonNode> field : states.properties()) {
            if (isOwnState(field.getValue()) && "Choice".equals(field.getValue().path("Type").asText())) {
                return field.getKey();
            }
        }
        return null;
    }

    private static void removeOwnStates(final ObjectNode states) {
        List<String> own = new ArrayList<>();
        states.properties().forEach(field -> {
            if (isOwnState(field.getValue())) {
                own.add(field.getKey());
            }
        });
        own.forEach(states::remove);
    }

    private static String freeName(final ObjectNode states, final String wanted) {
        String name = wanted;
        for (int i = 2; states.has(name); i++) {
            name = wanted + "-" + i;
        }
        return name;
    }
}
