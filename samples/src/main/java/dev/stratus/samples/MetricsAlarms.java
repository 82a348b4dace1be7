package dev.stratus.samples;

import dev.stratus.Stratus;
import dev.stratus.core.ManualClock;
import dev.stratus.metrics.AlarmState;
import dev.stratus.metrics.ComparisonOperator;
import dev.stratus.metrics.Datapoint;
import dev.stratus.metrics.Dimension;
import dev.stratus.metrics.GetMetricStatisticsRequest;
import dev.stratus.metrics.MetricAlarm;
import dev.stratus.metrics.MetricDatum;
import dev.stratus.metrics.MetricKey;
import dev.stratus.metrics.Metrics;
import dev.stratus.metrics.Recorder;
import dev.stratus.metrics.Statistic;
import dev.stratus.metrics.TreatMissingData;
import dev.stratus.metrics.Unit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The AWS blog's per-second ECS metrics: cluster gauges published with {@code StorageResolution} 1 every 5 s, a
 * 10-second alarm on {@code PendingTaskCount} that notifies a topic, and a hot {@link Recorder} for request
 * latency read back as per-second percentiles, all on virtual time.
 */
public final class MetricsAlarms {
    private MetricsAlarms() {
    }

    /** Runs the sample. */
    public static void main(final String... args) {
        // Virtual time, so a minute of metrics and alarm evaluations runs in milliseconds.
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        ManualClock clock = ManualClock.at(start);

        // Alarm actions print CloudWatch's notification; composed with the Bus they would publish to the topic.
        Stratus stratus = Stratus.builder().clock(clock)
                .metrics(b -> b.actionSink((arn, message) -> System.out.println("  notify " + arn + ": "
                        + message.substring(0, 80) + "...")))
                .build();
        Metrics metrics = stratus.metrics();

        // A 10-second alarm: Maximum PendingTaskCount above 5 in 2 of the last 3 periods.
        MetricKey pending = MetricKey.of("ECS", "PendingTaskCount", Dimension.of("ClusterName", "prod"));
        metrics.putMetricAlarm(MetricAlarm.builder("prod-pending-tasks").metric(pending)
                .statistic(Statistic.MAXIMUM).period(10).evaluationPeriods(3).datapointsToAlarm(2)
                .threshold(5).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .alarmActions(List.of(stratus.arn("sns", "ops").toString())).build());

        // A hot recorder, resolved once: no lock and no allocation per value.
        Recorder latency = metrics.recorder(MetricKey.of("Checkout", "Latency"), Unit.MILLISECONDS);

        // One minute: the cluster's gauges every 5 s (pending tasks climb), 100 latencies a second.
        for (int second = 0; second < 60; second++) {
            if (second % 5 == 0) {
                metrics.putMetricData("ECS", List.of(MetricDatum.builder("PendingTaskCount")
                        .dimension("ClusterName", "prod").value(second / 6).unit(Unit.COUNT).storageResolution(1)
                        .build()));
            }
            for (int i = 1; i <= 100; i++) {
                latency.record(i);
            }
            clock.advance(Duration.ofSeconds(1));
        }

        // The alarm went off on its own, on the clock.
        AlarmState state = metrics.describeAlarms(List.of("prod-pending-tasks")).get(0).state();
        System.out.println("  alarm state: " + state);

        // Per-second percentiles of the recorded latency, read back as GetMetricStatistics does.
        Datapoint first = metrics.getMetricStatistics(GetMetricStatisticsRequest.builder()
                .metric(MetricKey.of("Checkout", "Latency")).startTime(start).endTime(start.plusSeconds(1))
                .period(1).extendedStatistics("p50", "p99").build()).datapoints().get(0);
        System.out.println("  latency second 0: p50=" + first.extended("p50") + " p99=" + first.extended("p99"));
        metrics.close();
    }
}
