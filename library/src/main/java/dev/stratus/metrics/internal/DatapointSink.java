package dev.stratus.metrics.internal;

import dev.stratus.metrics.Unit;

/**
 * Receives GetMetricStatistics datapoints as primitives, so the public side builds each with one small
 * allocation: the statistic columns are shared by every datapoint of a query, the values are slices of arrays the
 * query filled once.
 */
public interface DatapointSink {
    /** About how many datapoints follow. */
    void expect(int datapoints);

    /**
     * One datapoint starting at {@code epochSecond}: statistic {@code i} of {@code columns}, read from the slice at
     * {@code values[offset]}, for each bit {@code i} set in {@code present}; the array is kept, not copied, and
     * never changes afterwards.
     */
    void add(long epochSecond, Unit unit, StatisticColumns columns, double[] values, int offset, long present);
}
