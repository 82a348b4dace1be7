package dev.stratus.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stratus.core.ManualClock;
import dev.stratus.core.RandomSource;
import dev.stratus.core.StratusException;
import dev.stratus.core.internal.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ResumeTest {
    private static final String LAMBDA = "arn:aws:lambda:us-east-1:111111111111:function:";
    private final ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
    private final List<String> calls = new ArrayList<>();

    private States.Builder builder() {
        return States.builder().clock(clock).random(RandomSource.seeded(1)).errorHandler(e -> { });
    }

    private static String json(final String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static JsonNode parse(final String text) throws Exception {
        return Json.parse(text);
    }

    private TaskHandler recording(final String name) {
        return in -> {
            calls.add(name + " " + Json.write(in));
            return in;
        };
    }

    @Test
    void shouldStartAtATopLevelStateWithANewInputAndRecordWhere() throws Exception {
        States states = builder().handler("FirstState", recording("FirstState"))
                .handler("OnFirstMatch", recording("OnFirstMatch")).handler("NextState", recording("NextState"))
                .build();
        StateMachine machine = states.define("TestMachine", Json.write(BlogPostHistories.testMachine()));
        Execution run = states.startAt(machine, "FirstMatchState", parse("{\"foo\":1,\"Message\":\"fixed\"}"));
        assertEquals(ExecutionStatus.SUCCEEDED, run.status());
        assertEquals(List.of("OnFirstMatch {\"foo\":1,\"Message\":\"fixed\"}",
                "NextState {\"foo\":1,\"Message\":\"fixed\"}"), calls);
        HistoryEvent started = run.history().get(0);
        assertEquals("{\"stateName\":\"FirstMatchState\",\"path\":[\"FirstMatchState\"]}",
                Json.write(started.details().get("resumedFrom")));
        assertEquals("FirstMatchState", run.history().get(1).details().get("name").asText());
        assertEquals("{\"foo\":1,\"Message\":\"fixed\"}", run.describe().get("input").asText());
    }

    @Test
    void shouldResumeWithTheVariablesTheEarlierRunHadWhenItEnteredTheState() throws Exception {
        States states = builder().handler("Use", recording("Use")).build();
        StateMachine machine = states.define("vars", json("{'StartAt':'A','States':{"
                + "'A':{'Type':'Pass','Assign':{'count':1,'label':'first'},'Next':'B'},"
                + "'B':{'Type':'Pass','Assign':{'count':2},'Next':'C'},"
                + "'C':{'Type':'Task','Resource':'arn:aws:lambda:us-east-1:111111111111:function:Use',"
                + "'Parameters':{'count.$':'$count','label.$':'$label'},'Assign':{'count':3},'End':true}}}"));
        Execution earlier = states.start(machine, "{}");
        assertEquals(ExecutionStatus.SUCCEEDED, earlier.status());
        calls.clear();

        Execution atB = states.resume(earlier, "B", null);
        assertEquals(ExecutionStatus.SUCCEEDED, atB.status());
        Execution atC = states.resume(earlier, "C", parse("{}"));
        assertEquals(ExecutionStatus.SUCCEEDED, atC.status());
        assertEquals(List.of("Use {\"count\":2,\"label\":\"first\"}", "Use {\"count\":2,\"label\":\"first\"}"),
                calls, "C sees count=2 (B's), not 3 (its own, assigned on exit)");

        // a state started on its own has no earlier run: its variables are undefined
        Execution fresh = states.startAt(machine, "C", parse("{}"));
        assertEquals(ExecutionStatus.FAILED, fresh.status());
        assertEquals("States.Runtime", fresh.error().orElseThrow());
    }

    @Test
    void shouldResumeAtAnyEarlierStateOfALongRunWithTheInputAndVariablesItHadThere() throws Exception {
        StringBuilder asl = new StringBuilder("{'StartAt':'S0','States':{");
        for (int i = 0; i < 40; i++) {
            asl.append(i == 0 ? "" : ",").append("'S").append(i).append("':{'Type':'Pass','Result':").append(i)
                    .append(",'ResultPath':'$.last'")
                    .append(i < 20 ? ",'Assign':{'v" + i % 3 + "':" + i + "}" : "")
                    .append(i == 39 ? ",'Next':'Out'}" : ",'Next':'S" + (i + 1) + "'}");
        }
        // the variables last assigned before S20: a run resumed after them must have them back
        asl.append(",'Out':{'Type':'Pass','Parameters':{'v0.$':'$v0','v1.$':'$v1','v2.$':'$v2'},"
                + "'ResultPath':'$.vars','End':true}");
        States states = builder().build();
        StateMachine machine = states.define("long", json(asl.append("}}").toString()));
        Execution earlier = states.start(machine, "{\"id\":7}");
        assertEquals(ExecutionStatus.SUCCEEDED, earlier.status());
        assertEquals("{\"v0\":18,\"v1\":19,\"v2\":17}", Json.write(earlier.output().orElseThrow().get("vars")));
        for (int at : new int[] {0, 1, 2, 17, 25, 38, 39}) {
            Execution resumed = states.resume(earlier, "S" + at, null);
            assertEquals(ExecutionStatus.SUCCEEDED, resumed.status(), "S" + at);
            assertEquals(earlier.output(), resumed.output(), "S" + at);
            HistoryEvent entered = resumed.history().get(1);
            JsonNode had = earlier.history().stream().filter(e -> e.type().equals("PassStateEntered")
                    && e.details().get("name").asText().equals("S" + at)).findFirst().orElseThrow().details()
                    .get("input");
            assertEquals(had, entered.details().get("input"), "S" + at);
        }
    }

    @Test
    void shouldResumeInsideAParallelBranchTakingTheOtherBranchFromTheEarlierExecution() throws Exception {
        List<CompletableFuture<JsonNode>> pending = new ArrayList<>();
        States states = builder().handler("LambdaA", recording("LambdaA"))
                .asyncHandler("LambdaB", in -> {
                    calls.add("LambdaB " + Json.write(in));
                    CompletableFuture<JsonNode> f = new CompletableFuture<>();
                    pending.add(f);
                    return f;
                })
                .handler("LambdaC", recording("LambdaC")).build();
        StateMachine machine = states.define("ParallelStateMachine",
                Json.write(BlogPostHistories.parallelStateMachine()));
        Execution earlier = states.start(machine, "{\"Message\":\"Hello!\"}");
        pending.get(1).complete(parse("{\"branch\":2}"));
        pending.get(0).completeExceptionally(new StatesException("Lambda.Unknown", "boom"));
        assertEquals(ExecutionStatus.FAILED, earlier.status());
        calls.clear();

        Execution resumed = states.resume(earlier, "Parallel Step 2, Process 1", parse("{\"Message\":\"Bye\"}"));
        assertEquals(List.of("LambdaB {\"Message\":\"Bye\"}"), calls);
        pending.get(2).complete(parse("{\"branch\":1}"));

        assertEquals(ExecutionStatus.SUCCEEDED, resumed.status());
        assertEquals(List.of("LambdaB {\"Message\":\"Bye\"}", "LambdaC [{\"branch\":1},{\"branch\":2}]"), calls);
        assertEquals("{\"executionArn\":\"" + earlier.arn() + "\",\"stateName\":\"Parallel Step 2, Process 1\","
                + "\"path\":[\"Parallel 2\",\"Parallel Step 2, Process 1\"]}",
                Json.write(resumed.history().get(0).details().get("resumedFrom")));
        assertEquals("Parallel 2", resumed.history().get(1).details().get("name").asText());
        assertEquals("{\"Message\":\"Hello!\",\"output\":[{\"Message\":\"Hello!\"},{\"Message\":\"Hello!\"}]}",
                resumed.history().get(1).details().get("input").asText(), "the Parallel gets its earlier input");
    }

    @Test
    void shouldResumeInsideAParallelThatAFinishedExecutionLeftBehindAnotherState() throws Exception {
        States states = builder().handler("A2", recording("A2")).handler("B1", recording("B1"))
                .handler("Last", recording("Last")).build();
        StateMachine machine = states.define("behind", json("{'StartAt':'Before','States':{"
                + "'Before':{'Type':'Pass','Result':'x','ResultPath':'$.before','Next':'P'},"
                + "'P':{'Type':'Parallel','Next':'After','Branches':["
                + "{'StartAt':'A1','States':{'A1':{'Type':'Pass','Next':'A2'},'A2':{'Type':'Task',"
                + "'Resource':'" + LAMBDA + "A2','End':true}}},"
                + "{'StartAt':'B1','States':{'B1':{'Type':'Task','Resource':'" + LAMBDA + "B1','End':true}}}]},"
                + "'After':{'Type':'Pass','Next':'Last'},"
                + "'Last':{'Type':'Task','Resource':'" + LAMBDA + "Last','End':true}}}"));
        Execution earlier = states.start(machine, "{\"n\":1}");
        assertEquals(ExecutionStatus.SUCCEEDED, earlier.status());
        calls.clear();

        Execution resumed = states.resume(earlier, "A2", null);

        assertEquals(ExecutionStatus.SUCCEEDED, resumed.status());
        assertEquals(List.of("A2 {\"n\":1,\"before\":\"x\"}",
                "Last [{\"n\":1,\"before\":\"x\"},{\"n\":1,\"before\":\"x\"}]"), calls,
                "A2 gets the input it had; branch B is taken as it was; Before is not run again");
        Execution atBefore = states.resume(earlier, "Before", null);
        assertEquals(ExecutionStatus.SUCCEEDED, atBefore.status());
        assertEquals("{\"n\":1}", atBefore.describe().get("input").asText());
    }

    @Test
    void shouldResumeInsideAMapIteratorWithTheInputsEachIterationHad() throws Exception {
        boolean[] fixed = {false};
        States states = builder().handler("Prepare", recording("Prepare")).handler("Ship", in -> {
            calls.add("Ship " + Json.write(in));
            if (!fixed[0] && in.asInt() == 2) {
                throw new StatesException("Refused", "item 2");
            }
            return in;
        }).build();
        StateMachine machine = states.define("items", json("{'StartAt':'M','States':{'M':{'Type':'Map',"
                + "'MaxConcurrency':1,'ItemProcessor':{'StartAt':'Prepare','States':{'Prepare':{'Type':'Task',"
                + "'Resource':'" + LAMBDA + "Prepare','Next':'Ship'},'Ship':{'Type':'Task','Resource':'" + LAMBDA
                + "Ship','End':true}}},'End':true}}}"));
        Execution earlier = states.start(machine, "[1,2,3]");
        assertEquals(ExecutionStatus.FAILED, earlier.status());
        fixed[0] = true;
        calls.clear();

        Execution resumed = states.resume(earlier, "Ship", null);
        assertEquals(ExecutionStatus.SUCCEEDED, resumed.status());
        assertEquals(List.of("Ship 2", "Prepare 3", "Ship 3"), calls,
                "item 1 is taken as it was, item 2 resumes at Ship, item 3 never ran and runs from its start");
        assertEquals("[1,2,3]", Json.write(resumed.output().orElseThrow()));
        assertEquals("2", resumed.describe().get("input").asText(), "the resumed state's input");
    }

    @Test
    void shouldRejectAnUnknownStateNamingTheField() throws Exception {
        States states = builder().build();
        StateMachine machine = states.define("TestMachine", Json.write(BlogPostHistories.testMachine()));
        StratusException e = assertThrows(StratusException.class,
                () -> states.startAt(machine, "NoSuchState", parse("{}")));
        assertEquals("ValidationException", e.code());
        assertEquals("1 validation error detected: Value 'NoSuchState' at 'stateName' failed to satisfy "
                + "constraint: Member must name a state of the state machine", e.getMessage());
        Execution earlier = states.start(machine, "{\"foo\":3}");
        e = assertThrows(StratusException.class, () -> states.resume(earlier, "Nope", null));
        assertEquals("1 validation error detected: Value 'Nope' at 'stateName' failed to satisfy "
                + "constraint: Member must name a state of the state machine", e.getMessage());
        e = assertThrows(StratusException.class, () -> states.resume(earlier, "NextState", null));
        assertEquals("Value 'NextState' at 'stateName' names a state that never ran in execution "
                + earlier.arn() + ": give its input", e.getMessage());
    }

    @Test
    void shouldRejectANestedStateWithoutAnEarlierExecution() throws Exception {
        States states = builder().build();
        StateMachine machine = states.define("ParallelStateMachine",
                Json.write(BlogPostHistories.parallelStateMachine()));
        StratusException e = assertThrows(StratusException.class,
                () -> states.startAt(machine, "Parallel Step 2, Process 1", parse("{}")));
        assertEquals("Value 'Parallel Step 2, Process 1' at 'stateName' names a state inside 'Parallel 2': resume "
                + "it from an earlier execution, which gives the enclosing states their inputs", e.getMessage());
    }

    @Test
    void shouldRejectAnInputOver256KiB() throws Exception {
        States states = builder().build();
        StateMachine machine = states.define("TestMachine", Json.write(BlogPostHistories.testMachine()));
        JsonNode big = TextNode.valueOf("x".repeat(256 * 1024));
        StratusException e = assertThrows(StratusException.class,
                () -> states.startAt(machine, "NextState", big));
        assertEquals("States.DataLimitExceeded", e.code());
        assertEquals("The execution input exceeds the maximum size of 262144 bytes: inputBytes=262146",
                e.getMessage());
        Execution earlier = states.start(machine, "{\"foo\":3}");
        e = assertThrows(StratusException.class, () -> states.resume(earlier, "FirstState", big));
        assertEquals("The execution input exceeds the maximum size of 262144 bytes: inputBytes=262146",
                e.getMessage());
    }

    @Test
    void shouldRejectResumingFromARunningExecution() throws Exception {
        States states = builder().build();
        StateMachine machine = states.define("waits", json("{'StartAt':'W','States':{'W':{'Type':'Wait',"
                + "'Seconds':60,'End':true}}}"));
        Execution running = states.start(machine, "r", "{}");
        StratusException e = assertThrows(StratusException.class, () -> states.resume(running, "W", null));
        assertEquals("ValidationException", e.code());
        assertEquals("Value 'arn:aws:states:us-east-1:111111111111:execution:waits:r' at 'earlier' is still "
                + "RUNNING: resume from a finished execution", e.getMessage());
    }
}
