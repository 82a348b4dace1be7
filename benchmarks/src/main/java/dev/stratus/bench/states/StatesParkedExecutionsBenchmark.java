package dev.stratus.bench.states;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stratus.core.ManualClock;
import dev.stratus.core.RandomSource;
import dev.stratus.states.Execution;
import dev.stratus.states.ExecutionStatus;
import dev.stratus.states.StateMachine;
import dev.stratus.states.States;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Memory of 10,000 Standard executions parked in an hour-long Wait (no thread each: a clock timer and the history
 * so far). The score is the time to park them; the {@code retainedBytesPerExecution} counter is the heap they hold
 * after a GC, beyond their (shared) input, divided by their number. Baseline in the same run ({@code EMPTY_LIST}):
 * the same measurement holding 10,000 plain objects, the noise floor of the method.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 1)
@Fork(1)
public class StatesParkedExecutionsBenchmark {
    static final int EXECUTIONS = 10_000;

    /** What is held. */
    public enum Impl { STRATUS, EMPTY_LIST }

    @Param
    public Impl impl;

    /**
     * The retained heap per parked execution, in bytes. JMH sums an events counter over the measured iterations, so
     * each iteration reports its share: the sum is the mean of the iterations.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Retained {
        public double retainedBytesPerExecution;
        private int iterations;

        @Setup(Level.Iteration)
        public void reset(final IterationParams params) {
            retainedBytesPerExecution = 0;
            iterations = params.getType() == IterationType.MEASUREMENT ? params.getCount() : 1;
        }

        void report(final long bytesPerExecution) {
            retainedBytesPerExecution = (double) bytesPerExecution / iterations;
        }
    }

    private final JsonNode input = JsonNodeFactory.instance.objectNode().put("orderId", 42).put("customer", "ada");
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    @Benchmark
    public Object park(final Retained retained) {
        long before = used();
        List<Object> held = new ArrayList<>(EXECUTIONS);
        Object keep;
        if (impl == Impl.STRATUS) {
            States states = States.builder().clock(ManualClock.at(Instant.EPOCH)).random(RandomSource.seeded(1))
                    .build();
            StateMachine machine = states.define("parked", "{\"StartAt\":\"Hold\",\"States\":{\"Hold\":{\"Type\":"
                    + "\"Wait\",\"Seconds\":3600,\"End\":true}}}");
            for (int i = 0; i < EXECUTIONS; i++) {
                Execution run = states.start(machine, "e" + i, input);
                if (run.status() != ExecutionStatus.RUNNING) {
                    throw new IllegalStateException("not parked: " + run.status());
                }
                held.add(run);
            }
            keep = states;
        } else {
            for (int i = 0; i < EXECUTIONS; i++) {
                held.add(new Object());
            }
            keep = held;
        }
        long after = used();
        retained.report(Math.max(0, (after - before) / EXECUTIONS));
        return keep.hashCode() + held.size();
    }

    private long used() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
