/**
 * Internals of the Metrics engine: series storage and tiers, the percentile distribution, the lock-free
 * per-second accumulator behind {@code Recorder}, statistics and metric-math evaluation, alarm evaluation and the
 * CloudWatch JSON codec. Public only so sibling packages can call it; not API, free to change.
 */
package dev.stratus.metrics.internal;
