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
 * The high-resolution-metrics machine: a Parallel of 12 branches, each a Wait of one second then a Task that writes
 * a metric (a Java handler), run on a {@link ManualClock}. One operation is one transition (12 branches x 2 states
 * + the Parallel itself = 25 per execution), so the score is transitions/s.
 *
 * <pre>
 *              +-> Wait 1s -> Task WriteMetric --+
 *   Parallel --+-> ... 12 branches ...          -+--> [12 results]
 * </pre>
 *
 * <p>Baseline in the same run ({@code FLOOR}): the same Jackson work written by hand (per branch: build the task
 * input, call the handler, collect the result array).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StatesParallelBenchmark {
    static final int BRANCHES = 12;
    static final int TRANSITIONS = BRANCHES * 2 + 1;

    /** What runs the fan-out: a Standard execution (with history, 10,000 retained), an Express one, by hand. */
    public enum Impl { STANDARD, EXPRESS, FLOOR }

    @Param
    public Impl impl;

    private ManualClock clock;
    private States states;
    private StateMachine machine;
    private JsonNode input;
    private long counter;

    @Setup
    public void setUp() {
        clock = ManualClock.at(Instant.EPOCH);
        states = States.builder().clock(clock).random(RandomSource.seeded(1))
                .handler("WriteMetric", StatesParallelBenchmark::writeMetric).build();
        StringBuilder asl = new StringBuilder("{\"StartAt\":\"Fan\",\"States\":{\"Fan\":{\"Type\":\"Parallel\","
                + "\"End\":true,\"Branches\":[");
        for (int i = 0; i < BRANCHES; i++) {
            asl.append(i == 0 ? "" : ",").append("{\"StartAt\":\"W").append(i).append("\",\"States\":{\"W")
                    .append(i).append("\":{\"Type\":\"Wait\",\"Seconds\":1,\"Next\":\"T").append(i)
                    .append("\"},\"T").append(i).append("\":{\"Type\":\"Task\",\"Resource\":"
                    + "\"arn:aws:lambda:us-east-1:111111111111:function:WriteMetric\","
                    + "\"Parameters\":{\"metric\":\"latency\",\"shard\":").append(i)
                    .append(",\"value.$\":\"$.value\"},\"End\":true}}}");
        }
        asl.append("]}}}");
        machine = states.define("fan", asl.toString(), impl == Impl.EXPRESS ? StateMachineType.EXPRESS
                : StateMachineType.STANDARD);
        ObjectNode in = JsonNodeFactory.instance.objectNode();
        in.put("value", 12.5);
        input = in;
    }

    static JsonNode writeMetric(final JsonNode in) {
        ObjectNode ack = JsonNodeFactory.instance.objectNode();
        ack.put("shard", in.get("shard").intValue());
        ack.put("stored", true);
        return ack;
    }

    @Benchmark
    @OperationsPerInvocation(TRANSITIONS)
    public Object parallelOf12() {
        if (impl == Impl.FLOOR) {
            return floor(input);
        }
        Execution run = states.start(machine, "e" + counter++, input);
        clock.advance(Duration.ofSeconds(1));
        if (run.status() != ExecutionStatus.SUCCEEDED) {
            throw new IllegalStateException("fan-out did not succeed: " + run.status() + " " + run.cause());
        }
        return run.output().orElseThrow();
    }

    static JsonNode floor(final JsonNode in) {
        ArrayNode results = JsonNodeFactory.instance.arrayNode(BRANCHES);
        for (int i = 0; i < BRANCHES; i++) {
            ObjectNode params = JsonNodeFactory.instance.objectNode();
            params.put("metric", "latency");
            params.put("shard", i);
            params.set("value", in.get("value"));
            results.add(writeMetric(params));
        }
        return results;
    }
}
