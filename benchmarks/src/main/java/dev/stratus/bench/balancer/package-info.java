/**
 * Benchmarks of the load balancer core: established-flow lookup, new-flow decision, ring hand-off, Maglev build,
 * lookup and balance. Every fork gets {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} for Agrona.
 */
package dev.stratus.bench.balancer;
