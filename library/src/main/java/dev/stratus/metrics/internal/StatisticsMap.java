package dev.stratus.metrics.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The statistics of one datapoint as an immutable, ordered map over primitive values: the columns are shared by
 * every datapoint of a query, the values are a slice of one {@code double[]}; statistic {@code i} is in the map
 * only where bit {@code i} of {@code present} is set (an extended statistic CloudWatch cannot compute is absent).
 * Spares a query of thousands of datapoints a hash map and boxed doubles per datapoint; values are boxed when read.
 */
public final class StatisticsMap extends AbstractMap<String, Double> {
    private final StatisticColumns columns;
    private final double[] values;
    private final int offset;
    private final long present;
    private final int size;

    /** A view of the datapoint whose slice starts at {@code values[offset]}; the array is kept, not copied. */
    public StatisticsMap(final StatisticColumns columns, final double[] values, final int offset, final long present) {
        this.columns = columns;
        this.values = values;
        this.offset = offset;
        this.present = present;
        this.size = Long.bitCount(present);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(final Object key) {
        int index = columns.indexOf(key);
        return index >= 0 && (present & 1L << index) != 0;
    }

    @Override
    public Double get(final Object key) {
        int index = columns.indexOf(key);
        return index < 0 || (present & 1L << index) == 0 ? null : columns.value(index, values, offset);
    }

    @Override
    public Set<Entry<String, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Entry<String, Double>> iterator() {
                return new Iterator<>() {
                    private int next = advance(0);

                    private int advance(final int from) {
                        int i = from;
                        while (i < columns.size() && (present & 1L << i) == 0) {
                            i++;
                        }
                        return i;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < columns.size();
                    }

                    @Override
                    public Entry<String, Double> next() {
                        if (next >= columns.size()) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Double> entry = new SimpleImmutableEntry<>(columns.name(next),
                                columns.value(next, values, offset));
                        next = advance(next + 1);
                        return entry;
                    }
                };
            }
        };
    }
}
