package dev.stratus.bench.balancer;

import com.google.common.hash.Hashing;
import dev.stratus.balancer.internal.FlowHasher;
import dev.stratus.balancer.internal.Maglev;
import java.util.Arrays;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Stateless target choice, Maglev (one array read) against jump consistent hash (Guava
 * {@code Hashing.consistentHash}, an O(ln N) loop), for N = 100 and 1,000 at M = 65,537 (goal G10: Maglev at least
 * 5x faster at N = 1,000). The set-up prints, for the same N, the table balance max/avg (G5: 1.0010 and 1.0071) and
 * the share of keys that move off surviving backends when one backend is removed (G8: Maglev about 0.66% at
 * N = 1,000; jump 0 for the last bucket, about 1/N more for an arbitrary one).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
public class MaglevLookupBenchmark {
    private static final int M = Maglev.DEFAULT_TABLE_SIZE;
    private static final int MASK = (1 << 16) - 1;

    /** The stateless chooser under test. */
    public enum Impl { MAGLEV, JUMP_HASH }

    @Param({"MAGLEV", "JUMP_HASH"})
    public Impl impl;

    @Param({"100", "1000"})
    public int backends;

    private int[] table;
    private final long[] hashes = new long[MASK + 1];
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = FlowHasher.fmix(random.nextLong());
        }
        table = build(backends, -1);
        if (impl == Impl.MAGLEV) {
            report();
        }
    }

    @Benchmark
    public int choose() {
        long hash = hashes[next++ & MASK];
        if (impl == Impl.MAGLEV) {
            return table[Maglev.slot(hash, M)];
        }
        return Hashing.consistentHash(hash, backends);
    }

    private static int[] build(final int n, final int removed) {
        long[] names = new long[n];
        int[] weights = new int[n];
        for (int i = 0; i < n; i++) {
            names[i] = Maglev.nameHash("backend-" + i);
            weights[i] = i == removed ? 0 : 1;
        }
        return Maglev.build(M, names, weights);
    }

    private void report() {
        int[] counts = new int[backends];
        for (int owner : table) {
            counts[owner]++;
        }
        double balance = Arrays.stream(counts).max().getAsInt() / (M / (double) backends);
        int removed = new SplittableRandom(backends).nextInt(backends);
        int[] after = build(backends, removed);
        int moved = 0;
        for (int s = 0; s < M; s++) {
            if (table[s] != removed && table[s] != after[s]) {
                moved++;
            }
        }
        int keys = 200_000;
        int jumpMovedLast = 0;
        int jumpMovedArbitrary = 0;
        SplittableRandom random = new SplittableRandom(9);
        for (int k = 0; k < keys; k++) {
            long key = random.nextLong();
            int before = Hashing.consistentHash(key, backends);
            int shrunk = Hashing.consistentHash(key, backends - 1);
            if (before != backends - 1 && before != shrunk) {
                jumpMovedLast++;
            }
            // removing an arbitrary bucket: swap the last bucket's id into its place (indirection)
            int remapped = shrunk == removed ? backends - 1 : shrunk;
            if (before != removed && before != remapped) {
                jumpMovedArbitrary++;
            }
        }
        System.out.printf("%nN=%d M=%d: Maglev slots max/avg %.4f; removing one backend moves %.3f%% of slots off "
                + "survivors (jump hash: %.3f%% for the last bucket, %.3f%% for an arbitrary one)%n", backends, M,
                balance, 100.0 * moved / M, 100.0 * jumpMovedLast / keys, 100.0 * jumpMovedArbitrary / keys);
    }
}
