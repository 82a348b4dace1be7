package dev.stratus.metrics;

import static dev.stratus.metrics.MetricsFixtures.T0;
import static dev.stratus.metrics.MetricsFixtures.assertAwsError;
import static dev.stratus.metrics.MetricsFixtures.stats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.core.ManualClock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RecorderTest {
    private static final MetricKey KEY = MetricKey.of("ECS", "Latency", Dimension.of("ClusterName", "prod"));
    private final ManualClock clock = MetricsFixtures.clock();
    private final Metrics metrics = MetricsFixtures.metrics(clock);

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldCountAndSumExactlyWhenTwoThreadsRecordTheSameSeries() throws Exception {
        Recorder recorder = metrics.recorder(KEY, Unit.MILLISECONDS);
        int perThread = 500_000;
        CountDownLatch start = new CountDownLatch(1);
        Runnable writer = () -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (int i = 0; i < perThread; i++) {
                recorder.record(i % 100 + 1);
            }
        };
        Thread a = new Thread(writer, "writer-a");
        Thread b = new Thread(writer, "writer-b");
        a.start();
        b.start();
        start.countDown();
        a.join();
        b.join();
        clock.advance(Duration.ofSeconds(2));
        Datapoint point = stats(metrics, KEY, T0, T0.plusSeconds(10), 1, Statistic.SAMPLE_COUNT, Statistic.SUM,
                Statistic.MINIMUM, Statistic.MAXIMUM).datapoints().get(0);
        assertEquals(2.0 * perThread, point.value(Statistic.SAMPLE_COUNT));
        assertEquals(2.0 * perThread / 100 * 5050, point.value(Statistic.SUM));
        assertEquals(1.0, point.value(Statistic.MINIMUM));
        assertEquals(100.0, point.value(Statistic.MAXIMUM));
        double p90 = metrics.getMetricStatistics(GetMetricStatisticsRequest.builder().metric(KEY).startTime(T0)
                .endTime(T0.plusSeconds(10)).period(1).extendedStatistics("p90").build()).datapoints().get(0)
                .extended("p90");
        assertTrue(Math.abs(p90 - 90) / 90 <= 0.01, "p90=" + p90);
    }

    @Test
    void shouldKeepOnePointPerSecondAndRollThemIntoMinutes() {
        Recorder recorder = metrics.recorder(KEY, Unit.MILLISECONDS);
        for (int second = 0; second < 5; second++) {
            recorder.record(second);
            recorder.record(second + 10);
            clock.advance(Duration.ofSeconds(1));
        }
        clock.advance(Duration.ofSeconds(1));
        MetricStatistics perSecond = stats(metrics, KEY, T0, T0.plusSeconds(10), 1, Statistic.SUM);
        assertEquals(5, perSecond.datapoints().size());
        assertEquals(14.0, perSecond.datapoints().get(2).value(Statistic.SUM));
        assertEquals(T0.plusSeconds(2), perSecond.datapoints().get(2).timestamp());
        assertEquals(70.0, stats(metrics, KEY, T0, T0.plusSeconds(60), 60, Statistic.SUM).datapoints().get(0)
                .value(Statistic.SUM));
        assertEquals(1, metrics.listMetrics(ListMetricsRequest.namespace("ECS")).metrics().size());
        assertTrue(metrics.memoryBytes(KEY) < 80_000, "recorder memory " + metrics.memoryBytes(KEY));
    }

    @Test
    void shouldRejectValuesCloudWatchWouldRejectWithoutThrowing() {
        Recorder recorder = metrics.recorder(KEY, Unit.MILLISECONDS);
        assertEquals(Recorder.INVALID_VALUE, recorder.record(Double.NaN));
        assertEquals(Recorder.INVALID_VALUE, recorder.record(Double.NEGATIVE_INFINITY));
        assertEquals(Recorder.OK, recorder.record(-3));
        clock.advance(Duration.ofSeconds(2));
        Datapoint point = stats(metrics, KEY, T0, T0.plusSeconds(10), 1, Statistic.SAMPLE_COUNT).datapoints().get(0);
        assertEquals(1.0, point.value(Statistic.SAMPLE_COUNT));
    }

    @Test
    void shouldRejectBadRecorderKeysNamingTheField() {
        NullPointerException npe = assertThrows(NullPointerException.class, () -> metrics.recorder(KEY, null));
        assertEquals("unit", npe.getMessage());
        assertAwsError("InvalidParameterValue", "The metric of a recorder needs a namespace and a name:"
                + " key=MetricKey[namespace=, name=m, dimensions=[]]", () -> metrics.recorder(MetricKey.of("", "m"),
                Unit.COUNT));
        assertAwsError("MissingParameter", "The parameter Dimensions.member.1.Value is required.",
                () -> metrics.recorder(MetricKey.of("ns", "m", Dimension.of("a", "")), Unit.COUNT));
    }
}
