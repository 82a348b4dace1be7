/**
 * The States engine: Amazon States Language state machines run in-process with AWS Step Functions' semantics,
 * validation findings, outputs, errors and execution history, on an injected clock; plus the tools to resume a
 * failed AWS execution ({@link dev.stratus.states.GoToState}) and to draw one
 * ({@link dev.stratus.states.ExecutionGraph}). Start with {@link dev.stratus.states.States}; write definitions in
 * Java with {@link dev.stratus.states.Definition#builder()}.
 */
package dev.stratus.states;
