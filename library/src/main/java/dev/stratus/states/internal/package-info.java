/**
 * The States engine's internals: the immutable model and its parser, JSONPath, payload templates, intrinsic
 * functions, Choice rules and the interpreter. Public only so sibling packages can use it; not API, and free to
 * change in any release.
 */
package dev.stratus.states.internal;
