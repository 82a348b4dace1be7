package dev.stratus.metrics;

import dev.stratus.metrics.internal.StatisticColumns;
import dev.stratus.metrics.internal.StatisticsMap;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One GetMetricStatistics datapoint: a period's start, its unit and the statistics asked for, keyed by their
 * names ({@code Average}, {@code SampleCount}, {@code p99}, ...). An extended statistic CloudWatch cannot compute
 * for the period (a negative value, or statistic sets only) is absent. Immutable; two datapoints are equal when
 * their timestamps, units and statistics are.
 */
public final class Datapoint {
    private final long epochSecond;
    private final Unit unit;
    // statistic i of columns, read from the slice at values[offset], when bit i of present is set; the engine
    // shares columns and values among the datapoints of a query
    private final StatisticColumns columns;
    private final double[] values;
    private final int offset;
    private final long present;

    /**
     * A datapoint of the given statistics, copied.
     *
     * @param timestamp the start of the period (whole seconds are kept)
     * @param unit the unit of the data
     * @param statistics statistic name to value, in the order asked for (at most 64)
     */
    public Datapoint(final Instant timestamp, final Unit unit, final Map<String, Double> statistics) {
        this(Objects.requireNonNull(timestamp, "timestamp").getEpochSecond(), unit,
                StatisticColumns.stored(atMost64(statistics).keySet().toArray(new String[0])),
                new double[statistics.size()], 0, statistics.size() == 64 ? -1L : (1L << statistics.size()) - 1);
        int i = 0;
        for (Map.Entry<String, Double> entry : statistics.entrySet()) {
            values[i++] = Objects.requireNonNull(entry.getValue(), () -> "statistics[" + entry.getKey() + "]");
        }
    }

    private static Map<String, Double> atMost64(final Map<String, Double> statistics) {
        if (statistics.size() > 64) {
            throw new IllegalArgumentException("statistics must hold at most 64 entries: statistics.size()="
                    + statistics.size());
        }
        return statistics;
    }

    Datapoint(final long epochSecond, final Unit unit, final StatisticColumns columns, final double[] values,
            final int offset, final long present) {
        this.epochSecond = epochSecond;
        this.unit = Objects.requireNonNull(unit, "unit");
        this.columns = columns;
        this.values = values;
        this.offset = offset;
        this.present = present;
    }

    /** The start of the period. */
    public Instant timestamp() {
        return Instant.ofEpochSecond(epochSecond);
    }

    /** The unit of the data. */
    public Unit unit() {
        return unit;
    }

    /** Statistic name to value, in the order asked for; an immutable view. */
    public Map<String, Double> statistics() {
        return new StatisticsMap(columns, values, offset, present);
    }

    /** A basic statistic's value, or null if not asked for. */
    public Double value(final Statistic statistic) {
        return extended(statistic.awsName());
    }

    /** An extended statistic's value ({@code p99}), or null if not asked for or not available. */
    public Double extended(final String statistic) {
        int index = columns.indexOf(statistic);
        return index < 0 || (present & 1L << index) == 0 ? null : columns.value(index, values, offset);
    }

    long epochSecond() {
        return epochSecond;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Datapoint && ((Datapoint) other).epochSecond == epochSecond
                && ((Datapoint) other).unit == unit && ((Datapoint) other).statistics().equals(statistics());
    }

    @Override
    public int hashCode() {
        return Objects.hash(timestamp(), unit, statistics());
    }

    @Override
    public String toString() {
        return "Datapoint[timestamp=" + timestamp() + ", unit=" + unit + ", statistics=" + statistics() + "]";
    }
}
