package dev.stratus.bench.balancer;

import dev.stratus.balancer.Balancer;
import dev.stratus.balancer.FlowKey;
import dev.stratus.balancer.Shard;
import dev.stratus.balancer.internal.FlowHasher;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
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
 * Established-flow lookup with 1M tracked flows, packets of random flows (goal G1: at least 3x a
 * {@code ConcurrentHashMap<Long,Integer>} flow table and 15M lookups/s per core; G3: 0 B/op). The shard variant is
 * the whole packet path (listener, keyed hash, table probe, timestamp refresh, counters); the baseline hashes the
 * same key and looks it up in a {@code ConcurrentHashMap} keyed by the boxed hash.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
public class BalancerLookupBenchmark {
    private static final int MASK = (1 << 16) - 1;

    /** The flow table under test. */
    public enum Impl { SHARD_ROUTE, CONCURRENT_HASH_MAP }

    @Param({"SHARD_ROUTE", "CONCURRENT_HASH_MAP"})
    public Impl impl;

    /** Flows tracked (a power of two); the harness sweeps it for the lookup-vs-active-flows curve. */
    @Param({"1048576"})
    public int flows;

    private Balancer balancer;
    private Shard shard;
    private ConcurrentHashMap<Long, Integer> map;
    private FlowHasher hasher;
    private final FlowKey[] keys = new FlowKey[MASK + 1];
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Flows.key(new FlowKey(), random.nextInt(flows));
        }
        long before = usedMemory();
        if (impl == Impl.SHARD_ROUTE) {
            balancer = Flows.balancer(100, flows, 64 * 1024);
            shard = balancer.shard(0);
            FlowKey key = new FlowKey();
            for (int i = 0; i < flows; i++) {
                shard.route(Flows.key(key, i), FlowKey.SYN, 60);
            }
            check(shard.activeFlows() == flows, "flows tracked: " + shard.activeFlows());
            System.out.printf("%nflow table: %d bytes for %d flows = %.1f bytes per tracked flow%n",
                    shard.flowTableBytes(), flows, shard.flowTableBytes() / (double) flows);
        } else {
            hasher = new FlowHasher(1, 2, 3);
            map = new ConcurrentHashMap<>(flows * 2);
            FlowKey key = new FlowKey();
            for (int i = 0; i < flows; i++) {
                map.put(hasher.flowHash(Flows.key(key, i)), i % 100);
            }
        }
        long bytes = usedMemory() - before;
        System.out.printf("%n%s: ~%d bytes per tracked flow (heap delta over %d flows)%n", impl,
                bytes / flows, flows);
    }

    @TearDown
    public void tearDown() {
        if (balancer != null) {
            balancer.close();
        }
    }

    @Benchmark
    public int lookup() {
        FlowKey key = keys[next++ & MASK];
        if (impl == Impl.SHARD_ROUTE) {
            return shard.route(key, FlowKey.ACK, 1500);
        }
        Integer target = map.get(hasher.flowHash(key));
        return target == null ? -1 : target;
    }

    private static long usedMemory() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    static void check(final boolean condition, final String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
