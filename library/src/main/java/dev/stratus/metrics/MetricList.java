package dev.stratus.metrics;

import java.util.List;

/**
 * A ListMetrics page.
 *
 * @param metrics up to 500 metrics
 * @param nextToken the token of the next page, or null
 */
public record MetricList(List<MetricKey> metrics, String nextToken) {
    /** Copies the list. */
    public MetricList {
        metrics = List.copyOf(metrics);
    }
}
