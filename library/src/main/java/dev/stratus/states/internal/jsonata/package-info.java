/**
 * JSONata mode and variables of the States interpreter: expressions in AWS's dialect, {@code {% %}} payload
 * templates, and variable scopes. Internal.
 */
package dev.stratus.states.internal.jsonata;
