package dev.stratus.metrics;

import java.util.Objects;

/** The five basic statistics of CloudWatch. Extended statistics ({@code p99}, {@code TM(10%:90%)}, ...) are text. */
public enum Statistic {
    /** The number of values. */
    SAMPLE_COUNT("SampleCount"),
    /** Sum divided by SampleCount. */
    AVERAGE("Average"),
    /** The sum of the values. */
    SUM("Sum"),
    /** The lowest value. */
    MINIMUM("Minimum"),
    /** The highest value. */
    MAXIMUM("Maximum");

    private final String awsName;

    Statistic(final String awsName) {
        this.awsName = awsName;
    }

    /** The name on the wire, e.g. {@code SampleCount}. */
    public String awsName() {
        return awsName;
    }

    /**
     * The statistic named {@code name} ({@code SampleCount}, {@code Average}, ...).
     *
     * @throws IllegalArgumentException if it is not one of the five
     */
    public static Statistic of(final String name) {
        Objects.requireNonNull(name, "statistic");
        for (Statistic statistic : values()) {
            if (statistic.awsName.equals(name)) {
                return statistic;
            }
        }
        throw new IllegalArgumentException("unknown statistic: statistic=" + name);
    }

    @Override
    public String toString() {
        return awsName;
    }
}
