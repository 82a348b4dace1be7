/**
 * The facade's wiring between engines (task integrations, alarm actions, metric polling). Public only for
 * {@link dev.stratus.Stratus}; not API, and free to change in any release.
 */
package dev.stratus.internal;
