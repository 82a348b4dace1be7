/**
 * Bus internals: the filter-policy compiler and matcher, the subscription filter index, message flattening,
 * signing. Public only so sibling packages can use them; not API, and free to change in any release.
 */
package dev.stratus.bus.internal;
