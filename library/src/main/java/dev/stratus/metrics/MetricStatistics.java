package dev.stratus.metrics;

import java.util.List;

/**
 * A GetMetricStatistics response: the label (the metric name) and one datapoint per period and unit.
 *
 * @param label the metric name
 * @param datapoints the datapoints, oldest first
 */
public record MetricStatistics(String label, List<Datapoint> datapoints) {
    /** Copies the list (unless it is already an immutable one of the engine's). */
    public MetricStatistics {
        if (!(datapoints instanceof DatapointList)) {
            datapoints = List.copyOf(datapoints);
        }
    }
}
