package dev.stratus.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.core.ManualClock;
import dev.stratus.core.RandomSource;
import dev.stratus.core.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartExecutionSyncTest {
    private final ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
    private final States states = States.builder().clock(clock).random(RandomSource.seeded(3)).build();

    private static String json(final String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private StateMachine parent(final String name, final String resource, final String input) {
        return states.define(name, json("{'StartAt':'Call','States':{'Call':{'Type':'Task','Resource':'"
                + resource + "','Parameters':{'StateMachineArn':"
                + "'arn:aws:states:us-east-1:111111111111:stateMachine:child','Name':'kid-" + name + "',"
                + "'Input':" + input + "},'End':true}}}"));
    }

    @Test
    void shouldWaitForTheChildWithSyncAndGiveItsOutputAsText() {
        states.define("child", json("{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':10,'Next':'P'},"
                + "'P':{'Type':'Pass','Result':{'done':true},'End':true}}}"));
        Execution run = states.start(parent("parent", "arn:aws:states:::states:startExecution.sync",
                json("{'n':1}")), "{}");
        assertEquals(ExecutionStatus.RUNNING, run.status());
        clock.advance(Duration.ofSeconds(10));
        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), () -> run.error() + " " + run.cause());
        JsonNode out = run.output().orElseThrow();
        assertEquals("arn:aws:states:us-east-1:111111111111:execution:child:kid-parent",
                out.get("ExecutionArn").asText());
        assertEquals("{\"n\":1}", out.get("Input").asText());
        assertEquals("{\"done\":true}", out.get("Output").asText());
        assertEquals("SUCCEEDED", out.get("Status").asText());
        assertEquals("arn:aws:states:us-east-1:111111111111:stateMachine:child",
                out.get("StateMachineArn").asText());
        assertEquals(clock.instant().toEpochMilli(), out.get("StopDate").asLong());
        assertEquals(10_000, out.get("StopDate").asLong() - out.get("StartDate").asLong());
    }

    @Test
    void shouldRecordTheStartExecutionResponseAsTaskSubmittedAfterTaskStarted() {
        states.define("child", json("{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':10,'End':true}}}"));
        for (String resource : List.of("startExecution.sync", "startExecution.sync:2")) {
            Execution run = states.start(parent("p" + resource.length(), "arn:aws:states:::states:" + resource,
                    "{}"), "{}");
            assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                    "TaskSubmitted"), Histories.types(run), resource);
            HistoryEvent submitted = Histories.event(run, "TaskSubmitted");
            assertEquals(4, submitted.previousEventId());
            assertEquals("taskSubmittedEventDetails", submitted.detailsName());
            JsonNode d = submitted.details();
            assertEquals("states", d.get("resourceType").asText());
            assertEquals(resource, d.get("resource").asText());
            assertEquals(json("{'ExecutionArn':'arn:aws:states:us-east-1:111111111111:execution:child:kid-p"
                    + resource.length() + "','StartDate':" + clock.instant().toEpochMilli() + "}"),
                    d.get("output").asText());
            assertEquals(json("{'truncated':false}"), Json.write(d.get("outputDetails")));

            clock.advance(Duration.ofSeconds(10));
            assertEquals(ExecutionStatus.SUCCEEDED, run.status(), () -> run.error() + " " + run.cause());
            assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                    "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"),
                    Histories.types(run), resource);
            assertEquals(submitted.id(), Histories.event(run, "TaskSucceeded").previousEventId());
        }
    }

    @Test
    void shouldRecordNoSubmissionWithoutSyncOrWhenTheStartFails() {
        states.define("child", json("{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}"));
        Execution fire = states.start(parent("p5", "arn:aws:states:::states:startExecution", "{}"), "{}");
        assertEquals(ExecutionStatus.SUCCEEDED, fire.status());
        assertFalse(Histories.types(fire).contains("TaskSubmitted"));

        StateMachine lost = states.define("lost2", json("{'StartAt':'Call','States':{'Call':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::states:startExecution.sync:2','Parameters':{'StateMachineArn':"
                + "'arn:aws:states:us-east-1:111111111111:stateMachine:nope'},'End':true}}}"));
        Execution none = states.start(lost, "{}");
        assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed",
                "ExecutionFailed"), Histories.types(none));
    }

    @Test
    void shouldGiveParsedJsonWithSync2AndOnlyTheArnWithoutSync() {
        states.define("child", json("{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}"));
        Execution run = states.start(parent("p2", "arn:aws:states:::states:startExecution.sync:2",
                "\"{\\\"n\\\":2}\""), "{}");
        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), () -> run.error() + " " + run.cause());
        assertEquals("{\"n\":2}", Json.write(run.output().orElseThrow().get("Output")));
        assertEquals("{\"n\":2}", Json.write(run.output().orElseThrow().get("Input")));

        Execution fire = states.start(parent("p3", "arn:aws:states:::states:startExecution", "{}"), "{}");
        JsonNode out = fire.output().orElseThrow();
        assertEquals(2, out.size());
        assertEquals("arn:aws:states:us-east-1:111111111111:execution:child:kid-p3", out.get("ExecutionArn").asText());
        assertTrue(out.get("StartDate").isNumber());
        assertTrue(states.execution(out.get("ExecutionArn").asText()).isPresent());
    }

    @Test
    void shouldFailTheTaskWhenTheChildFailsOrTheMachineIsUnknown() {
        states.define("child", json("{'StartAt':'F','States':{'F':{'Type':'Fail','Error':'Kid.Broke',"
                + "'Cause':'sorry'}}}"));
        Execution run = states.start(parent("p4", "arn:aws:states:::states:startExecution.sync", "{}"), "{}");
        assertEquals(ExecutionStatus.FAILED, run.status());
        assertEquals("States.TaskFailed", run.error().orElseThrow());
        assertTrue(run.cause().orElseThrow().contains("\"Status\":\"FAILED\""), run.cause().orElseThrow());
        assertTrue(run.cause().orElseThrow().contains("\"Error\":\"Kid.Broke\""), run.cause().orElseThrow());

        StateMachine lost = states.define("lost", json("{'StartAt':'Call','States':{'Call':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::states:startExecution.sync','Parameters':{'StateMachineArn':"
                + "'arn:aws:states:us-east-1:111111111111:stateMachine:nope'},'End':true}}}"));
        Execution none = states.start(lost, "{}");
        assertEquals("StepFunctions.StateMachineDoesNotExistException", none.error().orElseThrow());
        assertTrue(none.cause().orElseThrow().contains("stateMachine:nope"), none.cause().orElseThrow());
    }
}
