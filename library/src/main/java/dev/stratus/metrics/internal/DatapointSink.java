package dev.stratus.metrics.internal;

import dev.stratus.metrics.Unit;

/**
 * Receives GetMetricStatistics datapoints as primitives, so the public side builds each with one small
 * allocation: the statistic names are shared by every datapoint of a query, the values are slices of arrays the
 * query filled once.
 */
public interface DatapointSink {
    /** About how many datapoints follow. */
    void expect(int datapoints);

    /**
     * One datapoint starting at {@code epochSecond}: statistic {@code names[i]} is {@code values[offset + i]} for
     * each bit {@code i} set in {@code present}; the arrays are kept, not copied, and never change afterwards.
     */
    void add(long epochSecond, Unit unit, String[] names, double[] values, int offset, long present);
}
