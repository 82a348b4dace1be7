package dev.stratus.metrics;

/**
 * Pre-aggregated values ({@code StatisticValues}): every field is required by AWS, which PutMetricData checks.
 *
 * @param sampleCount the number of values
 * @param sum their sum
 * @param minimum the lowest
 * @param maximum the highest
 */
public record StatisticSet(double sampleCount, double sum, double minimum, double maximum) {
    /** A statistic set. */
    public static StatisticSet of(final double sampleCount, final double sum, final double minimum,
            final double maximum) {
        return new StatisticSet(sampleCount, sum, minimum, maximum);
    }
}
