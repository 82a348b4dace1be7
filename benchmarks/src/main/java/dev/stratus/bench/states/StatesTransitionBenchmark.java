package dev.stratus.bench.states;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.ManualClock;
import dev.stratus.core.RandomSource;
import dev.stratus.states.Execution;
import dev.stratus.states.ExecutionStatus;
import dev.stratus.states.StateMachine;
import dev.stratus.states.StateMachineType;
import dev.stratus.states.States;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Transitions per second, one thread, through a 100-state chain alternating Pass (ResultPath {@code $.step}) and
 * Choice ({@code $.step NumericEquals i}). One operation is one transition (the score is transitions/s).
 *
 * <pre>
 *   ExecutionStarted -> P0 -> C1 -> P2 -> C3 -> ... -> C99 -> ExecutionSucceeded
 * </pre>
 *
 * <p>Baseline in the same run ({@code FLOOR}): a hand-written Java loop doing the same Jackson work per state (a new
 * root sharing the input's fields with {@code step} set; reading {@code step} and comparing it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StatesTransitionBenchmark {
    static final int STATES = 100;

    /** What runs the chain. */
    public enum Impl { STANDARD, EXPRESS, FLOOR }

    @Param
    public Impl impl;

    private States states;
    private StateMachine machine;
    private JsonNode input;
    private long counter;

    @Setup
    public void setUp() {
        states = States.builder().clock(ManualClock.at(Instant.EPOCH)).random(RandomSource.seeded(1)).build();
        machine = states.define("chain" + impl, chain(), impl == Impl.STANDARD ? StateMachineType.STANDARD
                : StateMachineType.EXPRESS);
        ObjectNode in = JsonNodeFactory.instance.objectNode();
        in.put("orderId", 42);
        in.put("customer", "ada");
        in.putObject("lines").put("sku", "A-1").put("qty", 3);
        input = in;
    }

    static String chain() {
        StringBuilder asl = new StringBuilder("{\"StartAt\":\"S0\",\"States\":{");
        for (int i = 0; i < STATES; i++) {
            String next = i == STATES - 1 ? "\"End\":true" : "\"Next\":\"S" + (i + 1) + "\"";
            if (i > 0) {
                asl.append(',');
            }
            if (i % 2 == 0) {
                asl.append("\"S").append(i).append("\":{\"Type\":\"Pass\",\"Result\":").append(i + 1)
                        .append(",\"ResultPath\":\"$.step\",").append(next).append('}');
            } else if (i == STATES - 1) {
                asl.append("\"S").append(i).append("\":{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.step\","
                        + "\"NumericEquals\":").append(i).append(",\"Next\":\"Done\"}]}");
            } else {
                asl.append("\"S").append(i).append("\":{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.step\","
                        + "\"NumericEquals\":").append(i).append(",\"Next\":\"S").append(i + 1).append("\"}]}");
            }
        }
        asl.append(",\"Done\":{\"Type\":\"Succeed\"}}}");
        return asl.toString();
    }

    @Benchmark
    @OperationsPerInvocation(STATES)
    public Object chainOf100() {
        if (impl == Impl.FLOOR) {
            return floor(input);
        }
        Execution run = states.start(machine, "e" + counter++, input);
        if (run.status() != ExecutionStatus.SUCCEEDED) {
            throw new IllegalStateException("chain did not succeed: " + run.status() + " " + run.cause());
        }
        return run.output().orElseThrow();
    }

    static JsonNode floor(final JsonNode in) {
        JsonNode current = in;
        for (int i = 0; i < STATES; i++) {
            if (i % 2 == 0) {
                ObjectNode next = JsonNodeFactory.instance.objectNode();
                for (Map.Entry<String, JsonNode> e : current.properties()) {
                    next.set(e.getKey(), e.getValue());
                }
                next.put("step", i + 1);
                current = next;
            } else if (current.get("step").intValue() != i) {
                throw new IllegalStateException("no choice matched at " + i);
            }
        }
        return current;
    }
}
