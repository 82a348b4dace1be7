/**
 * The balancer's data path and control plane: flow table, Maglev tables, shard agents and ring plumbing on
 * Agrona. Public only so sibling packages can use it; not API, and free to change in any release.
 *
 * <p>Conventions: each shard is single-writer (its agent thread, or the one thread that calls it directly); the
 * control plane publishes immutable {@code RoutingSnapshot}s by volatile reference swap; counters written by one
 * thread are read by others with opaque loads. Memory-order prefixes follow JCTools: {@code lv} load volatile,
 * {@code so} store ordered, {@code lp}/{@code sp} plain.
 */
package dev.stratus.balancer.internal;
