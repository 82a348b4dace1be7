package dev.stratus.metrics.internal;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The lock-free, allocation-free per-second accumulator behind a {@code Recorder}. Four slots, one per second
 * modulo 4, each with sum, minimum, maximum, zero and negative counts and {@link LogBuckets#DENSE_SIZE} bucket
 * counters; a slot is armed with the second it serves (its tag). Writers check the tag and update the slot with
 * atomic adds and CAS loops only. The engine's roll timer flushes a slot once its second has closed, with
 * get-and-set so a late writer's update is never lost (at worst it counts in the slot's next second), and re-arms
 * it for the second four ahead. A writer that finds no armed slot (the roll timer fell behind) takes the locked
 * path into the series.
 *
 * <pre>
 * meta (longs), per slot s at s*16: [tag][.][sumBits][.][minBits][.][maxBits][.][zeros][.][negatives] ...
 * buckets (ints), per slot s at s*DENSE_SIZE: one counter per LogBuckets dense index
 * </pre>
 */
public final class ActiveSeries {
    private static final int SLOTS = 4;
    private static final int META = 16;
    private static final int TAG = 0;
    private static final int SUM = 2;
    private static final int MIN = 4;
    private static final int MAX = 6;
    private static final int ZEROS = 8;
    private static final int NEGATIVES = 10;
    private static final long POSITIVE_INFINITY_BITS = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
    private static final long NEGATIVE_INFINITY_BITS = Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY);
    private static final long ZERO_BITS = Double.doubleToRawLongBits(0.0);
    /** CloudWatch accepts values of magnitude up to 2^360. */
    public static final double MAX_MAGNITUDE = 0x1.0p360;

    private final Series series;
    private final SecondTicker ticker;
    private final AtomicLongArray meta = new AtomicLongArray(SLOTS * META);
    private final AtomicIntegerArray buckets = new AtomicIntegerArray(SLOTS * LogBuckets.DENSE_SIZE);

    ActiveSeries(final Series series, final SecondTicker ticker) {
        this.series = series;
        this.ticker = ticker;
        long now = ticker.second();
        for (long second = now; second < now + SLOTS; second++) {
            int m = (int) (second & (SLOTS - 1)) * META;
            meta.set(m + SUM, ZERO_BITS);
            meta.set(m + MIN, POSITIVE_INFINITY_BITS);
            meta.set(m + MAX, NEGATIVE_INFINITY_BITS);
            meta.set(m + TAG, second);
        }
    }

    /** Records one value; false when it is NaN, infinite or beyond 2^360 in magnitude. */
    public boolean record(final double value) {
        if (!(Math.abs(value) <= MAX_MAGNITUDE)) {
            return false;
        }
        long second = ticker.second();
        int slot = (int) (second & (SLOTS - 1));
        int m = slot * META;
        if (meta.get(m + TAG) != second) {
            series.addValue(second, true, value, 1);
            return true;
        }
        if (value > 0) {
            buckets.getAndIncrement(slot * LogBuckets.DENSE_SIZE + LogBuckets.denseIndex(value));
        } else if (value == 0) {
            meta.getAndIncrement(m + ZEROS);
        } else {
            meta.getAndIncrement(m + NEGATIVES);
        }
        long current;
        do {
            current = meta.get(m + SUM);
        } while (!meta.compareAndSet(m + SUM, current,
                Double.doubleToRawLongBits(Double.longBitsToDouble(current) + value)));
        while (value < Double.longBitsToDouble(current = meta.get(m + MIN))) {
            if (meta.compareAndSet(m + MIN, current, Double.doubleToRawLongBits(value))) {
                break;
            }
        }
        while (value > Double.longBitsToDouble(current = meta.get(m + MAX))) {
            if (meta.compareAndSet(m + MAX, current, Double.doubleToRawLongBits(value))) {
                break;
            }
        }
        return true;
    }

    /** Flushes every slot whose second has closed (before the ticker's current second). */
    public void flushClosed() {
        flushBefore(ticker.second());
    }

    /** Flushes every slot serving a second before {@code second} into the series and re-arms it. */
    public synchronized void flushBefore(final long second) {
        for (int slot = 0; slot < SLOTS; slot++) {
            int m = slot * META;
            long tag = meta.get(m + TAG);
            while (tag < second) {
                flush(slot, tag);
                tag += SLOTS;
                meta.set(m + TAG, tag);
            }
        }
    }

    /** Bytes held by the slots. */
    public long memoryBytes() {
        return 32 + 16 + SLOTS * META * 8L + 16 + (long) SLOTS * LogBuckets.DENSE_SIZE * 4L;
    }

    private void flush(final int slot, final long tag) {
        int m = slot * META;
        double min = Double.longBitsToDouble(meta.getAndSet(m + MIN, POSITIVE_INFINITY_BITS));
        if (min == Double.POSITIVE_INFINITY) {
            return;
        }
        double max = Double.longBitsToDouble(meta.getAndSet(m + MAX, NEGATIVE_INFINITY_BITS));
        double sum = Double.longBitsToDouble(meta.getAndSet(m + SUM, ZERO_BITS));
        long zeros = meta.getAndSet(m + ZEROS, 0);
        long negatives = meta.getAndSet(m + NEGATIVES, 0);
        Agg agg = new Agg();
        Distribution distribution = new Distribution();
        long count = zeros + negatives;
        int base = slot * LogBuckets.DENSE_SIZE;
        for (int i = 0; i < LogBuckets.DENSE_SIZE; i++) {
            if (buckets.get(base + i) != 0) {
                int bucketCount = buckets.getAndSet(base + i, 0);
                distribution.addBucket(LogBuckets.DENSE_MIN_KEY + i, bucketCount);
                count += bucketCount;
            }
        }
        distribution.add(0, zeros);
        agg.count = count;
        agg.sum = sum;
        agg.min = min;
        agg.max = max;
        if (negatives > 0) {
            agg.noPercentiles = true;
        } else {
            agg.distribution = distribution;
        }
        series.addAgg(tag, agg);
    }
}
