package dev.stratus.metrics;

import dev.stratus.metrics.internal.StatisticsMap;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One GetMetricStatistics datapoint: a period's start, its unit and the statistics asked for, keyed by their
 * names ({@code Average}, {@code SampleCount}, {@code p99}, ...). An extended statistic CloudWatch cannot compute
 * for the period (a negative value, or statistic sets only) is absent.
 *
 * @param timestamp the start of the period
 * @param unit the unit of the data
 * @param statistics statistic name to value, in the order asked for
 */
public record Datapoint(Instant timestamp, Unit unit, Map<String, Double> statistics) {
    /** Copies the map (unless it is already an immutable one of the engine's). */
    public Datapoint {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(unit, "unit");
        if (!(statistics instanceof StatisticsMap)) {
            statistics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(statistics));
        }
    }

    /** A basic statistic's value, or null if not asked for. */
    public Double value(final Statistic statistic) {
        return statistics.get(statistic.awsName());
    }

    /** An extended statistic's value ({@code p99}), or null if not asked for or not available. */
    public Double extended(final String statistic) {
        return statistics.get(statistic);
    }
}
