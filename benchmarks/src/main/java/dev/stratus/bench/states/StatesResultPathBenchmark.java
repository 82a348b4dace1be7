package dev.stratus.bench.states;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.ManualClock;
import dev.stratus.core.RandomSource;
import dev.stratus.states.Execution;
import dev.stratus.states.StateMachine;
import dev.stratus.states.StateMachineType;
import dev.stratus.states.States;
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
 * Payload scaling: a Standard execution of 100 Pass states, each putting a small result at
 * {@code $.audit.checked} of an input of 1 KiB or 200 KiB; one operation is one transition (the start, which checks
 * the input's size and depth once, is spread over the 100). The two sizes should score within 2x of each other: a
 * transition copies the path, not the payload (ResultPath shares every unchanged subtree, history keeps
 * references and renders on read).
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

    private States states;
    private StateMachine machine;
    private JsonNode input;
    private long counter;

    @Setup
    public void setUp() {
        states = States.builder().clock(ManualClock.at(Instant.EPOCH)).random(RandomSource.seeded(1)).build();
        StringBuilder asl = new StringBuilder("{\"StartAt\":\"S0\",\"States\":{");
        for (int i = 0; i < STEPS; i++) {
            asl.append(i == 0 ? "" : ",").append("\"S").append(i).append("\":{\"Type\":\"Pass\",\"Result\":{\"ok\":")
                    .append(i + 1).append("},\"ResultPath\":\"$.audit.checked\",")
                    .append(i == STEPS - 1 ? "\"End\":true}" : "\"Next\":\"S" + (i + 1) + "\"}");
        }
        machine = states.define("resultPath", asl.append("}}").toString(), StateMachineType.STANDARD);
        input = payload(payloadBytes);
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

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public Object resultPath() {
        Execution run = states.start(machine, "e" + counter++, input);
        JsonNode out = run.output().orElseThrow();
        if (out.path("audit").path("checked").path("ok").asInt() != STEPS) {
            throw new IllegalStateException("ResultPath not applied");
        }
        return out;
    }
}
