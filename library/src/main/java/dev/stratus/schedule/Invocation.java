package dev.stratus.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * One firing of a rule, handed to its {@link ScheduleTarget}.
 *
 * @param ruleName the rule that fired
 * @param scheduledTime the due time this firing is for (each due time fires once)
 * @param input the rule's constant input (JSON text), {@code "{}"} when none was set
 */
public record Invocation(String ruleName, Instant scheduledTime, String input) {
    /** Checks that no part is null. */
    public Invocation {
        Objects.requireNonNull(ruleName, "ruleName");
        Objects.requireNonNull(scheduledTime, "scheduledTime");
        Objects.requireNonNull(input, "input");
    }
}
