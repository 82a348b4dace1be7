package dev.stratus.bench.states;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stratus.core.ManualClock;
import dev.stratus.core.RandomSource;
import dev.stratus.states.Execution;
import dev.stratus.states.ExecutionStatus;
import dev.stratus.states.StateMachine;
import dev.stratus.states.States;
import dev.stratus.states.StatesException;
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
 * Recovering a failed 1,000-iteration inline Map whose last 10 iterations did not succeed (item 990 failed, 991 to
 * 999 were aborted with it), once its handler is fixed: {@code REDRIVE} redrives the failed execution, which re-runs
 * only those 10 iterations and takes the other 990 results as they were; {@code RERUN} (the baseline) starts the
 * machine again from the beginning. One operation is one recovery; the ratio of the two scores is what redrive
 * saves. The failed execution is prepared per invocation, outside the measurement.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StatesRedriveBenchmark {
    static final int ITEMS = 1_000;
    static final int FIRST_FAILING = 990;

    /** How the failed workflow is recovered. */
    public enum Recovery { REDRIVE, RERUN }

    @Param
    public Recovery recovery;

    private States states;
    private StateMachine machine;
    private JsonNode input;
    private boolean failing;
    private Execution failed;
    private long counter;

    @Setup
    public void setUp() {
        states = States.builder().clock(ManualClock.at(Instant.EPOCH)).random(RandomSource.seeded(1))
                .retainedExecutions(16).handler("Process", this::process).build();
        machine = states.define("items", "{\"StartAt\":\"Each\",\"States\":{\"Each\":{\"Type\":\"Map\","
                + "\"ItemProcessor\":{\"StartAt\":\"Process\",\"States\":{\"Process\":{\"Type\":\"Task\","
                + "\"Resource\":\"arn:aws:lambda:us-east-1:111111111111:function:Process\",\"End\":true}}},"
                + "\"End\":true}}}");
        ArrayNode items = JsonNodeFactory.instance.arrayNode(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            items.add(i);
        }
        input = items;
    }

    private JsonNode process(final JsonNode item) {
        if (failing && item.intValue() >= FIRST_FAILING) {
            throw new StatesException("Item.Failed", "item " + item.intValue());
        }
        return JsonNodeFactory.instance.numberNode(item.intValue() * 2);
    }

    /** A fresh failed execution for each recovery. */
    @Setup(Level.Invocation)
    public void fail() {
        failing = true;
        failed = states.start(machine, "f" + counter++, input);
        failing = false;
        if (failed.status() != ExecutionStatus.FAILED) {
            throw new IllegalStateException("the Map did not fail: " + failed.status());
        }
    }

    @Benchmark
    public Object recover() {
        Execution done;
        if (recovery == Recovery.REDRIVE) {
            failed.redrive();
            done = failed;
        } else {
            done = states.start(machine, "r" + counter++, input);
        }
        if (done.status() != ExecutionStatus.SUCCEEDED) {
            throw new IllegalStateException("recovery did not succeed: " + done.status() + " " + done.cause());
        }
        return done.output().orElseThrow();
    }
}
