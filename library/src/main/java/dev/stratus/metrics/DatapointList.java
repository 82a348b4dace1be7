package dev.stratus.metrics;

import dev.stratus.metrics.internal.DatapointSink;
import dev.stratus.metrics.internal.StatisticColumns;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.RandomAccess;

/** The immutable datapoints of a GetMetricStatistics response, oldest first: a {@link MetricStatistics} keeps it. */
final class DatapointList extends AbstractList<Datapoint> implements RandomAccess {
    private final Datapoint[] points;
    private final int size;

    private DatapointList(final Datapoint[] points, final int size) {
        this.points = points;
        this.size = size;
    }

    @Override
    public Datapoint get(final int index) {
        Objects.checkIndex(index, size);
        return points[index];
    }

    @Override
    public int size() {
        return size;
    }

    /** Builds the datapoints the engine hands over, then the list. */
    static final class Collector implements DatapointSink {
        private Datapoint[] points = new Datapoint[0];
        private int size;
        private boolean sorted = true;

        @Override
        public void expect(final int datapoints) {
            if (points.length - size < datapoints) {
                points = Arrays.copyOf(points, size + datapoints);
            }
        }

        @Override
        public void add(final long epochSecond, final Unit unit, final StatisticColumns columns,
                final double[] values, final int offset, final long present) {
            if (size == points.length) {
                points = Arrays.copyOf(points, Math.max(8, size * 2));
            }
            Datapoint point = new Datapoint(epochSecond, unit, columns, values, offset, present);
            sorted &= size == 0 || points[size - 1].epochSecond() <= epochSecond;
            points[size++] = point;
        }

        /** The list, oldest first (series of several units come one after the other and are merged here). */
        DatapointList build() {
            if (!sorted) {
                Arrays.sort(points, 0, size, Comparator.comparingLong(Datapoint::epochSecond));
            }
            return new DatapointList(points, size);
        }
    }
}
