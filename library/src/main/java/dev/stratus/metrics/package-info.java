/**
 * The Metrics engine: CloudWatch custom metrics and alarms in one JVM. {@link dev.stratus.metrics.Metrics} takes
 * {@code PutMetricData}-shaped data or hot {@link dev.stratus.metrics.Recorder} handles, keeps per-second
 * aggregates rolled into AWS's retention tiers, answers GetMetricStatistics, GetMetricData and ListMetrics, and
 * evaluates metric and composite alarms on the clock.
 */
package dev.stratus.metrics;
