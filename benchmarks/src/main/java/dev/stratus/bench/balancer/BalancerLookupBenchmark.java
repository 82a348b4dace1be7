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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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
 * the whole packet path (listener, keyed hash, table probe, expiry and termination checks, timestamp refresh,
 * counters); the baseline hashes the same key with the same keyed hash and looks it up in a
 * {@code ConcurrentHashMap} keyed by the boxed hash. Like with like: both fill the same reused {@link FlowKey} from
 * the next id of one shuffled order of every tracked flow (a sequential int read), so each lookup lands on a random
 * entry of the whole table and no subset stays cache-resident for either. {@code lookupBurst} routes 16 packets a
 * call, as a proxy or the ring path does with a poll's worth of packets ({@link Shard#route(FlowKey[], int[], int[],
 * int[], int)}); the baseline looks the same 16 up one after another (a hash map has no burst form: each get chases
 * its own pointers). Scores are per packet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
public class BalancerLookupBenchmark {
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
    private static final int BURST = 16;

    private final FlowKey key = new FlowKey();
    private final FlowKey[] burst = new FlowKey[BURST];
    private final int[] burstFlags = new int[BURST];
    private final int[] burstBytes = new int[BURST];
    private final int[] burstResults = new int[BURST];
    private int[] order;
    private int mask;
    private int next;

    @Setup
    public void setUp() {
        check(Integer.bitCount(flows) == 1, "flows must be a power of two: " + flows);
        order = new int[flows];
        mask = flows - 1;
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < flows; i++) {
            int j = random.nextInt(i + 1);
            order[i] = order[j];
            order[j] = i;
        }
        for (int i = 0; i < BURST; i++) {
            burst[i] = new FlowKey();
            burstFlags[i] = FlowKey.ACK;
            burstBytes[i] = 1500;
        }
        long before = usedMemory();
        if (impl == Impl.SHARD_ROUTE) {
            balancer = Flows.balancer(100, flows, 64 * 1024);
            shard = balancer.shard(0);
            FlowKey fill = new FlowKey();
            for (int i = 0; i < flows; i++) {
                shard.route(Flows.key(fill, i), FlowKey.SYN, 60);
            }
            check(shard.activeFlows() == flows, "flows tracked: " + shard.activeFlows());
            System.out.printf("%nflow table: %d bytes for %d flows = %.1f bytes per tracked flow%n",
                    shard.flowTableBytes(), flows, shard.flowTableBytes() / (double) flows);
        } else {
            hasher = new FlowHasher(1, 2, 3);
            map = new ConcurrentHashMap<>(flows * 2);
            FlowKey fill = new FlowKey();
            for (int i = 0; i < flows; i++) {
                map.put(hasher.flowHash(Flows.key(fill, i)), i % 100);
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
        Flows.key(key, order[next++ & mask]);
        if (impl == Impl.SHARD_ROUTE) {
            return shard.route(key, FlowKey.ACK, 1500);
        }
        Integer target = map.get(hasher.flowHash(key));
        return target == null ? -1 : target;
    }

    /** Sixteen packets of random established flows a call. */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public int lookupBurst() {
        for (int i = 0; i < BURST; i++) {
            Flows.key(burst[i], order[next++ & mask]);
        }
        if (impl == Impl.SHARD_ROUTE) {
            shard.route(burst, burstFlags, burstBytes, burstResults, BURST);
            return burstResults[BURST - 1];
        }
        int sum = 0;
        for (int i = 0; i < BURST; i++) {
            Integer target = map.get(hasher.flowHash(burst[i]));
            sum += target == null ? -1 : target;
        }
        return sum;
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
