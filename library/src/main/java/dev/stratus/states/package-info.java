/**
 * The States engine: Amazon States Language (JSONPath mode) state machines run in-process with AWS Step Functions'
 * semantics, outputs, errors and execution history, on an injected clock. Start with {@link dev.stratus.states.States}.
 */
package dev.stratus.states;
