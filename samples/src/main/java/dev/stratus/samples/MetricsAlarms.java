package dev.stratus.samples;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.Stratus;
import dev.stratus.bus.Queue;
import dev.stratus.bus.ReceivedMessage;
import dev.stratus.bus.Topic;
import dev.stratus.core.ManualClock;
import dev.stratus.metrics.AlarmHistoryItem;
import dev.stratus.metrics.ComparisonOperator;
import dev.stratus.metrics.Datapoint;
import dev.stratus.metrics.GetMetricStatisticsRequest;
import dev.stratus.metrics.MetricAlarm;
import dev.stratus.metrics.MetricKey;
import dev.stratus.metrics.Metrics;
import dev.stratus.metrics.Recorder;
import dev.stratus.metrics.TreatMissingData;
import dev.stratus.metrics.Unit;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Shows the Metrics engine's hot path and percentile alarms: a {@link Recorder} takes 100 request latencies a
 * second without locking or allocating; a slow dependency fattens the tail for fifteen seconds; a 10-second alarm on
 * the p99 goes off, notifies an on-call topic through the Bus, and recovers. All on virtual time.
 */
public final class MetricsAlarms {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** The figures the report prints, for the tour's summary and for tests. */
    record Result(double peakP99, List<String> transitions, int notifications) {
    }

    private MetricsAlarms() {
    }

    /** Runs the sample. */
    public static void main(final String... args) throws Exception {
        run();
    }

    /** Runs the sample and returns its key figures. */
    static Result run() throws Exception {
        // Virtual time, so a minute of latencies and alarm evaluations runs in milliseconds.
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        ManualClock clock = ManualClock.at(start);
        Stratus stratus = Stratus.builder().clock(clock).seed(4).bus(b -> b.executor(Runnable::run)).build();
        Metrics metrics = stratus.metrics();

        // The on-call topic, with a queue that collects CloudWatch's notifications.
        Topic oncall = stratus.bus().createTopic("oncall");
        Queue pager = stratus.bus().createQueue("pager");
        oncall.subscribe(pager);

        // A 10-second alarm on the p99 latency: above 250 ms in 2 of the last 3 periods; ALARM and OK notify.
        MetricKey latencyKey = MetricKey.of("Checkout", "Latency");
        metrics.putMetricAlarm(MetricAlarm.builder("checkout-p99").metric(latencyKey).extendedStatistic("p99")
                .period(10).evaluationPeriods(3).datapointsToAlarm(2).threshold(250)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .alarmActions(List.of(oncall.arn())).okActions(List.of(oncall.arn())).build());

        // A hot recorder, resolved once: no lock and no allocation per value.
        Recorder latency = metrics.recorder(latencyKey, Unit.MILLISECONDS);

        // Ninety seconds of traffic, 100 requests a second; from 00:00:30 to 00:00:45 one request in ten is slow.
        for (int second = 0; second < 90; second++) {
            boolean degraded = second >= 30 && second < 45;
            for (int i = 1; i <= 100; i++) {
                latency.record(degraded && i % 10 == 0 ? 400 + i : 20 + i % 50);
            }
            clock.advance(Duration.ofSeconds(1));
        }
        clock.advance(Duration.ofSeconds(30));

        // The p50 and p99 of every 10 seconds, read back as GetMetricStatistics does.
        double peak = 0;
        System.out.println("  period     p50 ms  p99 ms");
        for (Datapoint point : metrics.getMetricStatistics(GetMetricStatisticsRequest.builder().metric(latencyKey)
                .startTime(start).endTime(start.plusSeconds(90)).period(10).extendedStatistics("p50", "p99")
                .build()).datapoints()) {
            double p99 = point.extended("p99");
            peak = Math.max(peak, p99);
            System.out.printf(Locale.ROOT, "  %s  %6.1f  %6.1f%n", TIME.format(point.timestamp()),
                    point.extended("p50"), p99);
        }

        // The alarm's state changes, oldest first, and the notifications the on-call queue received.
        List<AlarmHistoryItem> history = new ArrayList<>(metrics.describeAlarmHistory("checkout-p99", "StateUpdate"));
        Collections.reverse(history);
        List<String> transitions = new ArrayList<>();
        for (AlarmHistoryItem item : history) {
            System.out.println("  " + TIME.format(item.timestamp()) + "  " + item.summary());
            transitions.add(item.summary().substring(item.summary().lastIndexOf(' ') + 1));
        }
        List<ReceivedMessage> pages = pager.receive(10);
        for (ReceivedMessage page : pages) {
            System.out.println("  paged: " + JSON.readTree(page.body()).path("Subject").asText());
        }
        metrics.close();
        return new Result(peak, transitions, pages.size());
    }
}
