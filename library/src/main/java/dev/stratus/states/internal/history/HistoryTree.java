package dev.stratus.states.internal.history;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.core.internal.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An execution history as GetExecutionHistory returns it, read into state instances (one per
 * {@code *StateEntered} event) with their parent Parallel or Map, their input and how they ended. Nesting comes
 * from the {@code previousEventId} chain, so concurrent branches and iterations are told apart without relying on
 * event order.
 */
public final class HistoryTree {
    /** How a state instance ended. */
    public enum Outcome { SUCCEEDED, CAUGHT, FAILED, RUNNING }

    /** One entry into a state. */
    public static final class Instance {
        private final JsonNode entered;
        private final String name;
        private final String type;
        private Instance parent;
        private JsonNode exited;
        private boolean caught;
        private Integer iteration;

        Instance(final JsonNode entered) {
            this.entered = entered;
            JsonNode details = entered.path("stateEnteredEventDetails");
            this.name = details.path("name").asText();
            String eventType = entered.path("type").asText();
            this.type = eventType.substring(0, eventType.length() - "StateEntered".length());
        }

        public String name() {
            return name;
        }

        /** The state type as the event names it: Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map. */
        public String type() {
            return type;
        }

        public long enteredEventId() {
            return entered.path("id").asLong();
        }

        /** The state's input, parsed (AWS records it as a JSON string). */
        public JsonNode input() {
            return parseValue(entered.path("stateEnteredEventDetails").path("input"));
        }

        public boolean inputTruncated() {
            return entered.path("stateEnteredEventDetails").path("inputDetails").path("truncated").asBoolean(false);
        }

        /** The state's output, parsed, if it exited. */
        public Optional<JsonNode> output() {
            return exited == null ? Optional.empty()
                    : Optional.of(parseValue(exited.path("stateExitedEventDetails").path("output")));
        }

        /** The variables the state assigned as it exited (parsed), empty if it did not exit or assigned none. */
        public Map<String, JsonNode> assignedVariables() {
            JsonNode assigned = exited == null ? null
                    : exited.path("stateExitedEventDetails").get("assignedVariables");
            if (assigned == null || !assigned.isObject() || assigned.isEmpty()) {
                return Map.of();
            }
            Map<String, JsonNode> values = new LinkedHashMap<>();
            assigned.properties().forEach(e -> values.put(e.getKey(), parseValue(e.getValue())));
            return values;
        }

        public Optional<Instance> parent() {
            return Optional.ofNullable(parent);
        }

        /** The Map iteration this instance ran in, when its parent is a Map. */
        public Optional<Integer> iteration() {
            return Optional.ofNullable(iteration);
        }

        public Outcome outcome() {
            if (exited == null) {
                return Outcome.FAILED;
            }
            return caught ? Outcome.CAUGHT : Outcome.SUCCEEDED;
        }

        boolean isContainer() {
            return type.equals("Parallel") || type.equals("Map");
        }
    }

    private final List<JsonNode> events;
    private final List<Instance> instances = new ArrayList<>();
    private final JsonNode terminal;

    private HistoryTree(final List<JsonNode> events) {
        this.events = events;
        Map<Long, JsonNode> byId = new HashMap<>();
        events.forEach(e -> byId.put(e.path("id").asLong(), e));
        Map<Long, Instance> byEnteredId = new HashMap<>();
        Map<Long, Instance> byExitedId = new HashMap<>();
        Map<Long, Integer> iterationByEventId = new HashMap<>();
        JsonNode last = null;
        for (JsonNode event : events) {
            String type = event.path("type").asText();
            long id = event.path("id").asLong();
            if (type.equals("MapIterationStarted")) {
                iterationByEventId.put(id, event.path("mapIterationStartedEventDetails").path("index").asInt());
            }
            if (type.endsWith("StateEntered")) {
                Instance instance = new Instance(event);
                instance.parent = parentOf(event, byId, byEnteredId, byExitedId);
                instance.iteration = iterationOf(event, iterationByEventId);
                if (instance.iteration == null && instance.parent != null) {
                    // a later state of an iteration follows its sibling's exit: same iteration
                    Instance sibling = byExitedId.get(event.path("previousEventId").asLong());
                    if (sibling != null && sibling.parent == instance.parent) {
                        instance.iteration = sibling.iteration;
                    }
                }
                instances.add(instance);
                byEnteredId.put(id, instance);
            } else if (type.endsWith("StateExited")) {
                Instance instance = enteredFor(event, byId, byEnteredId);
                if (instance != null) {
                    instance.exited = event;
                    JsonNode previous = byId.get(event.path("previousEventId").asLong());
                    instance.caught = previous != null && isFailure(previous.path("type").asText());
                    byExitedId.put(id, instance);
                }
            }
            last = event;
        }
        this.terminal = last;
    }

