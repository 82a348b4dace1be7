package dev.stratus.metrics;

import java.util.List;

/**
 * A ListMetrics request: every filter is optional.
 *
 * @param namespace the namespace, or null
 * @param metricName the metric name, or null
 * @param dimensions dimension filters (a name, or a name and value), all of which must match
 * @param nextToken the page token, or null
 * @param recentlyActive {@link #PT3H} for only the metrics with a datapoint in the past three hours, or null
 */
public record ListMetricsRequest(String namespace, String metricName, List<DimensionFilter> dimensions,
        String nextToken, String recentlyActive) {
    /** The one value CloudWatch accepts for {@code RecentlyActive}: the past three hours. */
    public static final String PT3H = "PT3H";

    /** Copies the filters. */
    public ListMetricsRequest {
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
    }

    /** A request without the {@code RecentlyActive} filter. */
    public ListMetricsRequest(final String namespace, final String metricName, final List<DimensionFilter> dimensions,
            final String nextToken) {
        this(namespace, metricName, dimensions, nextToken, null);
    }

    /** Every metric in {@code namespace}. */
    public static ListMetricsRequest namespace(final String namespace) {
        return new ListMetricsRequest(namespace, null, List.of(), null);
    }
}
