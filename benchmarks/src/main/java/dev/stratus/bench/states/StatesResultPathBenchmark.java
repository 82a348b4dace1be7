package dev.stratus.bench.states;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * Payload scaling of a transition: a Pass state putting a small result at {@code $.audit.checked} of a 1 KiB or
 * 200 KiB document. The two sizes should score within 2x of each other: a transition copies the path, not the
 * payload (ResultPath shares every unchanged subtree, history keeps references and renders on read).
 *
 * <p>{@code resultPath} (the goal) measures the step inside a running Standard execution that loops
 * {@code Check -> Wait 1s -> Check}: one operation is one {@code advance} of the manual clock, which runs the Wait's
 * exit and the Pass (2 transitions). When the loop reaches the 25,000-event history quota the execution fails and
 * the next operation starts another (its start, spread over ~6,000 operations, is measured too).
 *
 * <p>{@code startAndRun100} measures a whole execution of 100 such Pass states, start included; the start checks
 * the input's size and depth once (AWS's 256 KiB limit), which is O(payload): ~1 ns a byte, so at 200 KiB the start
 * outweighs the 100 transitions and this figure is not flat in the payload size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StatesResultPathBenchmark {
    static final int STEPS = 100;

    @Param({"1024", "204800"})
    public int payloadBytes;

    private ManualClock clock;
    private States states;
    private StateMachine chain;
    private StateMachine loop;
    private JsonNode input;
    private Execution looping;
    private long counter;

    @Setup
    public void setUp() {
        clock = ManualClock.at(Instant.EPOCH);
        // few retained executions: each finished loop holds a full 25,000-event history
        states = States.builder().clock(clock).random(RandomSource.seeded(1)).retainedExecutions(16).build();
        StringBuilder asl = new StringBuilder("{\"StartAt\":\"S0\",\"States\":{");
        for (int i = 0; i < STEPS; i++) {
            asl.append(i == 0 ? "" : ",").append("\"S").append(i).append("\":{\"Type\":\"Pass\",\"Result\":{\"ok\":")
                    .append(i + 1).append("},\"ResultPath\":\"$.audit.checked\",")
                    .append(i == STEPS - 1 ? "\"End\":true}" : "\"Next\":\"S" + (i + 1) + "\"}");
        }
        chain = states.define("resultPath", asl.append("}}").toString(), StateMachineType.STANDARD);
        loop = states.define("resultPathLoop", "{\"StartAt\":\"Check\",\"States\":{\"Check\":{\"Type\":\"Pass\","
                + "\"Result\":{\"ok\":true},\"ResultPath\":\"$.audit.checked\",\"Next\":\"Hold\"},\"Hold\":{\"Type\":"
                + "\"Wait\",\"Seconds\":1,\"Next\":\"Check\"}}}", StateMachineType.STANDARD);
        input = payload(payloadBytes);
        looping = states.start(loop, "loop" + counter++, input);
        String passOutput = looping.history().get(looping.history().size() - 2).details().path("output").asText();
        if (!passOutput.contains("\"checked\":{\"ok\":true}")) {
            throw new IllegalStateException("ResultPath not applied: " + looping.history());
        }
    }

    static JsonNode payload(final int bytes) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("orderId", 42);
        root.putObject("audit").put("by", "bench");
        ArrayNode lines = root.putArray("lines");
        int size = 60;
        int i = 0;
        while (size < bytes) {
            ObjectNode line = lines.addObject();
            line.put("sku", "SKU-" + i);
            line.put("qty", i % 7);
            line.put("note", "x".repeat(40));
            size += 75 + String.valueOf(i).length() * 2;
            i++;
        }
        return root;
    }

    /** One turn of the loop: the Wait exits, the Pass applies its ResultPath, the Wait is entered again. */
    @Benchmark
    @OperationsPerInvocation(2)
    public Object resultPath() {
        clock.advance(Duration.ofSeconds(1));
        if (looping.status() != ExecutionStatus.RUNNING) {
            if (!looping.cause().orElse("").contains("maximum number of history events")) {
                throw new IllegalStateException("loop ended: " + looping.status() + " " + looping.cause());
            }
            looping = states.start(loop, "loop" + counter++, input);
        }
        return looping;
    }

    /** A whole execution of 100 ResultPath steps, its start (an O(payload) input check) included. */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public Object startAndRun100() {
        Execution run = states.start(chain, "e" + counter++, input);
        JsonNode out = run.output().orElseThrow();
        if (out.path("audit").path("checked").path("ok").asInt() != STEPS) {
            throw new IllegalStateException("ResultPath not applied");
        }
        return out;
    }
}
