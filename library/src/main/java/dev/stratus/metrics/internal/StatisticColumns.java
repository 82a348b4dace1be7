package dev.stratus.metrics.internal;

import dev.stratus.metrics.Statistic;
import java.util.List;
import java.util.Objects;

/**
 * How the statistics of a query's datapoints are read from the array they share: each statistic is either stored
 * at its position in the datapoint's slice, or derived from the period's SampleCount, Sum, Minimum and Maximum
 * stored there (so a query of basic statistics writes four numbers per period and nothing else). Immutable; one
 * per query.
 */
public final class StatisticColumns {
    private static final int STORED = -1;
    private static final int AVERAGE = Series.BASIC_STRIDE;

    private final String[] names;
    /** Per statistic: {@link #STORED}, the index of SampleCount, Sum, Minimum or Maximum, or {@link #AVERAGE}. */
    private final int[] sources;

    private StatisticColumns(final String[] names, final int[] sources) {
        if (names.length > 64) {
            throw new IllegalArgumentException("statistics: at most 64, got " + names.length);
        }
        this.names = names;
        this.sources = sources;
    }

    /** Statistic {@code i} is {@code values[offset + i]}. */
    public static StatisticColumns stored(final String[] names) {
        int[] sources = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            Objects.requireNonNull(names[i], "statistic name");
            sources[i] = STORED;
        }
        return new StatisticColumns(names, sources);
    }

    /** Basic statistics from SampleCount, Sum, Minimum and Maximum at {@code values[offset ... offset + 3]}. */
    public static StatisticColumns basic(final List<Statistic> statistics) {
        String[] names = new String[statistics.size()];
        int[] sources = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            Statistic statistic = statistics.get(i);
            names[i] = statistic.awsName();
            sources[i] = switch (statistic) {
                case SAMPLE_COUNT -> 0;
                case SUM -> 1;
                case MINIMUM -> 2;
                case MAXIMUM -> 3;
                case AVERAGE -> AVERAGE;
            };
        }
        return new StatisticColumns(names, sources);
    }

    /** Number of statistics. */
    public int size() {
        return names.length;
    }

    /** The name of statistic {@code i}. */
    public String name(final int i) {
        return names[i];
    }

    /** The index of the statistic named {@code name}, or -1. */
    public int indexOf(final Object name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The value of statistic {@code i} of the datapoint whose slice starts at {@code values[offset]}. */
    public double value(final int i, final double[] values, final int offset) {
        int source = sources[i];
        if (source == STORED) {
            return values[offset + i];
        }
        if (source == AVERAGE) {
            double count = values[offset];
            return count == 0 ? Double.NaN : values[offset + 1] / count;
        }
        return values[offset + source];
    }
}
