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
    /** The raw values, or null when none were given (statistic sets only). */
    public Distribution distribution;
    /** Set once a value was negative or a statistic set could not be expanded: no extended statistics. */
    public boolean noPercentiles;

    /** Adds {@code weight} occurrences of {@code value}. */
    public void addValue(final double value, final double weight) {
        count += weight;
        sum += value * weight;
        min = Math.min(min, value);
        max = Math.max(max, value);
        if (value < 0) {
            noPercentiles = true;
        } else if (!noPercentiles) {
            distribution().add(value, weight);
        }
    }

    /** Adds a statistic set; it feeds percentiles only when its values are known (all equal). */
    public void addStatisticSet(final double sampleCount, final double setSum, final double setMin,
            final double setMax) {
        count += sampleCount;
        sum += setSum;
        min = Math.min(min, setMin);
        max = Math.max(max, setMax);
        // CloudWatch: percentiles from a statistic set only when SampleCount = 1 and Min = Max = Sum, or
        // Min = Max and Sum = Min x SampleCount, i.e. when every value is known
        boolean expandable = setMin == setMax && setSum == setMin * sampleCount;
        if (!expandable || setMin < 0) {
            noPercentiles = true;
        } else if (!noPercentiles) {
            distribution().add(setMin, sampleCount);
        }
    }

    /** Adds another aggregate. */
    public void merge(final Agg other) {
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        if (other.noPercentiles) {
            noPercentiles = true;
            distribution = null;
        } else if (!noPercentiles && other.distribution != null) {
            distribution().merge(other.distribution);
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

    private Distribution distribution() {
        if (distribution == null) {
            distribution = new Distribution();
        }
        return distribution;
    }
}
