/**
 * The Balancer engine: a lock-free, flow-hashing network load balancer core with AWS Network Load Balancer
 * semantics (listeners, target groups, health checks, zones, idle timeouts, NLCU counters) on Agrona ring buffers.
 * Needs the JVM option {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}; start with
 * {@link dev.stratus.balancer.Balancer#builder()}.
 */
package dev.stratus.balancer;
