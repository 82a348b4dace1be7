package dev.stratus.metrics.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The statistics of one datapoint as an immutable, ordered map over primitive values: the names are shared by
 * every datapoint of a query, the values are one {@code double[]}; a NaN value means the statistic is absent (an
 * extended statistic CloudWatch cannot compute) only where {@code present} says so. Spares a query of thousands of
 * datapoints a hash map and boxed doubles per datapoint; values are boxed when read.
 */
public final class StatisticsMap extends AbstractMap<String, Double> {
    private final String[] names;
    private final double[] values;
    private final int offset;
    private final long present;
    private final int size;

    /**
     * A map of {@code names[i] -> values[offset + i]} for each {@code i} whose bit is set in {@code present} (at
     * most 64 names), so the datapoints of one query can share one array; the arrays are kept, not copied, and must
     * not change.
     */
    public StatisticsMap(final String[] names, final double[] values, final int offset, final long present) {
        this.names = names;
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
        return indexOf(key) >= 0;
    }

    @Override
    public Double get(final Object key) {
        int index = indexOf(key);
        return index < 0 ? null : values[offset + index];
    }

    private int indexOf(final Object key) {
        for (int i = 0; i < names.length; i++) {
            if ((present & 1L << i) != 0 && names[i].equals(key)) {
                return i;
            }
        }
        return -1;
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
                        while (i < names.length && (present & 1L << i) == 0) {
                            i++;
                        }
                        return i;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Entry<String, Double> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Double> entry = new SimpleImmutableEntry<>(names[next], values[offset + next]);
                        next = advance(next + 1);
                        return entry;
                    }
                };
            }
        };
    }
}
