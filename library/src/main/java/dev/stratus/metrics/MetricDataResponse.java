package dev.stratus.metrics;

import java.util.List;

/**
 * A GetMetricData response.
 *
 * @param results one result per query with {@code ReturnData} true, in query order
 * @param messages request-level messages
 * @param nextToken the token of the next page, or null
 */
public record MetricDataResponse(List<MetricDataResult> results, List<MessageData> messages, String nextToken) {
    /** Copies the lists. */
    public MetricDataResponse {
        results = List.copyOf(results);
        messages = List.copyOf(messages);
    }
}
