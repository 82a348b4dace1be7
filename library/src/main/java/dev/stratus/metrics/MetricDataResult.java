package dev.stratus.metrics;

import java.time.Instant;
import java.util.List;

/**
 * The values of one GetMetricData query.
 *
 * @param id the query id
 * @param label the label (given, or generated as CloudWatch does)
 * @param statusCode {@code Complete}, or {@code PartialData} when more values follow on the next page
 * @param timestamps the period starts, in the request's order
 * @param values the values, one per timestamp
 * @param messages messages such as {@code MultipleUnits}
 */
public record MetricDataResult(String id, String label, String statusCode, List<Instant> timestamps,
        List<Double> values, List<MessageData> messages) {
    /** Copies the lists. */
    public MetricDataResult {
        timestamps = List.copyOf(timestamps);
        values = List.copyOf(values);
        messages = List.copyOf(messages);
    }
}
