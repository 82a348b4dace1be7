package dev.stratus.states;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.states.internal.Model;

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

    Model.Machine model() {
        return model;
    }

    @Override
    public String toString() {
        return "StateMachine[" + arn + ", " + type + "]";
    }
}
