package dev.stratus.metrics.internal;

/**
 * The aggregate of one period of one series: SampleCount, Sum, Minimum, Maximum, and the distribution behind the
 * extended statistics. Not thread-safe; a series guards its points.
 */
public final class Agg {
    public double count;
    public double sum;
    public double min = Double.POSITIVE_INFINITY;
    public double max = Double.NEGATIVE_INFINITY;
    /** The values for percentiles; null while every value is the same (see {@link #distribution()}). */
    public Distribution distribution;
    /** Set once a value was negative or a statistic set could not be expanded: no extended statistics. */
    public boolean noPercentiles;

    /** Adds {@code weight} occurrences of {@code value}; returns this. */
    public Agg addValue(final double value, final double weight) {
        if (value < 0) {
            noPercentiles = true;
            distribution = null;
        } else if (!noPercentiles) {
            include(value, value, weight);
        }
        count += weight;
        sum += value * weight;
        min = Math.min(min, value);
        max = Math.max(max, value);
        return this;
    }

    /** Adds a statistic set, returning this; it feeds percentiles only when its values are known (all equal). */
    public Agg addStatisticSet(final double sampleCount, final double setSum, final double setMin,
            final double setMax) {
        // CloudWatch: percentiles from a statistic set only when SampleCount = 1 and Min = Max = Sum, or
        // Min = Max and Sum = Min x SampleCount, i.e. when every value is known
        boolean expandable = setMin == setMax && setSum == setMin * sampleCount;
        if (!expandable || setMin < 0) {
            noPercentiles = true;
            distribution = null;
        } else if (!noPercentiles) {
            include(setMin, setMin, sampleCount);
        }
        count += sampleCount;
        sum += setSum;
        min = Math.min(min, setMin);
        max = Math.max(max, setMax);
        return this;
    }

    /** Adds another aggregate; returns this. */
    public Agg merge(final Agg other) {
        if (other.isEmpty()) {
            return this;
        }
        if (other.noPercentiles) {
            noPercentiles = true;
            distribution = null;
        } else if (!noPercentiles) {
            if (other.distribution == null) {
                include(other.min, other.max, other.count);
            } else {
                materialize();
                distribution.merge(other.distribution);
            }
        }
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        return this;
    }

    /** Adds another aggregate's SampleCount, Sum, Minimum and Maximum only. */
    public void mergeBasic(final Agg other) {
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        noPercentiles = true;
    }

    /**
     * The values for percentiles: the distribution, or null while every value equals {@link #min} (then the
     * point holds {@link #count} copies of it and needs no distribution, which keeps single-value points small).
     */
    public Distribution distribution() {
        return distribution;
    }

    private void include(final double low, final double high, final double weight) {
        if (distribution == null && low == high && (isEmpty() || (min == max && min == low))) {
            return;
        }
        materialize();
        distribution.add(low, weight);
    }

    private void materialize() {
        if (distribution == null) {
            distribution = new Distribution();
            if (!isEmpty()) {
                distribution.add(min, count);
            }
        }
    }

    /** Whether nothing was added. */
    public boolean isEmpty() {
        return count == 0 && min == Double.POSITIVE_INFINITY;
    }

    /** Bytes held, roughly. */
    public long memoryBytes() {
        return 56 + (distribution == null ? 0 : distribution.memoryBytes());
    }
}
