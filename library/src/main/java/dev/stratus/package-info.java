/** {@link dev.stratus.Stratus}: the optional facade that composes the engines on one clock. */
package dev.stratus;
