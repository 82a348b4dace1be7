package dev.stratus.bench.metrics;

import dev.stratus.core.Clock;
import dev.stratus.metrics.MetricKey;
import dev.stratus.metrics.Metrics;
import dev.stratus.metrics.Unit;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Two threads record into the same series: our {@link dev.stratus.metrics.Recorder} against HdrHistogram's
 * {@link Recorder} (its thread-safe, wait-free writer). Goal: per-thread time no worse than HdrHistogram's, 0 B/op.
 *
 * <pre>
 *   thread 1 --record--\
 *                       +--> one series (shared state)
 *   thread 2 --record--/
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(2)
public class MetricsRecordConcurrentBenchmark {
    /** The implementations compared. */
    public enum Impl { STRATUS, HDR_RECORDER }

    @Param
    private Impl impl;

    private final double[] values = Lognormal.values(Lognormal.SIZE, 42);
    private final long[] longValues = new long[Lognormal.SIZE];
    private Metrics metrics;
    private dev.stratus.metrics.Recorder recorder;
    private Recorder hdrRecorder;

    /** Each thread walks the value stream from its own position. */
    @State(Scope.Thread)
    public static class Cursor {
        private int index = (int) (Thread.currentThread().getId() * 997);
    }

    @Setup
    public void setUp() {
        for (int i = 0; i < values.length; i++) {
            longValues[i] = Math.round(values[i]);
        }
        metrics = Metrics.builder().clock(Clock.system()).build();
        recorder = metrics.recorder(MetricKey.of("Bench", "Latency"), Unit.MILLISECONDS);
        hdrRecorder = new Recorder(3_600_000_000L, 3);
    }

    @TearDown
    public void tearDown() {
        metrics.close();
    }

    @Benchmark
    public int record(final Cursor cursor) {
        int i = cursor.index++ & Lognormal.MASK;
        if (impl == Impl.STRATUS) {
            return recorder.record(values[i]);
        }
        hdrRecorder.recordValue(longValues[i]);
        return i;
    }
}
