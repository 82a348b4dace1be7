package dev.stratus.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A metric's identity: namespace, name and dimensions (kept sorted by name, so the order they were given in does
 * not matter). The unit is not part of it: data with different units under one key are aggregated apart.
 *
 * @param namespace the namespace, e.g. {@code ECS}
 * @param name the metric name
 * @param dimensions the dimensions, sorted by name
 */
public record MetricKey(String namespace, String name, List<Dimension> dimensions) {
    /** Copies and sorts the dimensions. */
    public MetricKey {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        List<Dimension> sorted = new ArrayList<>(Objects.requireNonNull(dimensions, "dimensions"));
        sorted.sort(null);
        dimensions = List.copyOf(sorted);
    }

    /** A key from a namespace, a name and any dimensions. */
    public static MetricKey of(final String namespace, final String name, final Dimension... dimensions) {
        return new MetricKey(namespace, name, List.of(dimensions));
    }
}
