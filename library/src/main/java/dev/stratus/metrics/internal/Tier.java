package dev.stratus.metrics.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The points of one retention tier of one series, as primitive columns sorted by second: a query walks arrays
 * instead of map entries and boxed keys. Only populated points take a slot, so a sparse series stays small; the
 * live points are {@code [head, end)}, expiry advances {@code head} and the dead prefix is reclaimed when the
 * columns fill or fall below a quarter full. Data mostly arrives in time order, which appends; a late datum is
 * inserted in place. A point's distribution is allocated only when it needs one (see {@link Agg#distribution()}).
 * Not thread-safe: the series guards it.
 */
final class Tier {
    private static final int INITIAL = 8;
    /** Bytes per slot of capacity: second, SampleCount, Sum, Minimum, Maximum, distribution reference, flag. */
    private static final int SLOT_BYTES = 8 + 4 * 8 + 4 + 1;

    private long[] seconds = new long[0];
    private double[] count = new double[0];
    private double[] sum = new double[0];
    private double[] min = new double[0];
    private double[] max = new double[0];
    private Distribution[] distribution = new Distribution[0];
    private boolean[] noPercentiles = new boolean[0];
    private int head;
    private int end;

    /** Points held. */
    int size() {
        return end - head;
    }

    /** The index of the point at {@code second}, inserting an empty one if there is none. */
    int slot(final long second) {
        if (end > head) {
            long last = seconds[end - 1];
            if (last == second) {
                return end - 1;
            }
            if (last > second) {
                int found = Arrays.binarySearch(seconds, head, end, second);
                return found >= 0 ? found : insert(-found - 1, second);
            }
        }
        return insert(end, second);
    }

    /** Loads point {@code at} into {@code into} (sharing its distribution) and returns it. */
    Agg load(final int at, final Agg into) {
        into.count = count[at];
        into.sum = sum[at];
        into.min = min[at];
        into.max = max[at];
        into.distribution = distribution[at];
        into.noPercentiles = noPercentiles[at];
        return into;
    }

    /** Stores {@code from} as point {@code at}. */
    void store(final int at, final Agg from) {
        count[at] = from.count;
        sum[at] = from.sum;
        min[at] = from.min;
        max[at] = from.max;
        distribution[at] = from.distribution;
        noPercentiles[at] = from.noPercentiles;
    }

    /** Drops the points before {@code cutoff}. */
    void expireBefore(final long cutoff) {
        while (head < end && seconds[head] < cutoff) {
            distribution[head] = null;
            head++;
        }
        int live = end - head;
        if (live == 0 && seconds.length > 0) {
            resize(0);
        } else if (seconds.length > INITIAL && live < seconds.length / 4) {
            // a series that slows down or stops gives its slots back
            resize(Math.max(INITIAL, live + live / 2));
        }
    }

    /** The points in {@code [from, to)}, copied, oldest first. */
    List<Map.Entry<Long, Agg>> points(final long from, final long to) {
        List<Map.Entry<Long, Agg>> out = new ArrayList<>();
        Agg view = new Agg();
        for (int i = lowerBound(from), last = lowerBound(to); i < last; i++) {
            Agg copy = new Agg();
            copy.merge(load(i, view));
            out.add(Map.entry(seconds[i], copy));
        }
        return out;
    }

    /** See {@link Series#aggregate}. */
    int aggregate(final long start, final int period, final Agg[] out, final boolean distributions) {
        Agg view = new Agg();
        int filled = 0;
        for (int i = lowerBound(start), last = lowerBound(start + (long) period * out.length); i < last; i++) {
            int bucket = (int) ((seconds[i] - start) / period);
            if (out[bucket] == null) {
                out[bucket] = new Agg();
                filled++;
            }
            if (distributions) {
                out[bucket].merge(load(i, view));
            } else {
                out[bucket].mergeBasic(load(i, view));
            }
        }
        return filled;
    }

