package dev.stratus.metrics.internal;

import dev.stratus.metrics.MetricKey;
import dev.stratus.metrics.Unit;
import java.util.List;
import java.util.Map;

/**
 * One series (metric key and unit) in AWS's retention tiers: 1 s points kept 3 hours, 60 s for 15 days, 5 min for
 * 63 days and 1 h for 455 days. A datum is folded into the point of every tier as it arrives (the coarser tiers
 * are the roll-ups of the finer ones) and points past their tier's retention are dropped on the clock.
 * Standard-resolution data lands in the 1 s tier at the start of its minute, as CloudWatch keeps it per minute.
 * Each tier is a {@link Tier}: primitive columns sorted by time, so a query walks arrays.
 * Thread-safe: every method holds the series' monitor; the hot path writes to {@link ActiveSeries} instead.
 */
public final class Series {
    /** Tier resolutions in seconds. */
    public static final int[] RESOLUTION = {1, 60, 300, 3600};
    /** Tier retentions in seconds. */
    public static final long[] RETENTION = {3 * 3600L, 15 * 86_400L, 63 * 86_400L, 455 * 86_400L};

    private final MetricKey key;
    private final Unit unit;
    private final Tier[] tiers = {new Tier(), new Tier(), new Tier(), new Tier()};
    /** The point being updated, loaded from and stored back to a tier's columns. */
    private final Agg scratch = new Agg();
    private volatile long lastWriteSecond = Long.MIN_VALUE;
    private volatile ActiveSeries active;
    private volatile boolean highResolution;

    public Series(final MetricKey key, final Unit unit) {
        this.key = key;
        this.unit = unit;
    }

    public MetricKey key() {
        return key;
    }

    public Unit unit() {
        return unit;
    }

    /** The epoch second of the latest datum, for ListMetrics' two-week rule. */
    public long lastWriteSecond() {
        return lastWriteSecond;
    }

    public ActiveSeries active() {
        return active;
    }

    public synchronized ActiveSeries activate(final SecondTicker ticker) {
        if (active == null) {
            active = new ActiveSeries(this, ticker);
        }
        return active;
    }

    /** Whether any datum of this series was high resolution. */
    public boolean highResolution() {
        return highResolution;
    }

    /** The points of {@code tier} in {@code [from, to)}, copied, oldest first. */
    public List<Map.Entry<Long, Agg>> points(final int tier, final long from, final long to) {
        ActiveSeries hot = active;
        if (hot != null) {
            hot.flushClosed();
        }
        synchronized (this) {
            return tiers[tier].points(from, to);
        }
    }

    public synchronized void addValue(final long second, final boolean highResolution, final double value,
            final double weight) {
        touch(second);
        this.highResolution |= highResolution;
        for (int tier = 0; tier < tiers.length; tier++) {
            int at = slot(tier, second, highResolution);
            tiers[tier].store(at, tiers[tier].load(at, scratch).addValue(value, weight));
        }
    }

    public synchronized void addStatisticSet(final long second, final boolean highResolution, final double count,
            final double sum, final double min, final double max) {
        touch(second);
        this.highResolution |= highResolution;
        for (int tier = 0; tier < tiers.length; tier++) {
            int at = slot(tier, second, highResolution);
            tiers[tier].store(at, tiers[tier].load(at, scratch).addStatisticSet(count, sum, min, max));
        }
    }

    public synchronized void addAgg(final long second, final Agg agg) {
        touch(second);
        highResolution = true;
        for (int tier = 0; tier < tiers.length; tier++) {
            int at = slot(tier, second, true);
            tiers[tier].store(at, tiers[tier].load(at, scratch).merge(agg));
        }
    }

    /** Drops points past each tier's retention. */
    public synchronized void expire(final long nowSecond) {
        for (int tier = 0; tier < tiers.length; tier++) {
            tiers[tier].expireBefore(nowSecond - RETENTION[tier]);
        }
    }

    /**
     * Folds tier {@code tier}'s points in {@code [start, start + period * buckets)} into {@code out[i]} for bucket
     * {@code i} (buckets start at {@code start + i * period}); returns how many buckets got data. Without
     * {@code distributions} only SampleCount, Sum, Minimum and Maximum are merged (basic statistics only).
     */
    public int aggregate(final int tier, final long start, final int period, final Agg[] out,
            final boolean distributions) {
        ActiveSeries hot = active;
        if (hot != null) {
            hot.flushClosed();
        }
        synchronized (this) {
            return tiers[tier].aggregate(start, period, out, distributions);
        }
    }

    /** Doubles per bucket filled by {@link #aggregateBasic}, at least: SampleCount, Sum, Minimum, Maximum. */
    public static final int BASIC_STRIDE = 4;

    /**
     * Writes SampleCount, Sum, Minimum and Maximum of tier {@code tier}'s points in bucket {@code i} of
     * {@code [start, start + period * buckets)} to {@code out[i * stride ...]} ({@code stride >= BASIC_STRIDE}, the
     * rest of each bucket left for the caller); a bucket without data gets a Minimum of positive infinity. No object
     * per point or bucket: the basic statistics need no distribution.
     */
    public void aggregateBasic(final int tier, final long start, final int period, final double[] out,
            final int stride) {
        ActiveSeries hot = active;
        if (hot != null) {
            hot.flushClosed();
        }
        synchronized (this) {
            tiers[tier].aggregateBasic(start, period, out, stride);
        }
    }

    /** Points held in every tier. */
    public synchronized int pointCount() {
        int points = 0;
        for (Tier tier : tiers) {
            points += tier.size();
        }
        return points;
    }

    /** Bytes held, roughly: the tiers' columns, distributions and the hot accumulator. */
    public synchronized long memoryBytes() {
        long bytes = 64 + 56;
        for (Tier tier : tiers) {
            bytes += tier.memoryBytes();
        }
        ActiveSeries hot = active;
        return bytes + (hot == null ? 0 : hot.memoryBytes());
    }

    private void touch(final long second) {
        if (second > lastWriteSecond) {
            lastWriteSecond = second;
        }
    }

    private int slot(final int tier, final long second, final boolean highResolution) {
        int resolution = tier == 0 && !highResolution ? 60 : RESOLUTION[tier];
        return tiers[tier].slot(Math.floorDiv(second, resolution) * resolution);
    }
}
