package dev.stratus.bench.metrics;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import dev.stratus.core.Clock;
import dev.stratus.metrics.Dimension;
import dev.stratus.metrics.MetricKey;
import dev.stratus.metrics.Metrics;
import dev.stratus.metrics.Recorder;
import dev.stratus.metrics.Unit;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
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
 * One thread records one lognormal value into a high-resolution series (per-second SampleCount, Sum, Minimum,
 * Maximum and percentile buckets) through a {@link Recorder}; baselines in the same run: HdrHistogram's
 * {@code Histogram.recordValue} (3 digits, values rounded to long) and DDSketch's {@code accept} (1%, unbounded
 * dense). Goal: at most 2x HdrHistogram, no slower than DDSketch, 0 B/op. Work per value is at least the
 * baselines': each computes a bucket index from the value (HdrHistogram from its leading zeros, DDSketch
 * through its index mapping, ours from exponent and mantissa bits) and increments a counter; ours also adds
 * to the second's Sum, Minimum and Maximum and picks the slot of the current second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MetricsRecordBenchmark {
    /** The implementations compared. */
    public enum Impl { STRATUS, HDR_HISTOGRAM, DDSKETCH }

    @Param
    private Impl impl;

    private final double[] values = Lognormal.values(Lognormal.SIZE, 42);
    private final long[] longValues = new long[Lognormal.SIZE];
    private int index;
    private Metrics metrics;
    private Recorder recorder;
    private Histogram histogram;
    private DDSketch sketch;

    @Setup
    public void setUp() {
        for (int i = 0; i < values.length; i++) {
            longValues[i] = Math.round(values[i]);
        }
        metrics = Metrics.builder().clock(Clock.system()).build();
        recorder = metrics.recorder(MetricKey.of("Bench", "Latency", Dimension.of("Host", "a")), Unit.MILLISECONDS);
        histogram = new Histogram(3_600_000_000L, 3);
        sketch = DDSketches.unboundedDense(0.01);
    }

    @TearDown
    public void tearDown() {
        metrics.close();
    }

    @Benchmark
    public int record() {
        int i = index++ & Lognormal.MASK;
        switch (impl) {
            case STRATUS:
                return recorder.record(values[i]);
            case HDR_HISTOGRAM:
                histogram.recordValue(longValues[i]);
                return i;
            default:
                sketch.accept(values[i]);
                return i;
        }
    }
}
