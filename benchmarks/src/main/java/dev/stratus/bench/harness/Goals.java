package dev.stratus.bench.harness;

import java.util.List;

/**
 * The performance goals of every engine, as their issues state them, and the scaling curves the report draws.
 * A goal whose benchmark did not run is reported as "not run", never as met.
 */
final class Goals {
    private Goals() {
    }

    static final List<Goal> ALL = List.of(
            Goal.compare("core", "ManualClock schedule+advance vs a bare PriorityQueue",
                    "ManualClockScheduleBenchmark.scheduleAndAdvance",
                    "ManualClockScheduleBenchmark.priorityQueueBaseline"));

    /** A scaling curve: one benchmark's score against one numeric parameter, one line per value of another. */
    record Curve(String engine, String title, String benchmark, String xParam, String seriesParam, String file) {
    }

    static final List<Curve> CURVES = List.of();
}
