package dev.stratus.bench.states;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.ManualClock;
import dev.stratus.core.RandomSource;
import dev.stratus.states.StateMachine;
import dev.stratus.states.StateMachineType;
import dev.stratus.states.States;
import java.time.Instant;

/**
 * Heap retained per finished Standard execution of the 100-state chain ({@link StatesTransitionBenchmark}): runs
 * 10,000 (the default retention) and prints the used-heap growth after full GCs, divided by 10,000.
 *
 * <pre>
 *   java -Xmx2g -cp benchmarks/target/benchmarks.jar dev.stratus.bench.states.RetainedExecutionFootprint
 * </pre>
 */
public final class RetainedExecutionFootprint {
    private static final int EXECUTIONS = 10_000;

    private RetainedExecutionFootprint() {
    }

    public static void main(final String[] args) throws InterruptedException {
        States states = States.builder().clock(ManualClock.at(Instant.EPOCH)).random(RandomSource.seeded(1)).build();
        StateMachine machine = states.define("chain", StatesTransitionBenchmark.chain(), StateMachineType.STANDARD);
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.put("orderId", 42);
        input.put("customer", "ada");
        input.putObject("lines").put("sku", "A-1").put("qty", 3);
        long before = usedAfterGc();
        for (int i = 0; i < EXECUTIONS; i++) {
            states.start(machine, "e" + i, input);
        }
        long after = usedAfterGc();
        System.out.printf("retained per finished 100-state Standard execution: %,d bytes (%d executions)%n",
                (after - before) / EXECUTIONS, states.executions(machine).size());
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
