package dev.stratus.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.Stratus;
import dev.stratus.core.ManualClock;
import dev.stratus.core.RandomSource;
import dev.stratus.core.StratusException;
import dev.stratus.core.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StatesTest {
    private final ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
    private final List<Throwable> errors = new ArrayList<>();

    private States.Builder builder() {
        return States.builder().clock(clock).random(RandomSource.seeded(1)).errorHandler(errors::add);
    }

    private static String json(final String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    @Test
    void shouldFinishAnHourLongWaitWhenTheClockAdvances() {
        States states = builder().build();
        StateMachine machine = states.define("waits", json("{'StartAt':'W','States':{'W':{'Type':'Wait',"
                + "'Seconds':3600,'Next':'Done'},'Done':{'Type':'Pass','Result':{'ok':true},'End':true}}}"));
        Execution run = states.start(machine, "{}");
        assertEquals(ExecutionStatus.RUNNING, run.status());
        clock.advance(Duration.ofMinutes(59));
        assertEquals(ExecutionStatus.RUNNING, run.status());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(ExecutionStatus.SUCCEEDED, run.status());
        assertEquals("{\"ok\":true}", Json.write(run.output().orElseThrow()));
        List<String> types = run.history().stream().map(HistoryEvent::type).toList();
        assertEquals(List.of("ExecutionStarted", "WaitStateEntered", "WaitStateExited", "PassStateEntered",
                "PassStateExited", "ExecutionSucceeded"), types);
        assertEquals("{\"ok\":true}", run.history().get(5).details().get("output").asText());
    }

    @Test
    void shouldRetryWithBackoffOnTheClockThenCatch() {
        int[] calls = {0};
        States states = builder().handler("Flaky", input -> {
            calls[0]++;
            throw new StatesException("Busy", "try later");
        }).build();
        StateMachine machine = states.define("retry", json("{'StartAt':'T','States':{'T':{'Type':'Task',"
                + "'Resource':'arn:aws:lambda:us-east-1:111111111111:function:Flaky','Retry':[{'ErrorEquals':"
                + "['Busy'],'IntervalSeconds':10,'MaxAttempts':2,'BackoffRate':3}],'Catch':[{'ErrorEquals':"
                + "['States.ALL'],'ResultPath':'$.error','Next':'Fallback'}],'End':true},"
                + "'Fallback':{'Type':'Pass','End':true}}}"));
        Execution run = states.start(machine, "{\"a\":1}");
        assertEquals(1, calls[0]);
        clock.advance(Duration.ofSeconds(10));
        assertEquals(2, calls[0]);
        clock.advance(Duration.ofSeconds(29));
        assertEquals(2, calls[0]);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(3, calls[0]);
        assertEquals(ExecutionStatus.SUCCEEDED, run.status());
        assertEquals("{\"a\":1,\"error\":{\"Error\":\"Busy\",\"Cause\":\"try later\"}}",
                Json.write(run.output().orElseThrow()));
    }

    @Test
    void shouldCompleteWaitForTaskTokenThroughSendTaskSuccess() {
        AtomicReference<String> token = new AtomicReference<>();
        States states = builder().handler("arn:aws:states:::sqs:sendMessage", input -> {
            token.set(input.path("MessageBody").path("token").asText());
            return JsonNodeFactory.instance.objectNode();
        }).build();
        StateMachine machine = states.define("callback", json("{'StartAt':'T','States':{'T':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::sqs:sendMessage.waitForTaskToken','Parameters':{'MessageBody':"
                + "{'token.$':'$$.Task.Token'}},'HeartbeatSeconds':60,'End':true}}}"));
        Execution run = states.start(machine, "{}");
        assertEquals(ExecutionStatus.RUNNING, run.status(), () -> run.error() + " " + run.cause());
        clock.advance(Duration.ofSeconds(50));
        states.sendTaskHeartbeat(token.get());
        clock.advance(Duration.ofSeconds(50));
        states.sendTaskSuccess(token.get(), "{\"approved\":true}");
        assertEquals(ExecutionStatus.SUCCEEDED, run.status());
        assertEquals("{\"approved\":true}", Json.write(run.output().orElseThrow()));
        StratusException e = assertThrows(StratusException.class, () -> states.sendTaskSuccess(token.get(), "{}"));
        assertEquals("TaskDoesNotExist", e.code());
        assertEquals("Task Token does not exist or has completed: taskToken=" + token.get(), e.getMessage());
    }

    @Test
    void shouldFailCallbackWithHeartbeatTimeout() {
        States states = builder().handler("arn:aws:states:::sqs:sendMessage", input -> input).build();
        StateMachine machine = states.define("heartbeat", json("{'StartAt':'T','States':{'T':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::sqs:sendMessage.waitForTaskToken','HeartbeatSeconds':5,"
                + "'End':true}}}"));
        Execution run = states.start(machine, "{}");
        clock.advance(Duration.ofSeconds(5));
        assertEquals(ExecutionStatus.FAILED, run.status());
        assertEquals("States.HeartbeatTimeout", run.error().orElseThrow());
    }

    @Test
    void shouldHandActivityTasksToPollingWorkers() {
        States states = builder().activity("approve").build();
        String arn = "arn:aws:states:us-east-1:111111111111:activity:approve";
        StateMachine machine = states.define("activity", json("{'StartAt':'A','States':{'A':{'Type':'Task',"
                + "'Resource':'" + arn + "','End':true}}}"));
        Execution run = states.start(machine, "{\"order\":7}");
        ActivityTask task = states.pollActivity(arn, "worker-1").orElseThrow();
        assertEquals("{\"order\":7}", Json.write(task.input()));
        assertTrue(states.pollActivity(arn, "worker-2").isEmpty());
        states.sendTaskFailure(task.taskToken(), "Rejected", "no stock");
        assertEquals(ExecutionStatus.FAILED, run.status());
        assertEquals("Rejected", run.error().orElseThrow());
        assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted",
                "ActivityFailed", "ExecutionFailed"), run.history().stream().map(HistoryEvent::type).toList());
        StratusException e = assertThrows(StratusException.class, () -> states.pollActivity(
                "arn:aws:states:us-east-1:111111111111:activity:nope", "w"));
        assertEquals("Activity does not exist: activityArn=arn:aws:states:us-east-1:111111111111:activity:nope",
                e.getMessage());
    }

    @Test
    void shouldTimeOutTheMachineAndStopRunningExecutions() {
        States states = builder().asyncHandler("Never", input -> new CompletableFuture<>()).build();
        StateMachine timed = states.define("timed", json("{'StartAt':'T','TimeoutSeconds':30,'States':{'T':"
                + "{'Type':'Task','Resource':'arn:aws:lambda:us-east-1:111111111111:function:Never','End':true}}}"));
        StateMachine open = states.define("open", json("{'StartAt':'T','States':{'T':"
                + "{'Type':'Task','Resource':'arn:aws:lambda:us-east-1:111111111111:function:Never','End':true}}}"));
        Execution timedRun = states.start(timed, "{}");
        Execution openRun = states.start(open, "{}");
        clock.advance(Duration.ofSeconds(30));
        assertEquals(ExecutionStatus.TIMED_OUT, timedRun.status());
        assertEquals("States.Timeout", timedRun.error().orElseThrow());
        assertEquals(ExecutionStatus.RUNNING, openRun.status());
        assertTrue(openRun.stop("Operator", "stopped by hand"));
        assertEquals(ExecutionStatus.ABORTED, openRun.status());
        assertFalse(openRun.stop("Operator", "again"));
        List<String> types = openRun.history().stream().map(HistoryEvent::type).toList();
        assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled",
                "LambdaFunctionStarted", "TaskStateAborted", "ExecutionAborted"), types);
    }

    @Test
    void shouldTimeOutATaskWhoseHandlerNeverCompletes() {
        States states = builder().asyncHandler("Never", input -> new CompletableFuture<>()).build();
        StateMachine machine = states.define("slow", json("{'StartAt':'T','States':{'T':{'Type':'Task',"
                + "'Resource':'arn:aws:lambda:us-east-1:111111111111:function:Never','TimeoutSeconds':10,"
                + "'End':true}}}"));
        Execution run = states.start(machine, "{}");
        clock.advance(Duration.ofSeconds(10));
        assertEquals(ExecutionStatus.FAILED, run.status());
        assertEquals("States.Timeout", run.error().orElseThrow());
    }

    @Test
    void shouldFailTheTaskAndReportWhenAHandlerThrowsAnError() {
        States states = builder().handler("Broken", input -> {
            throw new AssertionError("boom");
        }).handler("Fine", input -> input).build();
        StateMachine broken = states.define("broken", json("{'StartAt':'T','States':{'T':{'Type':'Task',"
                + "'Resource':'arn:aws:lambda:us-east-1:111111111111:function:Broken','End':true}}}"));
        StateMachine fine = states.define("fine", json("{'StartAt':'T','States':{'T':{'Type':'Task',"
                + "'Resource':'arn:aws:lambda:us-east-1:111111111111:function:Fine','End':true}}}"));
        Execution bad = states.start(broken, "{}");
        assertEquals(ExecutionStatus.FAILED, bad.status());
        assertEquals("java.lang.AssertionError", bad.error().orElseThrow());
        assertTrue(bad.cause().orElseThrow().startsWith("{\"errorMessage\":\"boom\",\"errorType\":"
                + "\"java.lang.AssertionError\",\"stackTrace\":["));
        assertEquals(1, errors.size());
        assertInstanceOf(AssertionError.class, errors.get(0));
        assertEquals(ExecutionStatus.SUCCEEDED, states.start(fine, "{\"x\":1}").status());
    }

    @Test
    void shouldRejectInputNestedTenThousandDeep() {
        States states = builder().build();
        StateMachine machine = states.define("pass", json("{'StartAt':'P','States':{'P':{'Type':'Pass',"
                + "'End':true}}}"));
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        StratusException text = assertThrows(StratusException.class, () -> states.start(machine, deep));
        assertEquals("InvalidExecutionInput", text.code());
        assertTrue(text.getMessage().startsWith("Invalid execution input: Document nesting depth (1001) exceeds "
                + "the maximum allowed (1000"), text.getMessage());
        JsonNode node = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < 10_000; i++) {
            node = JsonNodeFactory.instance.arrayNode().add(node);
        }
        JsonNode deepNode = node;
        StratusException value = assertThrows(StratusException.class, () -> states.start(machine, "n", deepNode));
        assertEquals("Invalid execution input: nested deeper than 1000 levels", value.getMessage());
    }

    @Test
    void shouldRejectMegabytesOfInputWithDataLimitExceeded() {
        States states = builder().build();
        StateMachine machine = states.define("pass", json("{'StartAt':'P','States':{'P':{'Type':'Pass',"
                + "'End':true}}}"));
        String wide = "{\"blob\":\"" + "x".repeat(3_000_000) + "\"}";
        StratusException e = assertThrows(StratusException.class, () -> states.start(machine, wide));
        assertEquals("States.DataLimitExceeded", e.code());
        assertEquals("The execution input exceeds the maximum size of 262144 bytes: inputBytes=3000011",
                e.getMessage());
    }

    @Test
    void shouldFailATaskWhoseResultExceedsThePayloadLimit() {
        States states = builder().handler("Big", input -> JsonNodeFactory.instance.textNode("a".repeat(300_000)))
                .build();
        StateMachine machine = states.define("big", json("{'StartAt':'T','States':{'T':{'Type':'Task',"
                + "'Resource':'arn:aws:lambda:us-east-1:111111111111:function:Big','End':true}}}"));
        Execution run = states.start(machine, "{}");
        assertEquals("States.DataLimitExceeded", run.error().orElseThrow());
        assertEquals("The state/task 'arn:aws:lambda:us-east-1:111111111111:function:Big' returned a result with a "
                + "size exceeding the maximum number of bytes service limit.", run.cause().orElseThrow());
    }

    @Test
    void shouldRunTenThousandStatesWithoutRecursion() {
        States states = builder().build();
        StringBuilder asl = new StringBuilder("{\"StartAt\":\"S0\",\"States\":{");
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            asl.append(i == 0 ? "" : ",").append("\"S").append(i).append("\":{\"Type\":\"Pass\",")
                    .append(i == n - 1 ? "\"End\":true}" : "\"Next\":\"S" + (i + 1) + "\"}");
        }
        asl.append("}}");
        Execution run = states.start(states.define("long", asl.toString()), "{}");
        assertEquals(ExecutionStatus.SUCCEEDED, run.status());
        assertEquals(2 * n + 2, run.history().size());
    }

    @Test
    void shouldFailAtTheHistoryEventLimit() {
        States states = builder().build();
        StateMachine loop = states.define("loop", json("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},"
                + "'B':{'Type':'Pass','Next':'A'}}}"));
        Execution run = states.start(loop, "{}");
        assertEquals(ExecutionStatus.FAILED, run.status());
        assertEquals("States.Runtime", run.error().orElseThrow());
        assertEquals("The execution reached the maximum number of history events (25000).",
                run.cause().orElseThrow());
        assertEquals(25_001, run.history().size());
    }

    @Test
    void shouldRunParallelBranchesAndMapIterationsInOrder() {
        States states = builder().handler("Double", in -> JsonNodeFactory.instance.numberNode(in.asInt() * 2))
                .build();
        StateMachine machine = states.define("fan", json("{'StartAt':'P','States':{'P':{'Type':'Parallel',"
                + "'Branches':[{'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.items','MaxConcurrency':2,"
                + "'ItemProcessor':{'StartAt':'D','States':{'D':{'Type':'Task',"
                + "'Resource':'arn:aws:lambda:us-east-1:111111111111:function:Double','End':true}}},"
                + "'End':true}}},{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':5,'End':true}}}],"
                + "'ResultSelector':{'doubled.$':'$[0]','count.$':'States.ArrayLength($[0])'},'End':true}}}"));
        Execution run = states.start(machine, "{\"items\":[1,2,3]}");
        clock.advance(Duration.ofSeconds(5));
        assertEquals("{\"doubled\":[2,4,6],\"count\":3}", Json.write(run.output().orElseThrow()));
    }

    @Test
    void shouldKeepExpressExecutionsWithoutHistory() {
        States states = builder().build();
        StateMachine machine = states.define("express", json("{'StartAt':'P','States':{'P':{'Type':'Pass',"
                + "'Parameters':{'id.$':'States.UUID()'},'End':true}}}"), StateMachineType.EXPRESS);
        Execution run = states.start(machine, "{}");
        assertEquals(ExecutionStatus.SUCCEEDED, run.status());
        assertTrue(run.history().isEmpty());
        assertTrue(states.execution(run.arn()).isEmpty());
    }

    @Test
    void shouldNameExpressExecutionsAsAwsDoesWithTheSameArnInTheContextObject() {
        States states = builder().build();
        StateMachine machine = states.define("express", json("{'StartAt':'P','States':{'P':{'Type':'Pass',"
                + "'Parameters':{'id.$':'$$.Execution.Id'},'End':true}}}"), StateMachineType.EXPRESS);
        Execution run = states.start(machine, "order-7", json("{}"));
        assertTrue(run.arn().matches("arn:aws:states:us-east-1:\\d{12}:express:express:order-7:"
                + "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), run.arn());
        assertEquals(run.arn(), run.output().orElseThrow().get("id").asText());
        Execution other = states.start(machine, "order-7", json("{}"));
        assertNotEquals(run.arn(), other.arn());
    }

    @Test
    void shouldRetainTheMostRecentFinishedExecutionsUpToTheLimit() {
        States states = builder().retainedExecutions(3).build();
        StateMachine machine = states.define("kept", json("{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}"));
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            arns.add(states.start(machine, "run" + i, "{}").arn());
        }
        for (int i = 0; i < 6; i++) {
            assertEquals(i >= 3, states.execution(arns.get(i)).isPresent(), "run" + i);
        }
        assertEquals(3, states.executions(machine).size());
    }

    @Test
    void shouldKeepARedrivenExecutionFindableWhileItRunsAgain() {
        int[] calls = new int[1];
        States states = builder().retainedExecutions(2).handler("Flaky", in -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("first call fails");
            }
            return in;
        }).build();
        StateMachine flaky = states.define("flaky", json("{'StartAt':'T','States':{'T':{'Type':'Task',"
                + "'Resource':'arn:aws:lambda:us-east-1:111111111111:function:Flaky','Next':'W'},"
                + "'W':{'Type':'Wait','Seconds':60,'End':true}}}"));
        StateMachine quick = states.define("quick", json("{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}"));
        Execution redriven = states.start(flaky, "{}");
        assertEquals(ExecutionStatus.FAILED, redriven.status());
        redriven.redrive();
        assertEquals(ExecutionStatus.RUNNING, redriven.status());
        for (int i = 0; i < 3; i++) {
            states.start(quick, "{}");
        }
        assertTrue(states.execution(redriven.arn()).isPresent(), "running again: still found");
        clock.advance(java.time.Duration.ofSeconds(60));
        assertEquals(ExecutionStatus.SUCCEEDED, redriven.status());
        assertTrue(states.execution(redriven.arn()).isPresent(), "the most recent to finish");
        states.start(quick, "{}");
        states.start(quick, "{}");
        assertTrue(states.execution(redriven.arn()).isEmpty(), "two newer ones finished since");
    }

    @Test
    void shouldNameTheSameEnteredEventIdInExpressAndStandardCauses() {
        States states = builder().build();
        String asl = json("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},'B':{'Type':'Parallel','Branches':["
                + "{'StartAt':'C','States':{'C':{'Type':'Pass','End':true}}}],'Next':'P'},"
                + "'P':{'Type':'Pass','InputPath':'$.missing','End':true}}}");
        Execution standard = states.start(states.define("std", asl), "{}");
        Execution express = states.start(states.define("exp", asl, StateMachineType.EXPRESS), "{}");
        assertEquals(ExecutionStatus.FAILED, express.status());
        assertTrue(standard.cause().orElseThrow().contains("(entered at the event id #9)"),
                standard.cause().orElseThrow());
        assertEquals(standard.cause(), express.cause());
    }

    @Test
    void shouldReportPathFailuresAsAwsDoes() {
        States states = builder().build();
        StateMachine machine = states.define("paths", json("{'StartAt':'P','States':{'P':{'Type':'Pass',"
                + "'InputPath':'$.missing','End':true}}}"));
        Execution run = states.start(machine, "{\"a\":1}");
        assertEquals("States.Runtime", run.error().orElseThrow());
        assertEquals("An error occurred while executing the state 'P' (entered at the event id #2). Invalid path "
                + "'$.missing' : No results for path: $['missing']", run.cause().orElseThrow());
    }

    @Test
    void shouldRejectBadDefinitionsNamingTheLocation() {
        States states = builder().build();
        StratusException notJson = assertThrows(StratusException.class, () -> states.define("bad", "{"));
        assertEquals("InvalidDefinition", notJson.code());
        assertTrue(notJson.getMessage().startsWith("Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: "));
        StratusException unknownNext = assertThrows(StratusException.class, () -> states.define("bad",
                json("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'Nowhere'}}}")));
        assertEquals("Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: Nowhere "
                + "at /States/A/Next'", unknownNext.getMessage());
        StratusException unknownType = assertThrows(StratusException.class, () -> states.define("bad",
                json("{'StartAt':'A','States':{'A':{'Type':'Sleep','End':true}}}")));
        assertEquals("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The field 'Type' should have one "
                + "of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map] at /States/A/Type'",
                unknownType.getMessage());
    }

    @Test
    void shouldRejectApiMisuseNamingTheParameter() {
        States states = builder().build();
        StateMachine machine = states.define("ok", json("{'StartAt':'P','States':{'P':{'Type':'Pass',"
                + "'End':true}}}"));
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> states.start(machine, "bad name", "{}"));
        assertEquals("name contains an invalid character ' ': name=bad name", name.getMessage());
        StratusException input = assertThrows(StratusException.class, () -> states.start(machine, "{\"a\":"));
        assertEquals("InvalidExecutionInput", input.code());
        StratusException dup = assertThrows(StratusException.class, () -> {
            states.start(machine, "same", "{}");
            states.start(machine, "same", "{}");
        });
        assertEquals("Execution Already Exists: 'arn:aws:states:us-east-1:111111111111:execution:ok:same'",
                dup.getMessage());
        IllegalArgumentException account = assertThrows(IllegalArgumentException.class,
                () -> States.builder().account("12"));
        assertEquals("account must be 12 digits: account=12", account.getMessage());
        IllegalArgumentException region = assertThrows(IllegalArgumentException.class,
                () -> States.builder().region("mars"));
        assertEquals("region must look like us-east-1: region=mars", region.getMessage());
        IllegalArgumentException handler = assertThrows(IllegalArgumentException.class,
                () -> States.builder().handler("", in -> in));
        assertEquals("nameOrArn must not be empty: nameOrArn=", handler.getMessage());
        NullPointerException nullClock = assertThrows(NullPointerException.class, () -> States.builder().clock(null));
        assertEquals("clock", nullClock.getMessage());
        IllegalArgumentException bucket = assertThrows(IllegalArgumentException.class,
                () -> states.putObject("", "k", "v"));
        assertEquals("bucket must not be empty: bucket=", bucket.getMessage());
        IllegalStateException request = assertThrows(IllegalStateException.class,
                () -> TestStateRequest.builder().build());
        assertEquals("definition is required: definition=null", request.getMessage());
    }

    @Test
    void shouldRunOneStateThroughTestState() {
        States states = builder().build();
        TestStateResult result = states.testState(TestStateRequest.builder()
                .definition(json("{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Retry':[{"
                        + "'ErrorEquals':['Boom'],'MaxAttempts':2}],'End':true}"))
                .mockError("Boom", "bad")
                .inspectionLevel("DEBUG")
                .build());
        assertEquals("RETRIABLE", result.status());
        assertEquals("{\"retryIndex\":0,\"retryBackoffIntervalSeconds\":1}",
                Json.write(result.inspectionData().get("errorDetails")));
        StratusException mockOnPass = assertThrows(StratusException.class, () -> states.testState(
                TestStateRequest.builder().definition("{\"Type\":\"Pass\",\"End\":true}").mockResult("{}").build()));
        assertEquals("State type 'Pass' is not supported when a mock is specified", mockOnPass.getMessage());
    }

    @Test
    void shouldFailATestedMapWhenMockedIterationFailuresExceedTheTolerance() {
        States states = builder().build();
        String map = json("{'Type':'Map','QueryLanguage':'JSONata','Items':'{% $states.input %}',"
                + "'ItemProcessor':{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},"
                + "'ToleratedFailureCount':1,'Catch':[{'ErrorEquals':['States.ALL'],'Next':'H',"
                + "'Output':'{% $states.errorOutput %}'}],'End':true}");
        TestStateRequest.Builder request = TestStateRequest.builder().definition(map).input("[1,2,3]")
                .mockResult("[1,0,0]");
        assertEquals("SUCCEEDED", states.testState(request.mapIterationFailureCount(1).build()).status());
        TestStateResult over = states.testState(request.mapIterationFailureCount(2).build());
        assertEquals("CAUGHT_ERROR", over.status());
        assertEquals("States.ExceedToleratedFailureThreshold", over.error());
        assertEquals("H", over.nextState());
        StratusException tooMany = assertThrows(StratusException.class,
                () -> states.testState(request.mapIterationFailureCount(4).build()));
        assertEquals("Map iteration failure count must be less than or equal to the number of Map iterations",
                tooMany.getMessage());
        StratusException noMock = assertThrows(StratusException.class, () -> states.testState(
                TestStateRequest.builder().definition(map).mapIterationFailureCount(0).build()));
        assertEquals("TestState does not support MapIterationFailureCount when a mock is not specified.",
                noMock.getMessage());
    }

    @Test
    void shouldLetATestedStateReadTheSuppliedVariables() {
        States states = builder().build();
        TestStateResult jsonata = states.testState(TestStateRequest.builder()
                .definition(json("{'Type':'Pass','QueryLanguage':'JSONata','Output':'{% $greeting & \\' \\' & "
                        + "$states.input.who %}','End':true}"))
                .input("{\"who\":\"Ada\"}").variables("{\"greeting\":\"hello\"}").build());
        assertEquals("\"hello Ada\"", Json.write(jsonata.output()));
        TestStateResult path = states.testState(TestStateRequest.builder()
                .definition(json("{'Type':'Pass','Parameters':{'g.$':'$greeting'},'End':true}"))
                .variables("{\"greeting\":\"hi\"}").build());
        assertEquals("{\"g\":\"hi\"}", Json.write(path.output()));
        StratusException notObject = assertThrows(StratusException.class,
                () -> TestStateRequest.builder().variables("[1]"));
        assertEquals("Invalid variables: must be a JSON object, got [1]", notObject.getMessage());
    }

    @Test
    void shouldRejectBadObjectKeysAndNegativeFailureCounts() {
        States states = builder().object("bucket", "key", "body").build();
        assertEquals("body", states.object("bucket", "key").orElseThrow());
        assertTrue(states.object("bucket", "other").isEmpty());
        IllegalArgumentException emptyBucket = assertThrows(IllegalArgumentException.class,
                () -> states.object("", "key"));
        assertEquals("bucket must not be empty: bucket=", emptyBucket.getMessage());
        assertThrows(NullPointerException.class, () -> states.object("bucket", null));
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> TestStateRequest.builder().mapIterationFailureCount(-1));
        assertEquals("mapIterationFailureCount must not be negative: mapIterationFailureCount=-1",
                negative.getMessage());
    }

    @Test
    void shouldRejectASuppliedContextObjectThatAwsWouldReject() throws Exception {
        States states = builder().build();
        JsonNode pokedex = Json.parse("{\"Pokedex\":{}}");
        JsonNode numericId = Json.parse("{\"Execution\":{\"Id\":1}}");
        TestStateRequest.Builder pass = TestStateRequest.builder().definition("{\"Type\":\"Pass\",\"End\":true}");
        StratusException unknown = assertThrows(StratusException.class,
                () -> states.testState(pass.context(pokedex).build()));
        assertEquals("ValidationException", unknown.code());
        assertEquals("Invalid Context object provided: Field 'Pokedex' is not allowed", unknown.getMessage());
        StratusException type = assertThrows(StratusException.class,
                () -> states.testState(pass.context(numericId).build()));
        assertEquals("Invalid Context object provided: Execution.Id must be a string", type.getMessage());
        TestStateResult ok = states.testState(pass.context(Json.parse("{\"State\":{\"Name\":\"S\"}}"))
                .definition(json("{'Type':'Pass','Parameters':{'n.$':'$$.State.Name'},'End':true}")).build());
        assertEquals("{\"n\":\"S\"}", Json.write(ok.output()));
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void shouldParkThousandsOfWaitsOnTheSystemClockWithoutAThreadEach() throws Exception {
        States states = States.builder().clock(dev.stratus.core.Clock.system()).errorHandler(errors::add).build();
        StateMachine machine = states.define("sys", json("{'StartAt':'W','States':{'W':{'Type':'Wait',"
                + "'Seconds':1,'End':true}}}"));
        int threadsBefore = Thread.activeCount();
        List<CompletableFuture<Execution>> done = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            done.add(states.start(machine, "{\"i\":" + i + "}").completion().toCompletableFuture());
        }
        assertTrue(Thread.activeCount() <= threadsBefore + 2, "threads grew from " + threadsBefore + " to "
                + Thread.activeCount());
        CompletableFuture.allOf(done.toArray(new CompletableFuture<?>[0]))
                .get(20, java.util.concurrent.TimeUnit.SECONDS);
        for (CompletableFuture<Execution> f : done) {
            assertEquals(ExecutionStatus.SUCCEEDED, f.get().status());
        }
        assertTrue(errors.isEmpty(), () -> errors.toString());
    }

    @Test
    void shouldReachTheEngineThroughTheFacade() {
        Stratus stratus = Stratus.builder().clock(clock).seed(3)
                .states(b -> b.handler("Greet", in -> {
                    ObjectNode out = JsonNodeFactory.instance.objectNode();
                    out.put("hello", in.path("name").asText());
                    return out;
                }))
                .build();
        States states = stratus.states();
        StateMachine machine = states.define("greet", json("{'StartAt':'G','States':{'G':{'Type':'Task',"
                + "'Resource':'arn:aws:lambda:us-east-1:111111111111:function:Greet','End':true}}}"));
        assertEquals("{\"hello\":\"ada\"}", Json.write(states.start(machine, "{\"name\":\"ada\"}").output()
                .orElseThrow()));
        assertTrue(stratus.states() == states);
    }
}
