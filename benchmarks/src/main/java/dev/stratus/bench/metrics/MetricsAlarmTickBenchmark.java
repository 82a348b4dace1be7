package dev.stratus.bench.metrics;

import dev.stratus.core.ManualClock;
import dev.stratus.metrics.ComparisonOperator;
import dev.stratus.metrics.Dimension;
import dev.stratus.metrics.MetricAlarm;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One evaluation tick of 1,000 alarms (10 s period, Average over 3 periods, 100 series of 1-second data, steady
 * state), on a virtual clock. Goal: at most 5 ms per tick. Twin baseline: the same 1,000 threshold checks over
 * precomputed averages, the floor any evaluator pays.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MetricsAlarmTickBenchmark {
    private static final int ALARMS = 1000;
    private static final int SERIES = 100;
    private static final Instant NOW = Instant.parse("2026-01-05T12:00:00Z");

    private Metrics metrics;
    private final double[] averages = new double[ALARMS];
    private final double[] thresholds = new double[ALARMS];

    @Setup
    public void setUp() {
        ManualClock clock = ManualClock.at(NOW.minusSeconds(60));
        metrics = Metrics.builder().clock(clock).build();
        List<MetricDatum> data = new ArrayList<>();
        for (int series = 0; series < SERIES; series++) {
            for (int s = 0; s < 60; s++) {
                data.add(MetricDatum.builder("Load").dimension("Host", "h" + series).value(series + s % 7)
                        .storageResolution(1).timestamp(NOW.minusSeconds(60 - s)).build());
            }
            metrics.putMetricData("Bench", data);
            data.clear();
        }
        for (int i = 0; i < ALARMS; i++) {
            metrics.putMetricAlarm(MetricAlarm.builder("alarm-" + i)
                    .metric(MetricKey.of("Bench", "Load", Dimension.of("Host", "h" + i % SERIES)))
                    .statistic(Statistic.AVERAGE).period(10).evaluationPeriods(3).threshold(i % 150)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).build());
            averages[i] = i % SERIES + 3;
            thresholds[i] = i % 150;
        }
        clock.advanceTo(NOW);
        if (metrics.evaluateAlarms() != ALARMS) {
            throw new IllegalStateException("expected every alarm evaluated");
        }
        // a tick takes milliseconds: warm it past the JIT thresholds here, so short runs measure C2 code
        for (int i = 0; i < 200; i++) {
            metrics.evaluateAlarms();
        }
    }

    @TearDown
    public void tearDown() {
        metrics.close();
    }

    @Benchmark
    public int tick() {
        return metrics.evaluateAlarms();
    }

    @Benchmark
    public int thresholdChecksBaseline() {
        int breaching = 0;
        for (int i = 0; i < ALARMS; i++) {
            if (averages[i] > thresholds[i]) {
                breaching++;
            }
        }
        return breaching;
    }
}
