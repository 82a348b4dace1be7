package dev.stratus.bench.balancer;

import dev.stratus.balancer.Balancer;
import dev.stratus.balancer.FlowKey;
import dev.stratus.balancer.Shard;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The new-flow decision (goal G2: at least 5M/s per core; G3: 0 B/op): a SYN of an unseen flow is hashed with its
 * initial sequence number, picks a target from the Maglev table and is inserted; its RST removes it again, so the
 * table stays at a steady 100k flows. 1,000 targets. {@code newFlowBurst} routes the same pairs eight at a time as
 * one 16-packet burst ({@link Shard#route(FlowKey[], int[], int[], int[], int)}, as the ring path does); scores are
 * per new flow.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
public class BalancerNewFlowBenchmark {
    private static final int STEADY = 100_000;
    private static final int MASK = (1 << 20) - 1;

    private Balancer balancer;
    private Shard shard;
    private static final int PAIRS = 8;

    private final FlowKey key = new FlowKey();
    private final FlowKey[] burst = new FlowKey[2 * PAIRS];
    private final int[] burstFlags = new int[2 * PAIRS];
    private final int[] burstBytes = new int[2 * PAIRS];
    private final int[] burstResults = new int[2 * PAIRS];
    private final FlowKey old = new FlowKey();
    private int next;

    @Setup
    public void setUp() {
        balancer = Flows.balancer(1000, 1 << 20, 64 * 1024);
        shard = balancer.shard(0);
        for (int i = 0; i < STEADY; i++) {
            shard.route(Flows.key(key, i), FlowKey.SYN, 60);
        }
        next = STEADY;
        for (int i = 0; i < burst.length; i++) {
            burst[i] = new FlowKey();
            burstFlags[i] = i % 2 == 0 ? FlowKey.SYN : FlowKey.RST;
            burstBytes[i] = i % 2 == 0 ? 60 : 40;
        }
    }

    @TearDown
    public void tearDown() {
        BalancerLookupBenchmark.check(shard.activeFlows() == STEADY, "steady flows: " + shard.activeFlows());
        balancer.close();
    }

    /** One new flow in, the oldest out: new-flow decision plus one removal. */
    @Benchmark
    public int newFlow() {
        int i = next++;
        int target = shard.route(Flows.key(key, i & MASK), FlowKey.SYN, 60);
        shard.route(Flows.key(old, (i - STEADY) & MASK), FlowKey.RST, 40);
        return target;
    }

    /** Eight new flows in and eight oldest out, as one burst. */
    @Benchmark
    @OperationsPerInvocation(PAIRS)
    public int newFlowBurst() {
        for (int p = 0; p < PAIRS; p++) {
            int i = next++;
            Flows.key(burst[2 * p], i & MASK);
            Flows.key(burst[2 * p + 1], (i - STEADY) & MASK);
        }
        shard.route(burst, burstFlags, burstBytes, burstResults, burst.length);
        return burstResults[0];
    }
}
