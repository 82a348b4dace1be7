/**
 * Helpers shared by the engines: preconditions and the JSON mapper. Public only so sibling packages can use
 * them; not API, and free to change in any release.
 */
package dev.stratus.core.internal;
