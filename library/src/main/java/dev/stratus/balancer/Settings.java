package dev.stratus.balancer;

import dev.stratus.core.internal.Checks;
import java.time.Duration;
import java.util.Objects;

/** Shared checks for durations given in whole seconds. */
final class Settings {
    private Settings() {
    }

    static Duration seconds(final Duration value, final long min, final long max, final String field) {
        Objects.requireNonNull(value, field);
        Checks.argument(value.getNano() == 0,
                field + " must be whole seconds: " + field + "=" + value);
        Checks.inRange(value.getSeconds(), min, max, field);
        return value;
    }
}
