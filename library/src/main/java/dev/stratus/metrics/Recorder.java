package dev.stratus.metrics;

import dev.stratus.metrics.internal.ActiveSeries;

/**
 * A hot recording handle for one high-resolution series (metric key and unit), resolved once with
 * {@link Metrics#recorder(MetricKey, Unit)}. {@link #record(double)} may be called from many threads at once; it
 * takes no lock, allocates nothing and executes no atomic instruction, adding the value to the current second's
 * SampleCount, Sum, Minimum, Maximum and percentile buckets in counters the calling thread owns (up to 64 writer
 * threads per series; a thread beyond them takes a locked path, and a thread that ended hands its memory to the
 * next). Closed seconds roll into the series' tiers on the engine's clock.
 *
 * <pre>{@code
 * Recorder latency = metrics.recorder(MetricKey.of("Checkout", "Latency"), Unit.MILLISECONDS);
 * latency.record(12.5);
 * }</pre>
 */
public final class Recorder {
    /** {@link #record(double)} result: the value was recorded. */
    public static final int OK = 0;
    /** {@link #record(double)} result: NaN, infinite or beyond CloudWatch's range of +/-2^360, not recorded. */
    public static final int INVALID_VALUE = -1;

    private final MetricKey key;
    private final Unit unit;
    private final ActiveSeries active;

    Recorder(final MetricKey key, final Unit unit, final ActiveSeries active) {
        this.key = key;
        this.unit = unit;
        this.active = active;
    }

    /** Records {@code value} at the current second; returns {@link #OK} or {@link #INVALID_VALUE}. */
    public int record(final double value) {
        return active.record(value) ? OK : INVALID_VALUE;
    }

    /** The series' metric key. */
    public MetricKey key() {
        return key;
    }

    /** The series' unit. */
    public Unit unit() {
        return unit;
    }

    @Override
    public String toString() {
        return "Recorder[" + key + ", " + unit + "]";
    }
}
