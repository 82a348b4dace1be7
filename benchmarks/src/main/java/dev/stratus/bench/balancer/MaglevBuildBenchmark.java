package dev.stratus.bench.balancer;

import dev.stratus.balancer.internal.Maglev;
import java.util.Arrays;
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
 * Maglev table population off the data path (goal G9: at most 2 ms for N = 1,000 and M = 65,537; the paper reports
 * 1.8 ms). Baseline in the same run: filling an array of M slots with {@code slot % N}, the cost floor of touching
 * every slot once.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
public class MaglevBuildBenchmark {
    @Param({"65537"})
    public int tableSize;

    @Param({"1000"})
    public int backends;

    private long[] names;
    private int[] weights;

    @Setup
    public void setUp() {
        names = new long[backends];
        weights = new int[backends];
        for (int i = 0; i < backends; i++) {
            names[i] = Maglev.nameHash("backend-" + i);
        }
        Arrays.fill(weights, 1);
    }

    @Benchmark
    public int[] maglevBuild() {
        return Maglev.build(tableSize, names, weights);
    }

    @Benchmark
    public int[] moduloFillBaseline() {
        int[] table = new int[tableSize];
        for (int s = 0; s < tableSize; s++) {
            table[s] = s % backends;
        }
        return table;
    }
}
