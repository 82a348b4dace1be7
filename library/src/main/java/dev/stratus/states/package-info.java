/** The Amazon States Language engine: definitions, their validation and the state machines built from them. */
package dev.stratus.states;
