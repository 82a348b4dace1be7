package dev.stratus.bench.balancer;

import dev.stratus.balancer.Balancer;
import dev.stratus.balancer.FlowKey;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
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
 * Ring hand-off, one producer to one shard (goal G11: at least 10M records/s): the producer offers 56-byte flow
 * records of established flows into the shard's {@code ManyToOneRingBuffer}; the shard thread reads and routes
 * them. {@code offer} counts accepted records (retrying while the ring is full; the aux counter
 * {@code backPressured} counts the retries), {@code shard} counts the shard's duty cycles.
 *
 * <pre>
 *   producer --offer--> [ ManyToOneRingBuffer 64 KiB ] --doWork--> shard (route, flow table)
 * </pre>
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
public class BalancerRingBenchmark {
    private static final int MASK = (1 << 16) - 1;

    private Balancer balancer;
    private final FlowKey[] keys = new FlowKey[MASK + 1];

    /** Failed offers per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Producer {
        public long backPressured;
        int next;

        @Setup(Level.Iteration)
        public void reset() {
            backPressured = 0;
        }
    }

    @Setup
    public void setUp() {
        balancer = Flows.balancer(100, 1 << 17, 64 * 1024);
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

    @Benchmark
    @Group("handoff")
    @GroupThreads(1)
    public int offer(final Producer producer, final Control control) {
        int i = producer.next;
        while (!balancer.offer(keys[i & MASK], FlowKey.ACK, 1500, i)) {
            producer.backPressured++;
            // the shard thread may already have left the iteration: do not spin forever
            if (control.stopMeasurement) {
                return -1;
            }
            Thread.onSpinWait();
        }
        producer.next++;
        return i;
    }

    @Benchmark
    @Group("handoff")
    @GroupThreads(1)
    public int shard() {
        return balancer.doWork();
    }
}
