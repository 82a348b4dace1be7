package dev.stratus.bench.core;

import dev.stratus.core.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of scheduling a timer on the {@link ManualClock} and firing it by advancing, the step every simulated wait,
 * retry and timeout takes. Baseline in the same run: the same work on a {@link java.util.PriorityQueue} alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ManualClockScheduleBenchmark {
    private static final Duration ONE_MS = Duration.ofMillis(1);

    private ManualClock clock;
    private final AtomicLong fired = new AtomicLong();
    private final java.util.PriorityQueue<Long> queue = new java.util.PriorityQueue<>();
    private long now;

    @Setup
    public void setUp() {
        clock = ManualClock.at(Instant.EPOCH);
    }

    @Benchmark
    public long scheduleAndAdvance() {
        clock.schedule(ONE_MS, fired::incrementAndGet);
        clock.advance(ONE_MS);
        return fired.get();
    }

    @Benchmark
    public long priorityQueueBaseline() {
        now += 1_000_000L;
        queue.add(now);
        return queue.poll();
    }
}
