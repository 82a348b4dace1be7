package dev.stratus.states;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.states.internal.DistributedMapRun;
import dev.stratus.states.internal.Model;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A defined state machine: its name, ARN, type and compiled definition. Immutable and thread-safe; start executions
 * with {@link States#start(StateMachine, String)}.
 */
public final class StateMachine {
    private final String name;
    private final String arn;
    private final StateMachineType type;
    private final JsonNode definition;
    private final Model.Machine model;
    private final Map<String, StateMachine> mapRunMachines = new ConcurrentHashMap<>();
    /** The history size of the last execution that finished (a guess for the next one's; racy on purpose). */
    private int lastHistorySize;

    StateMachine(final String name, final String arn, final StateMachineType type, final JsonNode definition,
            final Model.Machine model) {
        this.name = name;
        this.arn = arn;
        this.type = type;
        this.definition = definition;
        this.model = model;
    }

    /** The machine's name. */
    public String name() {
        return name;
    }

    /** The machine's ARN, {@code arn:aws:states:<region>:<account>:stateMachine:<name>}. */
    public String arn() {
        return arn;
    }

    /** Standard or Express. */
    public StateMachineType type() {
        return type;
    }

    /** The ASL definition as given (a private copy; do not mutate). */
    public JsonNode definition() {
        return definition;
    }

    int lastHistorySize() {
        return lastHistorySize;
    }

    void lastHistorySize(final long events) {
        lastHistorySize = (int) Math.min(events, Integer.MAX_VALUE);
    }

    Model.Machine model() {
        return model;
    }

    /**
     * The machine that the child executions of this machine's Distributed Map labelled {@code label} run, as AWS
     * names it: {@code <machine>/<label>}, its definition the Map's ItemProcessor; null if there is no such Map.
     */
    StateMachine mapRunMachine(final String label) {
        return mapRunMachines.computeIfAbsent(label, l -> {
            Model.MapState m = DistributedMapRun.find(model, l);
            if (m == null) {
                return null;
            }
            String childName = name + "/" + l;
            return new StateMachine(childName, arn + "/" + l, m.expressChildren() ? StateMachineType.EXPRESS
                    : StateMachineType.STANDARD, processorDefinition(definition.path("States"), m.name()),
                    m.processor());
        });
    }

    /** The ItemProcessor (or Iterator) of the Map state named {@code mapName}, anywhere in {@code states}. */
    private static JsonNode processorDefinition(final JsonNode states, final String mapName) {
        for (Map.Entry<String, JsonNode> e : states.properties()) {
            JsonNode state = e.getValue();
            JsonNode processor = state.has("ItemProcessor") ? state.get("ItemProcessor") : state.get("Iterator");
            if (e.getKey().equals(mapName) && processor != null) {
                return processor;
            }
            java.util.List<JsonNode> inner = new java.util.ArrayList<>();
            if (processor != null) {
                inner.add(processor);
            }
            state.path("Branches").forEach(inner::add);
            for (JsonNode block : inner) {
                JsonNode found = processorDefinition(block.path("States"), mapName);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "StateMachine[" + arn + ", " + type + "]";
    }
}
