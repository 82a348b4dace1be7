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
 * The same 20-state Pass chain in both query languages, one thread, Express (no history): each Pass builds
 * {@code {order, customer, step}} from its input, in JSONPath with {@code Parameters}
 * ({@code "order.$": "$.order"}) and a literal, in JSONata with {@code Output} ({@code "{% $states.input.order %}"}
 * and {@code $states.input.step + 1}).
 * One operation is one transition; the ratio JSONATA/JSONPATH is the cost of the JSONata engine per state.
 *
 * <pre>
 *   P0 -> P1 -> ... -> P19      (JSONPATH: Parameters; JSONATA: Output)
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StatesJsonataBenchmark {
    static final int STATES = 20;

    /** The machine's query language. */
    public enum Language { JSONPATH, JSONATA }

    @Param
    public Language language;

    private States states;
    private StateMachine machine;
    private JsonNode input;
    private long counter;

    @Setup
    public void setUp() {
        states = States.builder().clock(ManualClock.at(Instant.EPOCH)).random(RandomSource.seeded(1)).build();
        machine = states.define("chain" + language, chain(language), StateMachineType.EXPRESS);
        ObjectNode in = JsonNodeFactory.instance.objectNode();
        in.putObject("order").put("id", 42).put("sku", "A-1").put("qty", 3);
        in.put("customer", "ada");
        in.put("step", 0);
        input = in;
    }

    static String chain(final Language language) {
        boolean jsonata = language == Language.JSONATA;
        StringBuilder asl = new StringBuilder("{");
        if (jsonata) {
            asl.append("\"QueryLanguage\":\"JSONata\",");
        }
        asl.append("\"StartAt\":\"P0\",\"States\":{");
        for (int i = 0; i < STATES; i++) {
            if (i > 0) {
                asl.append(',');
            }
            asl.append("\"P").append(i).append("\":{\"Type\":\"Pass\",");
            if (jsonata) {
                asl.append("\"Output\":{\"order\":\"{% $states.input.order %}\",\"customer\":"
                        + "\"{% $states.input.customer %}\",\"step\":\"{% $states.input.step + 1 %}\"},");
            } else {
                asl.append("\"Parameters\":{\"order.$\":\"$.order\",\"customer.$\":\"$.customer\",\"step\":")
                        .append(i + 1).append("},");
            }
            asl.append(i == STATES - 1 ? "\"End\":true" : "\"Next\":\"P" + (i + 1) + "\"").append('}');
        }
        return asl.append("}}").toString();
    }

    @Benchmark
    @OperationsPerInvocation(STATES)
    public Object passChain() {
        Execution run = states.start(machine, "e" + counter++, input);
        if (run.status() != ExecutionStatus.SUCCEEDED || run.output().orElseThrow().path("step").asInt() != STATES) {
            throw new IllegalStateException("chain did not succeed: " + run.status() + " " + run.output());
        }
        return run.output().orElseThrow();
    }
}
