package dev.stratus.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.core.ManualClock;
import dev.stratus.core.RandomSource;
import dev.stratus.core.StratusException;
import dev.stratus.core.internal.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DurableExecutionsTest {
    private final ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
    private final List<String> calls = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();

    private States.Builder restarted(final ExecutionStore store) {
        return States.builder().clock(clock).random(RandomSource.seeded(2)).errorHandler(errors::add).store(store)
                .handler("Extract", in -> record("Extract", in)).handler("Left", in -> record("Left", in))
                .handler("Right", in -> record("Right", in)).handler("Load", in -> record("Load", in))
                .handler("Prepare", in -> record("Prepare", in)).handler("Risky", in -> record("Risky", in));
    }

    private com.fasterxml.jackson.databind.JsonNode record(final String name,
            final com.fasterxml.jackson.databind.JsonNode in) {
        calls.add(name);
        return in;
    }

    @Test
    void shouldContinueARunningExecutionAndRedriveAFailedOneInANewEngine() {
        ExecutionStore store = ExecutionStore.inMemory();
        List<CompletableFuture<com.fasterxml.jackson.databind.JsonNode>> hanging = new ArrayList<>();
        States first = States.builder().clock(clock).random(RandomSource.seeded(1)).store(store)
                .handler("Extract", in -> record("Extract", in)).handler("Left", in -> record("Left", in))
                .asyncHandler("Right", in -> {
                    calls.add("Right");
                    CompletableFuture<com.fasterxml.jackson.databind.JsonNode> f = new CompletableFuture<>();
                    hanging.add(f);
                    return f;
                })
                .handler("Prepare", in -> record("Prepare", in)).handler("Risky", in -> {
                    calls.add("Risky");
                    throw new StatesException("Risky.Failed", "not yet");
                }).build();
        Execution failed = first.start(first.define("failing", DurableMain.FAILING), "f1", "{\"n\":1}");
        Execution running = first.start(first.define("pipeline", DurableMain.PIPELINE), "p1", "{\"n\":2}");
        assertEquals(ExecutionStatus.FAILED, failed.status());
        assertEquals(ExecutionStatus.RUNNING, running.status());
        assertEquals(List.of("Prepare", "Risky", "Extract", "Left", "Right"), calls);
        int eventsBefore = running.history().size();
        calls.clear();

        States second = restarted(store).build();
        assertEquals(List.of("Right", "Load"), calls, "only the task that had not succeeded runs again");
        Execution continued = second.execution(running.arn()).orElseThrow();
        assertEquals(ExecutionStatus.SUCCEEDED, continued.status());
        assertEquals("[{\"n\":2},{\"n\":2}]", Json.write(continued.output().orElseThrow()));
        assertEquals(Json.write(running.history().get(eventsBefore - 1).toJson()),
                Json.write(continued.history().get(eventsBefore - 1).toJson()), "the history is kept");

        Execution restoredFailure = second.execution(failed.arn()).orElseThrow();
        assertEquals(List.of(restoredFailure), second.executions(ExecutionStatus.FAILED));
        assertEquals("Risky.Failed", restoredFailure.error().orElseThrow());
        calls.clear();
        restoredFailure.redrive();
        assertEquals(List.of("Risky"), calls);
        assertEquals(ExecutionStatus.SUCCEEDED, restoredFailure.status());
        assertEquals(List.of(), errors);
    }

    private static final String ASSIGNING_FAILURE = "{'QueryLanguage':'JSONata','StartAt':'A','States':{"
            + "'A':{'Type':'Pass','Assign':{'greeting':'hello','n':1},'Next':'B'},"
            + "'B':{'Type':'Task','Resource':'" + DurableMain.LAMBDA + "Risky',"
            + "'Arguments':{'g':'{% $greeting %}'},"
            + "'Assign':{'n':'{% $n + 1 %}'},'Next':'C'},"
            + "'C':{'Type':'Pass','Output':{'g':'{% $greeting %}','n':'{% $n %}'},'End':true}}}";
    private static final String ASSIGNING_BRANCH = "{'QueryLanguage':'JSONata','StartAt':'A','States':{"
            + "'A':{'Type':'Pass','Assign':{'greeting':'hi'},'Next':'P'},"
            + "'P':{'Type':'Parallel','End':true,'Branches':[{'StartAt':'X','States':{"
            + "'X':{'Type':'Pass','Assign':{'x':2},'Next':'T'},"
            + "'T':{'Type':'Task','Resource':'" + DurableMain.LAMBDA + "Right',"
            + "'Arguments':{'x':'{% $x %}','g':'{% $greeting %}'},"
            + "'End':true}}}]}}}";

    @Test
    void shouldRestoreAssignedVariablesFromTheJournal(@TempDir final Path dir) {
        Path journal = dir.resolve("states.journal");
        ExecutionStore store = ExecutionStore.journal(journal, ExecutionStore.Fsync.NEVER);
        States first = States.builder().clock(clock).random(RandomSource.seeded(1)).store(store)
                .asyncHandler("Right", in -> new CompletableFuture<>())
                .handler("Risky", in -> {
                    throw new StatesException("Risky.Failed", "not yet");
                }).build();
        Execution failed = first.start(first.define("assigning", ASSIGNING_FAILURE.replace('\'', '"')), "a1",
                "{}");
        Execution running = first.start(first.define("branching", ASSIGNING_BRANCH.replace('\'', '"')), "b1",
                "{}");
        assertEquals(ExecutionStatus.FAILED, failed.status());
        assertEquals(ExecutionStatus.RUNNING, running.status());
        store.close();

        ExecutionStore reopened = ExecutionStore.journal(journal, ExecutionStore.Fsync.NEVER);
        try {
            States second = restarted(reopened).build();
            Execution continued = second.execution(running.arn()).orElseThrow();
            assertEquals(ExecutionStatus.SUCCEEDED, continued.status());
            assertEquals("[{\"x\":2,\"g\":\"hi\"}]", Json.write(continued.output().orElseThrow()),
                    "the branch sees its own and the outer variables");
            Execution restored = second.execution(failed.arn()).orElseThrow();
            restored.redrive();
            assertEquals(ExecutionStatus.SUCCEEDED, restored.status());
            assertEquals("{\"g\":\"hello\",\"n\":2}", Json.write(restored.output().orElseThrow()));
            assertEquals(List.of(), errors);
        } finally {
            reopened.close();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldLoseNoExecutionAndRerunNoSucceededTaskAfterKillMinus9(@TempDir final Path dir) throws Exception {
        Path journal = dir.resolve("states.journal");
        Path log = dir.resolve("calls.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DurableMain.class.getName(), journal.toString(), log.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("HANGING")) {
                // the child's output before it hangs in the middle of the pipeline
            }
            assertEquals("HANGING", line);
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no flush
            child.waitFor();
        } finally {
            child.destroyForcibly();
        }
        assertEquals(List.of("Prepare", "Risky", "Extract", "Left", "Right"), Files.readAllLines(log));
        long whole = Files.size(journal);
        // a record cut short, as a crash in the middle of a write leaves it
        Files.write(journal, new byte[] {0, 0, 0, 50, 1, 2}, StandardOpenOption.APPEND);

        ExecutionStore store = ExecutionStore.journal(journal, ExecutionStore.Fsync.NEVER);
        try {
            States restarted = restarted(store).build();
            assertEquals(List.of("Right", "Load"), calls, "no task that had succeeded runs again");
            Execution pipeline = restarted.execution(
                    "arn:aws:states:us-east-1:111111111111:execution:pipeline:p1").orElseThrow();
            assertEquals(ExecutionStatus.SUCCEEDED, pipeline.status());
            Execution failing = restarted.execution(
                    "arn:aws:states:us-east-1:111111111111:execution:failing:f1").orElseThrow();
            assertEquals(ExecutionStatus.FAILED, failing.status());
            calls.clear();
            failing.redrive();
            assertEquals(List.of("Risky"), calls);
            assertEquals(ExecutionStatus.SUCCEEDED, failing.status());
            assertEquals(1, errors.size(), errors.toString());
            StratusException torn = (StratusException) errors.get(0);
            assertEquals("JournalTornTail", torn.code());
            assertTrue(torn.getMessage().contains("torn tail of 6 bytes cut off after " + whole + " valid bytes"),
                    torn.getMessage());
        } finally {
            store.close();
        }
    }

    @Test
    void shouldRefuseAJournalDamagedBeyondATornTail(@TempDir final Path dir) throws Exception {
        Path journal = dir.resolve("bad.journal");
        Files.writeString(journal, "this is not a journal at all");
        StratusException e = assertThrows(StratusException.class,
                () -> ExecutionStore.journal(journal, ExecutionStore.Fsync.PER_BATCH));
        assertEquals("JournalCorrupted", e.code());
        NullPointerException npe = assertThrows(NullPointerException.class,
                () -> ExecutionStore.journal(null, ExecutionStore.Fsync.PER_BATCH));
        assertEquals("file", npe.getMessage());
        npe = assertThrows(NullPointerException.class, () -> ExecutionStore.journal(journal, null));
        assertEquals("fsync", npe.getMessage());
        npe = assertThrows(NullPointerException.class, () -> States.builder().store(null));
        assertEquals("store", npe.getMessage());
    }

    @Test
    void shouldContinueAMapFromItsUnfinishedIterationInANewEngine() {
        ExecutionStore store = ExecutionStore.inMemory();
        String lambda = DurableMain.LAMBDA;
        String definition = ("{'StartAt':'M','States':{'M':{'Type':'Map','MaxConcurrency':1,'ItemProcessor':{"
                + "'StartAt':'Prepare','States':{'Prepare':{'Type':'Task','Resource':'" + lambda + "Prepare',"
                + "'Next':'Ship'},'Ship':{'Type':'Task','Resource':'" + lambda + "Ship','End':true}}},'End':true}}}")
                .replace('\'', '"');
        States first = States.builder().clock(clock).random(RandomSource.seeded(1)).store(store)
                .handler("Prepare", in -> record("Prepare " + in, in))
                .asyncHandler("Ship", in -> {
                    calls.add("Ship " + in);
                    return in.asInt() == 2 ? new CompletableFuture<>() : CompletableFuture.completedFuture(in);
                }).build();
        Execution run = first.start(first.define("items", definition), "m1", "[1,2,3]");
        assertEquals(List.of("Prepare 1", "Ship 1", "Prepare 2", "Ship 2"), calls);
        calls.clear();

        States second = States.builder().clock(clock).store(store).handler("Prepare", in -> record("Prepare " + in,
                in)).handler("Ship", in -> record("Ship " + in, in)).build();
        Execution continued = second.execution(run.arn()).orElseThrow();
        assertEquals(ExecutionStatus.SUCCEEDED, continued.status());
        assertEquals(List.of("Ship 2", "Prepare 3", "Ship 3"), calls);
        assertEquals("[1,2,3]", Json.write(continued.output().orElseThrow()));
    }

    @Test
    void shouldNotCallATaskAgainWhoseSuccessWasStoredButNotItsExit() {
        ExecutionStore memory = ExecutionStore.inMemory();
        boolean[] crashed = {false};
        ExecutionStore crashing = new ExecutionStore() {
            @Override
            public void append(final byte[] record) {
                if (crashed[0]) {
                    return;
                }
                memory.append(record);
                crashed[0] = new String(record, StandardCharsets.UTF_8).contains("\"LambdaFunctionSucceeded\"");
            }

            @Override
            public List<byte[]> records() {
                return memory.records();
            }
        };
        States first = States.builder().clock(clock).store(crashing)
                .handler("Prepare", in -> record("Prepare", in))
                .handler("Risky", in -> record("Risky", in)).build();
        first.start(first.define("failing", DurableMain.FAILING), "f1", "{\"n\":1}");
        assertEquals(List.of("Prepare", "Risky"), calls);
        calls.clear();

        States second = restarted(memory).build();
        assertEquals(List.of("Risky"), calls, "Prepare's recorded success is used, not a new call");
        Execution continued = second.execution("arn:aws:states:us-east-1:111111111111:execution:failing:f1")
                .orElseThrow();
        assertEquals(ExecutionStatus.SUCCEEDED, continued.status());
        assertEquals("{\"n\":1}", Json.write(continued.output().orElseThrow()));
    }

    @Test
    void shouldRestoreAStringInputThatLooksLikeANumberAsAString() {
        ExecutionStore store = ExecutionStore.inMemory();
        List<CompletableFuture<com.fasterxml.jackson.databind.JsonNode>> hanging = new ArrayList<>();
        States first = States.builder().clock(clock).store(store).asyncHandler("Risky", in -> {
            CompletableFuture<com.fasterxml.jackson.databind.JsonNode> f = new CompletableFuture<>();
            hanging.add(f);
            return f;
        }).handler("Prepare", in -> record("Prepare", in)).build();
        first.start(first.define("failing", DurableMain.FAILING), "s1", "\"42\"");
        assertEquals(1, hanging.size());
        List<String> seen = new ArrayList<>();
        States.builder().clock(clock).store(store).handler("Risky", in -> {
            seen.add(Json.write(in));
            return in;
        }).build();
        assertEquals(List.of("\"42\""), seen);
    }

    @Test
    void shouldNotRerunIterationsARedriveTookAsTheyWereAfterARestart() {
        ExecutionStore store = ExecutionStore.inMemory();
        String definition = ("{'StartAt':'M','States':{'M':{'Type':'Map','MaxConcurrency':1,'ItemProcessor':{"
                + "'StartAt':'Ship','States':{'Ship':{'Type':'Task','Resource':'" + DurableMain.LAMBDA + "Ship',"
                + "'End':true}}},'End':true}}}").replace('\'', '"');
        boolean[] redriven = {false};
        States first = States.builder().clock(clock).store(store).asyncHandler("Ship", in -> {
            calls.add("Ship " + in);
            if (in.asInt() == 2 && !redriven[0]) {
                return CompletableFuture.failedFuture(new StatesException("Refused", "item 2"));
            }
            return in.asInt() == 3 ? new CompletableFuture<>() : CompletableFuture.completedFuture(in);
        }).build();
        Execution run = first.start(first.define("items", definition), "m2", "[1,2,3]");
        assertEquals(ExecutionStatus.FAILED, run.status());
        redriven[0] = true;
        run.redrive();
        assertEquals(List.of("Ship 1", "Ship 2", "Ship 2", "Ship 3"), calls, "the redrive hangs at item 3");
        calls.clear();

        States second = States.builder().clock(clock).store(store).handler("Ship", in -> record("Ship " + in, in))
                .build();
        Execution continued = second.execution(run.arn()).orElseThrow();
        assertEquals(List.of("Ship 3"), calls, "item 1 (taken by the redrive) and item 2 (re-run) are not called");
        assertEquals(ExecutionStatus.SUCCEEDED, continued.status());
        assertEquals("[1,2,3]", Json.write(continued.output().orElseThrow()));
        assertEquals(1, continued.redriveCount());
    }
}
