package dev.stratus.bench.balancer;

import dev.stratus.balancer.Balancer;
import dev.stratus.balancer.FlowKey;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

/**
 * Ring hand-off latency, one producer to one shard, as a sampled distribution (JMH SampleTime: p50, p99, p99.9):
 * {@code offer} queues one flow record of an established flow and spins until the shard thread has routed it and
 * its route handler has published the record's correlation, so one sample is a round trip producer -> ring ->
 * shard (decode, route) -> handler -> producer. The {@code shard} thread runs the agent's duty cycle; its samples
 * are the duty cycles' own lengths. On a machine with fewer idle cores than threads the tail measures scheduling,
 * not the ring.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
public class BalancerRingLatencyBenchmark {
    private static final int MASK = (1 << 16) - 1;

    private Balancer balancer;
    private final FlowKey[] keys = new FlowKey[MASK + 1];
    private volatile long routed = -1;
    private long next;

    @Setup
    public void setUp() {
        balancer = Flows.balancer(100, 1 << 17, 64 * 1024, (correlation, result) -> routed = correlation);
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Flows.key(new FlowKey(), i);
            balancer.route(keys[i], FlowKey.SYN, 60);
        }
    }

    @TearDown
    public void tearDown() {
        while (balancer.doWork() > 0) {
            continue;
        }
        BalancerLookupBenchmark.check(balancer.counters().resets() == 0, "resets: " + balancer.counters().resets());
        balancer.close();
    }

    /** One record's round trip through the ring. */
    @Benchmark
    @Group("roundTrip")
    @GroupThreads(1)
    public long offer(final Control control) {
        long correlation = next++;
        while (!balancer.offer(keys[(int) correlation & MASK], FlowKey.ACK, 1500, correlation)) {
            if (control.stopMeasurement) {
                return -1;
            }
            Thread.onSpinWait();
        }
        while (routed != correlation) {
            // the shard thread may already have left the iteration: do not spin forever
            if (control.stopMeasurement) {
                return -1;
            }
            Thread.onSpinWait();
        }
        return correlation;
    }

    /** The shard's duty cycle. */
    @Benchmark
    @Group("roundTrip")
    @GroupThreads(1)
    public int shard() {
        return balancer.doWork();
    }
}
