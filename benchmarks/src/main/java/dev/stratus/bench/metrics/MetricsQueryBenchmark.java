package dev.stratus.bench.metrics;

import dev.stratus.core.ManualClock;
import dev.stratus.metrics.Datapoint;
import dev.stratus.metrics.GetMetricStatisticsRequest;
import dev.stratus.metrics.MetricDatum;
import dev.stratus.metrics.MetricKey;
import dev.stratus.metrics.Metrics;
import dev.stratus.metrics.Statistic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 3-hour GetMetricStatistics of 1-second data (10,800 points), five statistics, against a plain scan of the same
 * numbers in a {@code double[10800]} computing the same five statistics per period. {@code P60} is served by the
 * 60 s tier (the roll-up), {@code P10} by the 1 s tier (10,800 points into 1,080 datapoints, the finest period a
 * 3-hour query allows). Goal: {@code STRATUS_P10} at most 3x {@code SCAN_P10}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MetricsQueryBenchmark {
    private static final int SECONDS = 3 * 3600;
    private static final int WARM_CALLS = 1500;
    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    /** What runs: our query or the plain scan, at period 60 or 10. */
    public enum Impl { STRATUS_P60, STRATUS_P10, SCAN_P60, SCAN_P10 }

    @Param
    private Impl impl;

    private final double[] raw = Lognormal.values(SECONDS, 7);
    private Metrics metrics;
    private GetMetricStatisticsRequest request;
    private int period;

    @Setup
    public void setUp() {
        ManualClock clock = ManualClock.at(START);
        metrics = Metrics.builder().clock(clock).build();
        List<MetricDatum> batch = new ArrayList<>();
        for (int s = 0; s < SECONDS; s++) {
            batch.add(MetricDatum.builder("Latency").value(raw[s]).storageResolution(1)
                    .timestamp(START.plusSeconds(s)).build());
            if (batch.size() == 1000) {
                clock.advanceTo(START.plusSeconds(s));
                metrics.putMetricData("Bench", batch);
                batch = new ArrayList<>();
            }
        }
        clock.advanceTo(START.plusSeconds(SECONDS));
        metrics.putMetricData("Bench", batch);
        period = impl == Impl.STRATUS_P10 || impl == Impl.SCAN_P10 ? 10 : 60;
        request = GetMetricStatisticsRequest.builder().metric(MetricKey.of("Bench", "Latency")).startTime(START)
                .endTime(START.plusSeconds(SECONDS)).period(period).statistics(Statistic.values()).build();
        if (!scan() && metrics.getMetricStatistics(request).datapoints().size() != SECONDS / period) {
            throw new IllegalStateException("expected " + SECONDS / period + " datapoints");
        }
        // a query takes tens of microseconds: warm it past the JIT thresholds here, so short runs measure C2 code
        for (int i = 0; i < WARM_CALLS; i++) {
            query();
        }
    }

    @TearDown
    public void tearDown() {
        metrics.close();
    }

    @Benchmark
    public double query() {
        if (scan()) {
            return scan(period);
        }
        List<Datapoint> points = metrics.getMetricStatistics(request).datapoints();
        return points.get(points.size() - 1).value(Statistic.AVERAGE);
    }

    private boolean scan() {
        return impl == Impl.SCAN_P60 || impl == Impl.SCAN_P10;
    }

    private double scan(final int period) {
        double[] out = new double[SECONDS / period * 5];
        for (int b = 0; b < SECONDS / period; b++) {
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int s = b * period; s < (b + 1) * period; s++) {
                double v = raw[s];
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            out[b * 5] = period;
            out[b * 5 + 1] = sum;
            out[b * 5 + 2] = min;
            out[b * 5 + 3] = max;
            out[b * 5 + 4] = sum / period;
        }
        return out[out.length - 1];
    }
}
