package dev.stratus.states;

import static dev.stratus.states.Histories.event;
import static dev.stratus.states.Histories.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.ManualClock;
import dev.stratus.core.RandomSource;
import dev.stratus.core.StratusException;
import dev.stratus.core.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RedriveTest {
    private final ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
    private final List<Throwable> errors = new ArrayList<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    private States.Builder builder() {
        return States.builder().clock(clock).random(RandomSource.seeded(1)).errorHandler(errors::add);
    }

    private static String json(final String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private int count(final String name) {
        return calls.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
    }

    private int calls(final String name) {
        AtomicInteger c = calls.get(name);
        return c == null ? 0 : c.get();
    }

    @Test
    void shouldRedriveTheBlogTestMachineWithoutRerunningFirstState() throws Exception {
        boolean[] fixed = {false};
        States states = builder()
                .handler("FirstState", in -> {
                    count("FirstState");
                    return in;
                })
                .handler("OnFirstMatch", in -> {
                    count("OnFirstMatch");
                    if (!fixed[0] && !in.get("Message").isTextual()) {
                        throw new StatesException("TypeError", "Message must be a string");
                    }
                    return in;
                })
                .handler("NextState", in -> {
                    count("NextState");
                    return in;
                }).build();
        StateMachine machine = states.define("TestMachine", Json.write(BlogPostHistories.testMachine()));
        Execution run = states.start(machine, "blog", "{\"foo\":1,\"Message\":true}");
        assertEquals(ExecutionStatus.FAILED, run.status());
        assertEquals("TypeError", run.error().orElseThrow());
        int eventsBefore = run.history().size();
        clock.advance(Duration.ofHours(1));

        fixed[0] = true;
        Instant redriveDate = run.redrive();

        assertEquals(ExecutionStatus.SUCCEEDED, run.status());
        assertEquals(1, calls("FirstState"));
        assertEquals(2, calls("OnFirstMatch"));
        assertEquals(1, calls("NextState"));
        assertEquals(Instant.parse("2025-01-01T01:00:00Z"), redriveDate);
        assertEquals("arn:aws:states:us-east-1:111111111111:execution:TestMachine:blog", run.arn());
        HistoryEvent redriven = run.history().get(eventsBefore);
        assertEquals("ExecutionRedriven", redriven.type());
        assertEquals(eventsBefore, redriven.previousEventId());
        assertEquals(1, redriven.details().get("redriveCount").asInt());
        HistoryEvent reentered = run.history().get(eventsBefore + 1);
        assertEquals("TaskStateEntered", reentered.type());
        assertEquals("FirstMatchState", reentered.details().get("name").asText());
        assertEquals("{\"foo\":1,\"Message\":true}", reentered.details().get("input").asText());
        assertEquals(redriven.id(), reentered.previousEventId());
        assertEquals("ExecutionSucceeded", types(run).get(types(run).size() - 1));
        ObjectNode d = run.describe();
        assertEquals(1, d.get("redriveCount").asInt());
        assertEquals("2025-01-01T01:00:00Z", d.get("redriveDate").asText());
        assertEquals("NOT_REDRIVABLE", d.get("redriveStatus").asText());
        assertEquals("Execution is SUCCEEDED and cannot be redriven", d.get("redriveStatusReason").asText());
        assertEquals("{\"foo\":1,\"Message\":true}", d.get("input").asText());
    }

    @Test
    void shouldRedriveOnlyTheFailedBranchOfTheBlogParallelMachine() throws Exception {
        List<CompletableFuture<JsonNode>> pending = new ArrayList<>();
        States states = builder()
                .handler("LambdaA", in -> {
                    count("LambdaA");
                    return in;
                })
                .asyncHandler("LambdaB", in -> {
                    count("LambdaB");
                    CompletableFuture<JsonNode> f = new CompletableFuture<>();
                    pending.add(f);
                    return f;
                })
                .handler("LambdaC", in -> {
                    count("LambdaC");
                    return in;
                }).build();
        StateMachine machine = states.define("ParallelStateMachine",
                Json.write(BlogPostHistories.parallelStateMachine()));
        Execution run = states.start(machine, "{\"Message\":\"Hello!\"}");
        assertEquals(2, pending.size());
        pending.get(1).complete(Json.parse("{\"branch\":2}"));
        pending.get(0).completeExceptionally(new StatesException("Lambda.Unknown", "boom"));
        assertEquals(ExecutionStatus.FAILED, run.status());
        assertEquals("Lambda.Unknown", run.error().orElseThrow());

        run.redrive();
        assertEquals(3, pending.size(), "only the failed branch calls LambdaB again");
        pending.get(2).complete(Json.parse("{\"branch\":1}"));

        assertEquals(ExecutionStatus.SUCCEEDED, run.status());
        assertEquals(2, calls("LambdaA"));
        assertEquals(3, calls("LambdaB"));
        assertEquals(1, calls("LambdaC"));
        assertEquals("[{\"branch\":1},{\"branch\":2}]", Json.write(run.output().orElseThrow()));
        List<String> after = types(run).subList(types(run).indexOf("ExecutionRedriven"), types(run).size());
        assertEquals(List.of("ExecutionRedriven", "ParallelStateEntered", "ParallelStateStarted",
                "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded",
                "TaskStateExited", "ParallelStateExited", "TaskStateEntered",
                "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited",
                "ExecutionSucceeded"), after.stream().filter(t -> !t.isEmpty()).toList());
    }

    @Test
    void shouldRedriveOnlyTheFailedIterationsOfAnInlineMap() {
        boolean[] fixed = {false};
        List<Integer> seen = new ArrayList<>();
        States states = builder().handler("Item", in -> {
            seen.add(in.asInt());
            if (!fixed[0] && in.asInt() % 2 == 1) {
                throw new StatesException("Odd", "odd item " + in.asInt());
            }
            return Json.MAPPER.getNodeFactory().numberNode(in.asInt() * 10);
        }).build();
        StateMachine machine = states.define("map", json("{'StartAt':'M','States':{'M':{'Type':'Map',"
                + "'MaxConcurrency':2,'ItemProcessor':{'StartAt':'T','States':{'T':{'Type':'Task',"
                + "'Resource':'arn:aws:lambda:us-east-1:111111111111:function:Item','End':true}}},'End':true}}}"));
        Execution run = states.start(machine, "[0,1,2,3,4,5]");
        assertEquals(ExecutionStatus.FAILED, run.status());
        assertEquals(List.of(0, 1), seen, "the first odd item fails the Map while item 0 succeeded");

        fixed[0] = true;
        seen.clear();
        run.redrive();

        assertEquals(ExecutionStatus.SUCCEEDED, run.status());
        assertEquals(List.of(1, 2, 3, 4, 5), seen, "item 0 is not run again");
        assertEquals("[0,10,20,30,40,50]", Json.write(run.output().orElseThrow()));
        List<String> after = types(run).subList(types(run).indexOf("ExecutionRedriven"), types(run).size());
        assertEquals(5, after.stream().filter("MapIterationStarted"::equals).count());
    }

    @Test
    void shouldRedriveWithTheVariablesTheFailedStateHadWhenItWasEntered() {
        boolean[] fixed = {false};
        List<String> seen = new ArrayList<>();
        States states = builder().handler("Check", in -> {
            seen.add(Json.write(in));
            if (!fixed[0]) {
                throw new StatesException("NotYet", "not yet");
            }
            return in;
        }).build();
        // x is 1 when T is entered; T's own Assign (x=99) never ran, B's did (x=2) before it
        StateMachine machine = states.define("vars", json("{'QueryLanguage':'JSONata','StartAt':'A','States':{"
                + "'A':{'Type':'Pass','Assign':{'x':1},'Next':'B'},"
                + "'B':{'Type':'Pass','Assign':{'x':'{% $x + 1 %}','y':'{% $x %}'},'Next':'T'},"
                + "'T':{'Type':'Task','Resource':'arn:aws:lambda:us-east-1:111111111111:function:Check',"
                + "'Arguments':{'x':'{% $x %}','y':'{% $y %}'},'Assign':{'x':99},"
                + "'Output':{'x':'{% $x %}','y':'{% $y %}'},'End':true}}}"));
        Execution run = states.start(machine, "{}");
        assertEquals(ExecutionStatus.FAILED, run.status());

        fixed[0] = true;
        run.redrive();

        assertEquals(ExecutionStatus.SUCCEEDED, run.status());
        assertEquals(List.of("{\"x\":2,\"y\":1}", "{\"x\":2,\"y\":1}"), seen);
        assertEquals("{\"x\":2,\"y\":1}", Json.write(run.output().orElseThrow()),
                "Output reads the variables as at entry, before T's own Assign");
    }

    @Test
    void shouldRedriveAMapIterationWithItsOwnVariablesAndTheOuterOnesReadable() {
        boolean[] fixed = {false};
        List<String> seen = new ArrayList<>();
        States states = builder().handler("Item", in -> {
            seen.add(Json.write(in));
            if (!fixed[0] && in.path("item").asInt() == 2) {
                throw new StatesException("Two", "item 2");
            }
            return in;
        }).build();
        StateMachine machine = states.define("mapvars", json("{'QueryLanguage':'JSONata','StartAt':'A','States':{"
                + "'A':{'Type':'Pass','Assign':{'outer':'o'},'Next':'M'},"
                + "'M':{'Type':'Map','Items':[1,2],'ItemProcessor':{'StartAt':'I','States':{"
                + "'I':{'Type':'Pass','Assign':{'inner':'{% $states.input * 10 %}'},'Next':'T'},"
                + "'T':{'Type':'Task','Resource':'arn:aws:lambda:us-east-1:111111111111:function:Item',"
                + "'Arguments':{'item':'{% $states.input %}','inner':'{% $inner %}','outer':'{% $outer %}'},"
                + "'End':true}}},'End':true}}}"));
        Execution run = states.start(machine, "{}");
        assertEquals(ExecutionStatus.FAILED, run.status());
        fixed[0] = true;
        seen.clear();
        run.redrive();

        assertEquals(ExecutionStatus.SUCCEEDED, run.status());
        assertEquals(List.of("{\"item\":2,\"inner\":20,\"outer\":\"o\"}"), seen);
    }

    @Test
    void shouldResetRetryCountersAndExposeRedriveCountInTheContext() {
        boolean[] fixed = {false};
        States states = builder().handler("Flaky", in -> {
            count("Flaky");
            if (!fixed[0]) {
                throw new StatesException("Busy", "later");
            }
            return in;
        }).build();
        StateMachine machine = states.define("retry", json("{'StartAt':'T','States':{'T':{'Type':'Task',"
                + "'Resource':'arn:aws:lambda:us-east-1:111111111111:function:Flaky','Retry':[{'ErrorEquals':"
                + "['Busy'],'IntervalSeconds':1,'MaxAttempts':1}],'Next':'P'},'P':{'Type':'Pass','Parameters':"
                + "{'count.$':'$$.Execution.RedriveCount','time.$':'$$.Execution.RedriveTime'},'End':true}}}"));
        Execution run = states.start(machine, "{}");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(ExecutionStatus.FAILED, run.status());
        assertEquals(2, calls("Flaky"));

        run.redrive();
        assertEquals(3, calls("Flaky"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(4, calls("Flaky"), "the retrier starts again from zero");
        assertEquals(ExecutionStatus.FAILED, run.status());

        fixed[0] = true;
        clock.advance(Duration.ofSeconds(5));
        run.redrive();
        assertEquals(ExecutionStatus.SUCCEEDED, run.status());
        assertEquals("{\"count\":2,\"time\":\"2025-01-01T00:00:07Z\"}", Json.write(run.output().orElseThrow()));
        assertEquals(2, run.describe().get("redriveCount").asInt());
    }

    @Test
    void shouldRedriveATimedOutExecutionWithItsTimeoutsRestarted() {
        States states = builder().asyncHandler("Hang", in -> {
            count("Hang");
            return new CompletableFuture<>();
        }).build();
        StateMachine machine = states.define("slow", json("{'StartAt':'T','TimeoutSeconds':10,'States':{'T':{"
                + "'Type':'Task','Resource':'arn:aws:lambda:us-east-1:111111111111:function:Hang','End':true}}}"));
        Execution run = states.start(machine, "{}");
        clock.advance(Duration.ofSeconds(10));
        assertEquals(ExecutionStatus.TIMED_OUT, run.status());

        clock.advance(Duration.ofMinutes(5));
        run.redrive();
        assertEquals(ExecutionStatus.RUNNING, run.status());
        assertEquals(2, calls("Hang"));
        clock.advance(Duration.ofSeconds(9));
        assertEquals(ExecutionStatus.RUNNING, run.status());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(ExecutionStatus.TIMED_OUT, run.status());
    }

    @Test
    void shouldRedriveAnAbortedExecutionFromTheAbortedWait() {
        States states = builder().build();
        StateMachine machine = states.define("waits", json("{'StartAt':'P','States':{'P':{'Type':'Pass',"
                + "'Result':{'a':1},'Next':'W'},'W':{'Type':'Wait','Seconds':60,'End':true}}}"));
        Execution run = states.start(machine, "{}");
        assertTrue(run.stop("Stopped", "by hand"));
        assertEquals(ExecutionStatus.ABORTED, run.status());
        run.redrive();
        clock.advance(Duration.ofSeconds(60));
        assertEquals(ExecutionStatus.SUCCEEDED, run.status());
        assertEquals("{\"a\":1}", Json.write(run.output().orElseThrow()));
        assertEquals(1, types(run).stream().filter("PassStateEntered"::equals).count(),
                "Pass exited before the abort and is not entered again");
        assertEquals(2, types(run).stream().filter("WaitStateEntered"::equals).count());
    }

    @Test
    void shouldRefuseRunningSucceededAndExpressExecutionsWithAwsReasons() {
        States states = builder().build();
        StateMachine waits = states.define("waits", json("{'StartAt':'W','States':{'W':{'Type':'Wait',"
                + "'Seconds':60,'End':true}}}"));
        Execution running = states.start(waits, "r", "{}");
        StratusException e = assertThrows(StratusException.class, running::redrive);
        assertEquals("ExecutionNotRedrivable", e.code());
        assertEquals("Execution cannot be redriven: executionArn=arn:aws:states:us-east-1:111111111111:execution:"
                + "waits:r: Execution is RUNNING and cannot be redriven", e.getMessage());
        clock.advance(Duration.ofSeconds(60));
        e = assertThrows(StratusException.class, running::redrive);
        assertEquals("Execution cannot be redriven: executionArn=arn:aws:states:us-east-1:111111111111:execution:"
                + "waits:r: Execution is SUCCEEDED and cannot be redriven", e.getMessage());

        StateMachine express = states.define("fast", json("{'StartAt':'F','States':{'F':{'Type':'Fail',"
                + "'Error':'E'}}}"), StateMachineType.EXPRESS);
        Execution failedExpress = states.start(express, "{}");
        assertEquals(ExecutionStatus.FAILED, failedExpress.status());
        e = assertThrows(StratusException.class, failedExpress::redrive);
        assertTrue(e.getMessage().endsWith(": Express executions cannot be redriven"), e.getMessage());
    }

    @Test
    void shouldRefuseARedriveMoreThanFourteenDaysAfterTheClose() {
        States states = builder().build();
        StateMachine fails = states.define("fails", json("{'StartAt':'F','States':{'F':{'Type':'Fail',"
                + "'Error':'E'}}}"));
        Execution run = states.start(fails, "old", "{}");
        clock.advance(Duration.ofDays(14).plusMillis(1));
        StratusException e = assertThrows(StratusException.class, run::redrive);
        assertEquals("Execution cannot be redriven: executionArn=arn:aws:states:us-east-1:111111111111:execution:"
                + "fails:old: Execution stopped more than 14 days ago and can no longer be redriven",
                e.getMessage());
        assertEquals("NOT_REDRIVABLE", run.describe().get("redriveStatus").asText());

        Execution recent = states.start(fails, "recent", "{}");
        assertEquals("REDRIVABLE", recent.describe().get("redriveStatus").asText());
        clock.advance(Duration.ofDays(14));
        recent.redrive();
        assertEquals(ExecutionStatus.FAILED, recent.status(), "a Fail state fails again");
        assertEquals(1, recent.redriveCount());
    }

    @Test
    void shouldRefuseARedriveOfAHistoryAtTheEventLimit() {
        States states = builder().build();
        StateMachine big = states.define("big", json("{'StartAt':'M','States':{'M':{'Type':'Map',"
                + "'ItemProcessor':{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},'End':true}}}"));
        StringBuilder items = new StringBuilder("[0");
        for (int i = 1; i < 6_300; i++) {
            items.append(',').append(i);
        }
        Execution run = states.start(big, "huge", items.append(']').toString());
        assertEquals(ExecutionStatus.FAILED, run.status());
        assertEquals("States.Runtime", run.error().orElseThrow());
        assertTrue(run.history().size() >= 25_000);
        StratusException e = assertThrows(StratusException.class, run::redrive);
        assertEquals("Execution cannot be redriven: executionArn=arn:aws:states:us-east-1:111111111111:execution:"
                + "big:huge: Execution history event count of " + run.history().size()
                + " exceeds the limit of 24999 events for a redrive",
                e.getMessage());
    }

    @Test
    void shouldRedriveTheSameMapRunOfADistributedMap() {
        boolean[] fixed = {false};
        List<Integer> seen = new ArrayList<>();
        States states = builder().handler("Item", in -> {
            seen.add(in.asInt());
            if (!fixed[0] && in.asInt() >= 2) {
                throw new StatesException("Bad", "item " + in.asInt());
            }
            return in;
        }).build();
        StateMachine machine = states.define("dmap", json("{'StartAt':'M','States':{'M':{'Type':'Map',"
                + "'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},"
                + "'StartAt':'T','States':{'T':{'Type':'Task','Resource':"
                + "'arn:aws:lambda:us-east-1:111111111111:function:Item','End':true}}},'End':true}}}"));
        Execution run = states.start(machine, "[0,1,2,3]");
        assertEquals(ExecutionStatus.FAILED, run.status());
        assertEquals("States.ExceedToleratedFailureThreshold", run.error().orElseThrow());
        String mapRunArn = event(run, "MapRunStarted").details().get("mapRunArn").asText();

        fixed[0] = true;
        seen.clear();
        run.redrive();

        assertEquals(ExecutionStatus.SUCCEEDED, run.status());
        assertEquals(List.of(2, 3), seen);
        assertEquals("[0,1,2,3]", Json.write(run.output().orElseThrow()));
        HistoryEvent redriven = event(run, "MapRunRedriven");
        assertEquals(mapRunArn, redriven.details().get("mapRunArn").asText());
        assertEquals(1, redriven.details().get("redriveCount").asInt());
        assertEquals(1, types(run).stream().filter("MapRunStarted"::equals).count());
    }

    @Test
    void shouldRerunEveryBranchOfAParallelThatExceededTheDataLimit() {
        int[] branchCalls = {0};
        boolean[] small = {false};
        States states = builder().handler("Big", in -> {
            branchCalls[0]++;
            return Json.MAPPER.getNodeFactory().textNode(small[0] ? "x" : "x".repeat(140_000));
        }).build();
        StateMachine machine = states.define("limit", json("{'StartAt':'P','States':{'P':{'Type':'Parallel',"
                + "'End':true,'Branches':[{'StartAt':'A','States':{'A':{'Type':'Task','Resource':"
                + "'arn:aws:lambda:us-east-1:111111111111:function:Big','End':true}}},{'StartAt':'B','States':{'B':{"
                + "'Type':'Task','Resource':'arn:aws:lambda:us-east-1:111111111111:function:Big','End':true}}}]}}}"));
        Execution run = states.start(machine, "{}");
        assertEquals(ExecutionStatus.FAILED, run.status());
        assertEquals("States.DataLimitExceeded", run.error().orElseThrow());
        assertEquals(2, branchCalls[0]);

        small[0] = true;
        run.redrive();
        assertEquals(ExecutionStatus.SUCCEEDED, run.status());
        assertEquals(4, branchCalls[0], "both branches run again: their old results were too big together");
    }
}
