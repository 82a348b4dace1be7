package dev.stratus.metrics;

import java.util.Objects;

/**
 * A name/value pair that is part of a metric's identity; each distinct set of dimensions is a separate metric.
 * AWS's length and character rules are checked where the dimension is used (PutMetricData), with AWS's errors.
 *
 * @param name the dimension name
 * @param value the dimension value
 */
public record Dimension(String name, String value) implements Comparable<Dimension> {
    /** Rejects nulls, naming the parameter. */
    public Dimension {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** A dimension {@code name=value}. */
    public static Dimension of(final String name, final String value) {
        return new Dimension(name, value);
    }

    @Override
    public int compareTo(final Dimension other) {
        int byName = name.compareTo(other.name);
        return byName != 0 ? byName : value.compareTo(other.value);
    }
}
