package dev.stratus.metrics;

import java.util.Objects;

/**
 * A ListMetrics dimension filter: a name, and optionally the value it must have.
 *
 * @param name the dimension name
 * @param value the value, or null to match any
 */
public record DimensionFilter(String name, String value) {
    /** Rejects a null name. */
    public DimensionFilter {
        Objects.requireNonNull(name, "name");
    }
}