    /** See {@link Series#aggregateBasic}: one pass over the columns, one bucket at a time, each written once. */
    void aggregateBasic(final long start, final int period, final double[] out, final int stride) {
        int buckets = out.length / stride;
        int i = lowerBound(start);
        int last = lowerBound(start + (long) period * buckets);
        long bucket = -1;
        long bucketEnd = start;
        int guess = 1;
        int written = 0;
        while (i < last) {
            if (seconds[i] < bucketEnd + period) {
                // dense data moves to the next bucket: spares a long division per bucket
                bucket++;
                bucketEnd += period;
            } else {
                bucket = (seconds[i] - start) / period;
                bucketEnd = start + (bucket + 1) * period;
            }
            // the bucket's points are [i, stop): regular data holds as many points per bucket as the one before,
            // which two comparisons confirm (seconds are sorted), so the loop below is a counted one
            int stop = i + guess;
            if (stop > last || seconds[stop - 1] >= bucketEnd || stop < last && seconds[stop] < bucketEnd) {
                stop = i + 1;
                while (stop < last && seconds[stop] < bucketEnd) {
                    stop++;
                }
                guess = stop - i;
            }
            double n = 0;
            double total = 0;
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (; i < stop; i++) {
                n += count[i];
                total += sum[i];
                low = Math.min(low, min[i]);
                high = Math.max(high, max[i]);
            }
            written = empty(out, stride, written, (int) bucket);
            int at = (int) bucket * stride;
            out[at] = n;
            out[at + 1] = total;
            out[at + 2] = low;
            out[at + 3] = high;
            written++;
        }
        empty(out, stride, written, buckets);
    }

    /** Writes buckets {@code [from, to)} as empty (Minimum positive infinity); returns {@code to}. */
    private static int empty(final double[] out, final int stride, final int from, final int to) {
        for (int at = from * stride; at < to * stride; at += stride) {
            out[at] = 0;
            out[at + 1] = 0;
            out[at + 2] = Double.POSITIVE_INFINITY;
            out[at + 3] = Double.NEGATIVE_INFINITY;
        }
        return to;
    }

    /** Bytes held, roughly: the columns at their capacity and the distributions. */
    long memoryBytes() {
        long bytes = 48 + 7 * 16 + (long) seconds.length * SLOT_BYTES;
        for (int i = head; i < end; i++) {
            if (distribution[i] != null) {
                bytes += distribution[i].memoryBytes();
            }
        }
        return bytes;
    }

    private int lowerBound(final long second) {
        int found = Arrays.binarySearch(seconds, head, end, second);
        return found >= 0 ? found : -found - 1;
    }

    private int insert(final int at, final long second) {
        int index = at;
        if (end == seconds.length) {
            int live = end - head;
            index -= head;
            resize(Math.max(INITIAL, live + 1 + (live + 1) / 2));
        }
        int move = end - index;
        if (move > 0) {
            System.arraycopy(seconds, index, seconds, index + 1, move);
            System.arraycopy(count, index, count, index + 1, move);
            System.arraycopy(sum, index, sum, index + 1, move);
            System.arraycopy(min, index, min, index + 1, move);
            System.arraycopy(max, index, max, index + 1, move);
            System.arraycopy(distribution, index, distribution, index + 1, move);
            System.arraycopy(noPercentiles, index, noPercentiles, index + 1, move);
        }
        end++;
        seconds[index] = second;
        count[index] = 0;
        sum[index] = 0;
        min[index] = Double.POSITIVE_INFINITY;
        max[index] = Double.NEGATIVE_INFINITY;
        distribution[index] = null;
        noPercentiles[index] = false;
        return index;
    }

    /** Moves the live points to the start of columns of {@code capacity} slots. */
    private void resize(final int capacity) {
        int live = end - head;
        seconds = Arrays.copyOfRange(seconds, head, head + capacity);
        count = Arrays.copyOfRange(count, head, head + capacity);
        sum = Arrays.copyOfRange(sum, head, head + capacity);
        min = Arrays.copyOfRange(min, head, head + capacity);
        max = Arrays.copyOfRange(max, head, head + capacity);
        distribution = Arrays.copyOfRange(distribution, head, head + capacity);
        noPercentiles = Arrays.copyOfRange(noPercentiles, head, head + capacity);
        head = 0;
        end = live;
    }
}
