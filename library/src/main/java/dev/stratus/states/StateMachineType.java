package dev.stratus.states;

/** Standard machines keep a full execution history; Express machines keep none. */
public enum StateMachineType {
    /** Exactly-once, with GetExecutionHistory. */
    STANDARD,
    /** Short-lived, no history. */
    EXPRESS
}
