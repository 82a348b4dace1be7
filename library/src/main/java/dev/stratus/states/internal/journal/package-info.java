/**
 * The append-only, checksummed file journal behind durable executions, with group commit and torn-tail
 * detection; not API.
 */
package dev.stratus.states.internal.journal;
