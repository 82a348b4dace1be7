package dev.stratus.samples;

import java.util.ArrayList;
import java.util.List;

/**
 * The tour: runs every sample in turn and ends with a one-screen summary. The README's main command runs it.
 */
public final class Tour {

    /** One sample of the tour: its title and its entry point. */
    record Stop(String title, Sample sample) {
    }

    /** A sample's {@code main}. */
    @FunctionalInterface
    interface Sample {
        void run(String... args) throws Exception;
    }

    /** Every sample, in the order the tour runs them. */
    static final List<Stop> STOPS = List.of(
            new Stop("Clock and ids: a deterministic simulation", ClockBasics::main),
            new Stop("Bus: one event fanned out to a filtered queue and a function", BusFanOut::main),
            new Stop("Metrics: per-second ECS metrics and an alarm", MetricsAlarms::main),
            new Stop("Network load balancer: flows, health, a real proxy", NetworkLoadBalancer::main));

    private Tour() {
    }

    /** Runs every sample and prints a summary. */
    public static void main(final String... args) throws Exception {
        List<String> summary = new ArrayList<>();
        for (Stop stop : STOPS) {
            System.out.println();
            System.out.println("=== " + stop.title() + " ===");
            long start = System.nanoTime();
            stop.sample().run();
            long millis = (System.nanoTime() - start) / 1_000_000;
            summary.add(String.format("  %-50s ok  %5d ms", stop.title(), millis));
        }
        System.out.println();
        System.out.println("=== Tour summary: " + STOPS.size() + " samples ===");
        summary.forEach(System.out::println);
    }
}