    /**
     * Reads a history: the JSON {@code aws stepfunctions get-execution-history} prints ({@code {"events": [...]}}),
     * newest first or oldest first, or a bare array of events.
     *
     * @throws IllegalArgumentException if it is not such a document
     */
    public static HistoryTree parse(final JsonNode history) {
        JsonNode array = history.isArray() ? history : history.path("events");
        if (!array.isArray()) {
            throw new IllegalArgumentException("history must be a GetExecutionHistory response with an events array"
                    + " or an array of events: found " + history.getNodeType());
        }
        List<JsonNode> events = new ArrayList<>();
        for (JsonNode event : array) {
            if (!event.hasNonNull("id") || !event.hasNonNull("type")) {
                throw new IllegalArgumentException("history event needs id and type: event=" + abbreviate(event));
            }
            events.add(event);
        }
        events.sort((a, b) -> Long.compare(a.path("id").asLong(), b.path("id").asLong()));
        return new HistoryTree(Collections.unmodifiableList(events));
    }

    public List<JsonNode> events() {
        return events;
    }

    public List<Instance> instances() {
        return Collections.unmodifiableList(instances);
    }

    /** The last event, or null for an empty history. */
    public JsonNode terminal() {
        return terminal;
    }

    private static boolean isFailure(final String type) {
        return type.endsWith("Failed") || type.endsWith("TimedOut") || type.endsWith("Aborted");
    }

    private static Instance parentOf(final JsonNode entered, final Map<Long, JsonNode> byId,
            final Map<Long, Instance> byEnteredId, final Map<Long, Instance> byExitedId) {
        long previous = entered.path("previousEventId").asLong();
        while (previous > 0) {
            JsonNode event = byId.get(previous);
            if (event == null || event.path("type").asText().equals("ExecutionRedriven")) {
                return null; // a redrive continues at the top level
            }
            Instance exited = byExitedId.get(previous);
            if (exited != null) {
                return exited.parent; // a sibling that ran before this state in the same branch
            }
            Instance started = byEnteredId.get(previous);
            if (started != null) {
                return started.isContainer() ? started : started.parent;
            }
            previous = event.path("previousEventId").asLong();
        }
        return null;
    }

    private static Integer iterationOf(final JsonNode entered, final Map<Long, Integer> iterationByEventId) {
        return iterationByEventId.get(entered.path("previousEventId").asLong());
    }

    private static Instance enteredFor(final JsonNode exited, final Map<Long, JsonNode> byId,
            final Map<Long, Instance> byEnteredId) {
        String name = exited.path("stateExitedEventDetails").path("name").asText();
        long previous = exited.path("previousEventId").asLong();
        while (previous > 0) {
            Instance instance = byEnteredId.get(previous);
            if (instance != null && instance.name.equals(name) && instance.exited == null) {
                return instance;
            }
            JsonNode event = byId.get(previous);
            if (event == null) {
                break;
            }
            previous = event.path("previousEventId").asLong();
        }
        // no chain (e.g. re-ordered recordings): the latest open entry of that name
        return lastOpen(byEnteredId, name);
    }

    private static Instance lastOpen(final Map<Long, Instance> byEnteredId, final String name) {
        Instance best = null;
        for (Instance instance : byEnteredId.values()) {
            if (instance.name.equals(name) && instance.exited == null
                    && (best == null || instance.enteredEventId() > best.enteredEventId())) {
                best = instance;
            }
        }
        return best;
    }

    static JsonNode parseValue(final JsonNode value) {
        if (value.isTextual()) {
            try {
                return Json.parse(value.asText());
            } catch (Exception e) {
                return value;
            }
        }
        return value;
    }

    private static String abbreviate(final JsonNode node) {
        String text = node.toString();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
