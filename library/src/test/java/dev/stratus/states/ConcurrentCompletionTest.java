package dev.stratus.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stratus.core.ManualClock;
import dev.stratus.core.RandomSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Task completions arriving on other threads while the execution is being driven, and history read while it is
 * written: the result and the history are those of a single-threaded run.
 */
class ConcurrentCompletionTest {
    private static final int BRANCHES = 16;
    private static final String DOUBLE = "arn:aws:lambda:us-east-1:111111111111:function:Double";

    @Test
    void completionsFromOtherThreadsAndConcurrentReadersKeepTheHistoryWhole() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        try {
            States states = States.builder().clock(ManualClock.at(Instant.EPOCH)).random(RandomSource.seeded(1))
                    .errorHandler(errors::add)
                    .asyncHandler(DOUBLE, in -> CompletableFuture.supplyAsync(() -> (JsonNode) JsonNodeFactory
                            .instance.objectNode().put("v", in.get("v").asInt() * 2), pool))
                    .build();
            StringBuilder branches = new StringBuilder();
            for (int i = 0; i < BRANCHES; i++) {
                branches.append(i == 0 ? "" : ",").append(("{'StartAt':'T#','States':{'T#':{'Type':'Task',"
                        + "'Resource':'" + DOUBLE + "','Parameters':{'v':#},'Next':'U#'},"
                        + "'U#':{'Type':'Task','Resource':'" + DOUBLE + "','End':true}}}").replace("#", "" + i));
            }
            String asl = "{'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':[" + branches + "],'End':true}}}";
            StateMachine machine = states.define("fan", asl.replace('\'', '"'), StateMachineType.STANDARD);
            for (int round = 0; round < 20; round++) {
                Execution run = states.start(machine, "e" + round, JsonNodeFactory.instance.objectNode());
                AtomicBoolean done = new AtomicBoolean();
                CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                    while (!done.get()) {
                        assertContiguous(run.history());
                    }
                }, pool);
                run.completion().toCompletableFuture().get(30, TimeUnit.SECONDS);
                done.set(true);
                reader.get(30, TimeUnit.SECONDS);
                assertEquals(ExecutionStatus.SUCCEEDED, run.status(), () -> run.cause().orElse(""));
                JsonNode out = run.output().orElseThrow();
                for (int i = 0; i < BRANCHES; i++) {
                    assertEquals(i * 4, out.get(i).get("v").asInt());
                }
                List<HistoryEvent> history = run.history();
                assertContiguous(history);
                // execution started/succeeded, Parallel entered/started/exited, per task entered, scheduled,
                // started, succeeded and exited
                assertEquals(2 + 3 + BRANCHES * 2 * 5, history.size());
                assertEquals("ExecutionSucceeded", history.get(history.size() - 1).type());
            }
            assertEquals(List.of(), errors);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertContiguous(final List<HistoryEvent> history) {
        for (int i = 0; i < history.size(); i++) {
            HistoryEvent e = history.get(i);
            assertEquals(i + 1, e.id(), "event ids are 1, 2, ...");
            assertTrue(e.previousEventId() < e.id(), "previous event before the event");
        }
    }
}
