package dev.stratus.metrics;

import static dev.stratus.metrics.MetricsFixtures.T0;
import static dev.stratus.metrics.MetricsFixtures.assertAwsError;
import static dev.stratus.metrics.MetricsFixtures.stats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
        Thread a = writer(recorder, perThread, start, "writer-a");
        Thread b = writer(recorder, perThread, start, "writer-b");
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
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldCountAndSumExactlyWhileSecondsRollUnderTheWriters() throws Exception {
        Recorder recorder = metrics.recorder(KEY, Unit.MILLISECONDS);
        int perThread = 300_000;
        CountDownLatch start = new CountDownLatch(1);
        Thread a = writer(recorder, perThread, start, "writer-a");
        Thread b = writer(recorder, perThread, start, "writer-b");
        start.countDown();
        // the clock moves (rolling slots) and queries flush while both threads write
        for (int second = 0; second < 50 && (a.isAlive() || b.isAlive()); second++) {
            clock.advance(Duration.ofSeconds(1));
            stats(metrics, KEY, T0, T0.plusSeconds(60), 1, Statistic.SUM);
        }
        a.join();
        b.join();
        clock.advance(Duration.ofSeconds(2));
        double count = 0;
        double sum = 0;
        for (Datapoint point : stats(metrics, KEY, T0, T0.plusSeconds(60), 1, Statistic.SAMPLE_COUNT, Statistic.SUM,
                Statistic.MINIMUM, Statistic.MAXIMUM).datapoints()) {
            double n = point.value(Statistic.SAMPLE_COUNT);
            count += n;
            sum += point.value(Statistic.SUM);
            assertTrue(point.value(Statistic.MINIMUM) >= 1 && point.value(Statistic.MAXIMUM) <= 100, point::toString);
            assertTrue(point.value(Statistic.SUM) >= n && point.value(Statistic.SUM) <= 100 * n, point::toString);
        }
        assertEquals(2.0 * perThread, count);
        assertEquals(2.0 * perThread / 100 * 5050, sum);
        Datapoint minute = stats(metrics, KEY, T0, T0.plusSeconds(60), 60, Statistic.SAMPLE_COUNT, Statistic.SUM)
                .datapoints().get(0);
        assertEquals(2.0 * perThread, minute.value(Statistic.SAMPLE_COUNT));
        assertEquals(2.0 * perThread / 100 * 5050, minute.value(Statistic.SUM));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldCountExactlyWhenMoreThreadsWriteThanThereAreCells() throws Exception {
        Recorder recorder = metrics.recorder(KEY, Unit.MILLISECONDS);
        int threads = 80;
        int perThread = 1000;
        CountDownLatch recorded = new CountDownLatch(threads);
        CountDownLatch release = new CountDownLatch(1);
        Thread[] writers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            writers[t] = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    recorder.record(2);
                }
                recorded.countDown();
                try {
                    // stay alive so no cell is handed over: the last threads take the locked path
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            writers[t].start();
        }
        recorded.await();
        clock.advance(Duration.ofSeconds(2));
        Datapoint point = stats(metrics, KEY, T0, T0.plusSeconds(10), 1, Statistic.SAMPLE_COUNT, Statistic.SUM)
                .datapoints().get(0);
        release.countDown();
        for (Thread writer : writers) {
            writer.join();
        }
        assertEquals((double) threads * perThread, point.value(Statistic.SAMPLE_COUNT));
        assertEquals(2.0 * threads * perThread, point.value(Statistic.SUM));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldHandTheCellOfAThreadThatEndedToTheNextWriter() throws Exception {
        Recorder recorder = metrics.recorder(KEY, Unit.MILLISECONDS);
        long oneCell = 0;
        for (int t = 0; t < 20; t++) {
            Thread writer = new Thread(() -> recorder.record(5));
            writer.start();
            writer.join();
            clock.advance(Duration.ofSeconds(1));
            if (t == 0) {
                oneCell = metrics.memoryBytes(KEY);
            }
        }
        assertEquals(20.0, stats(metrics, KEY, T0, T0.plusSeconds(60), 60, Statistic.SAMPLE_COUNT).datapoints()
                .get(0).value(Statistic.SAMPLE_COUNT));
        // 20 one-second points more, but no second cell
        assertTrue(metrics.memoryBytes(KEY) < oneCell + 20_000, "memory " + metrics.memoryBytes(KEY));
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
    void shouldKeepZerosAndValuesBeyondTheBucketRangeAndDropPercentilesForNegativeValues() {
        Recorder recorder = metrics.recorder(KEY, Unit.MILLISECONDS);
        for (double value : new double[] {0, -0.0, 0, 1e-9, 5, 1e12}) {
            recorder.record(value);
        }
        clock.advance(Duration.ofSeconds(1));
        recorder.record(2);
        recorder.record(-1);
        clock.advance(Duration.ofSeconds(1));
        MetricStatistics basic = stats(metrics, KEY, T0, T0.plusSeconds(10), 1, Statistic.SAMPLE_COUNT,
                Statistic.SUM, Statistic.MINIMUM, Statistic.MAXIMUM);
        Datapoint first = basic.datapoints().get(0);
        assertEquals(6.0, first.value(Statistic.SAMPLE_COUNT));
        assertEquals(1e12 + 5 + 1e-9, first.value(Statistic.SUM));
        assertEquals(0.0, first.value(Statistic.MINIMUM));
        assertEquals(1e12, first.value(Statistic.MAXIMUM));
        Datapoint second = basic.datapoints().get(1);
        assertEquals(2.0, second.value(Statistic.SAMPLE_COUNT));
        assertEquals(-1.0, second.value(Statistic.MINIMUM));
        MetricStatistics percentiles = metrics.getMetricStatistics(GetMetricStatisticsRequest.builder().metric(KEY)
                .startTime(T0).endTime(T0.plusSeconds(10)).period(1).extendedStatistics("p50", "p100").build());
        assertEquals(0.0, percentiles.datapoints().get(0).extended("p50"));
        assertEquals(1e12, percentiles.datapoints().get(0).extended("p100"), 1e12 * 0.01);
        assertNull(percentiles.datapoints().get(1).extended("p50"));
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

    /** A started thread that waits for {@code start}, then records {@code count} values 1..100 in turn. */
    private static Thread writer(final Recorder recorder, final int count, final CountDownLatch start,
            final String name) {
        Thread thread = new Thread(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (int i = 0; i < count; i++) {
                recorder.record(i % 100 + 1);
            }
        }, name);
        thread.start();
        return thread;
    }
}
