package dev.stratus.metrics;

import java.util.List;

/**
 * A ListMetrics request: every filter is optional.
 *
 * @param namespace the namespace, or null
 * @param metricName the metric name, or null
 * @param dimensions dimension filters (a name, or a name and value), all of which must match
 * @param nextToken the page token, or null
 */
public record ListMetricsRequest(String namespace, String metricName, List<DimensionFilter> dimensions,
        String nextToken) {
    /** Copies the filters. */
    public ListMetricsRequest {
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
    }

    /** Every metric in {@code namespace}. */
    public static ListMetricsRequest namespace(final String namespace) {
        return new ListMetricsRequest(namespace, null, List.of(), null);
    }
}
