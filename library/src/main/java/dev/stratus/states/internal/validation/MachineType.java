package dev.stratus.states.internal.validation;

/** The state machine type a definition is validated for: Express machines reject some integrations. */
public enum MachineType { STANDARD, EXPRESS }
