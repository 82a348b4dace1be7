/**
 * Metrics benchmarks: recording one value against HdrHistogram and DDSketch (one thread, and two threads against
 * HdrHistogram's Recorder), a 3-hour query of 1-second data against a plain scan, one alarm tick over 1,000
 * alarms, and a percentile-accuracy report ({@link dev.stratus.bench.metrics.MetricsPercentileAccuracy}).
 */
package dev.stratus.bench.metrics;
