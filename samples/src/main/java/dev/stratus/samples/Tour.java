package dev.stratus.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tour: runs every sample in turn and ends with a one-screen summary, a line per sample with its key figure.
 * The README's main command runs it.
 */
public final class Tour {

    /** One sample of the tour: its title and its entry point. */
    record Stop(String title, Sample sample) {
    }

    /** Runs a sample and returns its key figure for the summary. */
    @FunctionalInterface
    interface Sample {
        String run() throws Exception;
    }

    /** Every sample, in the order the tour runs them. */
    static final List<Stop> STOPS = List.of(
            new Stop("QuickStart", QuickStart::run),
            new Stop("ClockBasics", ClockBasics::run),
            new Stop("EventDrivenFanOut", () -> {
                EventDrivenFanOut.Result r = EventDrivenFanOut.run();
                return String.format(Locale.ROOT, "%d published, %d delivered, %d redelivered, %d converted,"
                        + " %d dead-lettered", r.published(), r.delivered(), r.redelivered(), r.converted(),
                        r.deadLettered());
            }),
            new Stop("MetricsAlarms", () -> {
                MetricsAlarms.Result r = MetricsAlarms.run();
                return String.format(Locale.ROOT, "p99 peaked at %.1f ms; alarm %s; %d page(s)", r.peakP99(),
                        String.join(" > ", r.transitions()), r.notifications());
            }),
            new Stop("HighResolutionMetrics", () -> {
                HighResolutionMetrics.Result r = HighResolutionMetrics.run();
                return String.format(Locale.ROOT, "%d transitions/execution, %,d/day, $%s/day (post: 26, 37,440,"
                        + " $0.936)", r.transitionsPerExecution(), r.transitionsPerDay(),
                        r.dailyCost().stripTrailingZeros().toPlainString());
            }),
            new Stop("ScheduledTask", () -> {
                ScheduledTask.Result r = ScheduledTask.run();
                return String.format(Locale.ROOT, "%d runs, %d interrupted by Spot, %d of %d log files copied",
                        r.runs(), r.interrupted(), r.copied(), r.logFiles());
            }),
            new Stop("ResumeFromAnyState", () -> {
                ResumeFromAnyState.Result r = ResumeFromAnyState.run();
                return "resumed at " + r.testMachineFailedAt() + ": " + r.testMachineResumed() + ", at "
                        + r.parallelMachineFailedAt() + ": " + r.parallelMachineResumed() + "; redriven: "
                        + r.redriven();
            }),
            new Stop("OrderWorkflow", () -> {
                OrderWorkflow.Result r = OrderWorkflow.run();
                return "built in Java: " + r.shipped() + " with " + r.parcels() + " parcels; declined card: "
                        + r.declined() + " (" + r.declinedError() + ")";
            }),
            new Stop("NetworkLoadBalancer", NetworkLoadBalancer::run));

    private Tour() {
    }

    /** Runs every sample and prints a summary. */
    public static void main(final String... args) throws Exception {
        List<String> summary = new ArrayList<>();
        for (Stop stop : STOPS) {
            System.out.println();
            System.out.println("=== " + stop.title() + " ===");
            long start = System.nanoTime();
            String figure = stop.sample().run();
            long millis = (System.nanoTime() - start) / 1_000_000;
            summary.add(String.format(Locale.ROOT, "  %-22s %5d ms  %s", stop.title(), millis, figure));
        }
        System.out.println();
        System.out.println("=== Tour summary: " + STOPS.size() + " samples ===");
        summary.forEach(System.out::println);
    }
}
