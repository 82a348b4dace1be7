package dev.stratus.bench.states;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stratus.core.ManualClock;
import dev.stratus.core.RandomSource;
import dev.stratus.states.Execution;
import dev.stratus.states.ExecutionStatus;
import dev.stratus.states.StateMachine;
import dev.stratus.states.StateMachineType;
import dev.stratus.states.States;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
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

/**
 * Transition cost against the number of executions in flight at once: N Standard executions each wait one second,
 * then run a 10-state Pass chain, all released by one {@code advance} of the manual clock on this thread. One
 * operation is one wave of N executions of 12 transitions each (the Wait, 10 Passes, the Succeed); the report
 * divides by N x 12 to plot the cost of one transition against N: a flat curve means executions in flight cost
 * nothing per transition.
 *
 * <pre>
 *   start x N --> [Wait 1s] x N --advance(1s)--> P0 -> ... -> P9 -> Done   (x N, interleaved)
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StatesConcurrentExecutionsBenchmark {
    static final int PASSES = 10;

    /** Executions in flight at once. */
    @Param({"1", "100", "1000"})
    public int executions;

    private ManualClock clock;
    private States states;
    private StateMachine machine;
    private final JsonNode input = JsonNodeFactory.instance.objectNode().put("orderId", 42);
    private Execution[] runs;
    private long counter;

    @Setup(Level.Trial)
    public void setUp() {
        clock = ManualClock.at(Instant.EPOCH);
        states = States.builder().clock(clock).random(RandomSource.seeded(1)).retainedExecutions(2 * executions)
                .build();
        StringBuilder asl = new StringBuilder("{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\","
                + "\"Seconds\":1,\"Next\":\"P0\"}");
        for (int i = 0; i < PASSES; i++) {
            asl.append(",\"P").append(i).append("\":{\"Type\":\"Pass\",\"Result\":").append(i)
                    .append(",\"ResultPath\":\"$.step\",\"Next\":\"").append(i == PASSES - 1 ? "Done" : "P" + (i + 1))
                    .append("\"}");
        }
        asl.append(",\"Done\":{\"Type\":\"Succeed\"}}}");
        machine = states.define("waves", asl.toString(), StateMachineType.STANDARD);
        runs = new Execution[executions];
    }

    /** One wave: N executions started, parked, released together and run to the end. */
    @Benchmark
    public Object wave() {
        for (int i = 0; i < executions; i++) {
            runs[i] = states.start(machine, "e" + counter++, input);
        }
        clock.advance(Duration.ofSeconds(1));
        for (Execution run : runs) {
            if (run.status() != ExecutionStatus.SUCCEEDED) {
                throw new IllegalStateException("execution did not succeed: " + run.status() + " " + run.cause());
            }
        }
        return runs[executions - 1].output().orElseThrow();
    }
}
