package dev.stratus.samples;

import dev.stratus.Stratus;
import dev.stratus.core.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Shows the foundation every engine runs on: one {@link ManualClock} that stands still until advanced and fires
 * timers in deadline order, and a seeded random source that makes generated ids repeatable.
 */
public final class ClockBasics {
    private ClockBasics() {
    }

    /** Runs the sample. */
    public static void main(final String... args) {
        run();
    }

    /** Runs the sample and returns the order the timers fired in. */
    static String run() {
        // Virtual time: nothing moves until we advance it.
        ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));

        // One Stratus on that clock, with a fixed seed so every id repeats run after run.
        Stratus stratus = Stratus.builder().clock(clock).seed(42).build();

        // Schedule three timers out of order; they fire in deadline order.
        List<String> fired = new ArrayList<>();
        stratus.clock().schedule(Duration.ofHours(1), () -> fired.add(clock.instant() + "  hourly"));
        stratus.clock().schedule(Duration.ofSeconds(30), () -> fired.add(clock.instant() + "  30 s"));
        stratus.clock().schedule(Duration.ofMinutes(5), () -> fired.add(clock.instant() + "  5 min"));

        // One simulated hour passes in microseconds.
        clock.advance(Duration.ofHours(1));
        fired.forEach(line -> System.out.println("  " + line));

        // Ids are AWS-shaped and repeatable for the seed.
        System.out.println("  execution name: " + stratus.ids().executionName());
        System.out.println("  topic ARN:      " + stratus.arn("sns", "orders"));
        return fired.size() + " timers fired in deadline order: "
                + String.join(", ", fired.stream().map(line -> line.substring(line.indexOf("  ") + 2)).toList());
    }
}
