/**
 * Validation of Amazon States Language definitions: every finding at once, with JSON-pointer locations and AWS's
 * codes and wording, plus AWS's CreateStateMachine and ValidateStateMachineDefinition renderings. Public only so
 * sibling packages can call it; not API, and free to change in any release.
 */
package dev.stratus.states.internal.validation;
