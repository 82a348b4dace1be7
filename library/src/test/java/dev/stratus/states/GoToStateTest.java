package dev.stratus.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.core.internal.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoToStateTest {

    @Test
    void shouldFindTheFailedTaskOfTheBlogPostTestMachine() throws Exception {
        FailurePoint failure = GoToState.findFailure(BlogPostHistories.testMachineFailure());
        assertEquals("FirstMatchState", failure.stateName());
        assertEquals(Json.parse("{\"foo\":1,\"Message\":true}"), failure.input());
        assertEquals(List.of("FirstMatchState"), failure.path());
        assertEquals("FAILED", failure.status());
        assertEquals("TypeError", failure.error());
        assertEquals("Message must be a string", failure.cause());
        assertFalse(failure.inputTruncated());
    }

    @Test
    void shouldResumeAFailureInsideAParallelAtTheParallel() throws Exception {
        FailurePoint failure = GoToState.findFailure(BlogPostHistories.parallelFailure());
        assertEquals("Parallel 2", failure.stateName());
        assertEquals(Json.parse("{\"Message\":\"Hello!\",\"output\":[{\"Message\":\"Hello!\"},"
                + "{\"Message\":\"Hello!\"}]}"), failure.input());
        assertEquals(List.of("Parallel 2", "Parallel Step 2, Process 1"), failure.path());
        assertEquals("Parallel Step 2, Process 1", failure.innermostState());
    }

    @Test
    void shouldFindFailuresInStatesOtherThanTasks() throws Exception {
        BlogPostHistories.History h = new BlogPostHistories.History();
        h.add("ExecutionStarted", 0, "executionStartedEventDetails", BlogPostHistories.input("{\"foo\":3}"));
        long choice = h.entered("Choice", "ChoiceState", 0, "{\"foo\":3}");
        h.add("ExecutionFailed", choice, "executionFailedEventDetails", Json.MAPPER.createObjectNode()
                .put("error", "States.Runtime").put("cause", "An error occurred while executing the state"
                        + " 'ChoiceState' (entered at the event id #2)."));
        FailurePoint failure = GoToState.findFailure(h.forward());
        assertEquals("ChoiceState", failure.stateName());
        assertEquals("States.Runtime", failure.error());
    }

    @Test
    void shouldNameTheMapIterationOfANestedFailure() throws Exception {
        BlogPostHistories.History h = new BlogPostHistories.History();
        h.add("ExecutionStarted", 0, "executionStartedEventDetails", BlogPostHistories.input("[1,2]"));
        long map = h.entered("Map", "Each", 0, "[1,2]");
        long started = h.add("MapStateStarted", map, null, null);
        long it0 = h.add("MapIterationStarted", started, "mapIterationStartedEventDetails",
                Json.MAPPER.createObjectNode().put("name", "Each").put("index", 0));
        long pass = h.entered("Pass", "Work", it0, "1");
        long passExit = h.exited("Pass", "Work", pass, "1");
        long it1 = h.add("MapIterationStarted", passExit, "mapIterationStartedEventDetails",
                Json.MAPPER.createObjectNode().put("name", "Each").put("index", 1));
        long fail = h.entered("Fail", "Work", it1, "2");
        long mapFailed = h.add("MapStateFailed", fail, null, null);
        h.add("ExecutionFailed", mapFailed, "executionFailedEventDetails", Json.MAPPER.createObjectNode());
        FailurePoint failure = GoToState.findFailure(h.forward());
        assertEquals("Each", failure.stateName());
        assertEquals(Json.parse("[1,2]"), failure.input());
        assertEquals(List.of("Each[1]", "Work"), failure.path());
    }

    @Test
    void shouldAcceptTimedOutAndAbortedExecutions() {
        BlogPostHistories.History h = new BlogPostHistories.History();
        h.add("ExecutionStarted", 0, "executionStartedEventDetails", BlogPostHistories.input("{}"));
        long wait = h.entered("Wait", "Hold", 0, "{}");
        h.add("ExecutionTimedOut", wait, "executionTimedOutEventDetails", Json.MAPPER.createObjectNode()
                .put("error", "States.Timeout"));
        assertEquals("TIMED_OUT", GoToState.findFailure(h.forward()).status());
    }

    @Test
    void shouldRejectHistoriesThatDidNotFail() {
        BlogPostHistories.History h = new BlogPostHistories.History();
        h.add("ExecutionStarted", 0, "executionStartedEventDetails", BlogPostHistories.input("{}"));
        h.add("ExecutionSucceeded", 1, null, null);
        assertEquals("execution did not fail, time out or abort: its last event is ExecutionSucceeded",
                assertThrows(IllegalArgumentException.class, () -> GoToState.findFailure(h.forward()))
                        .getMessage());
        assertEquals("history must be a GetExecutionHistory response with an events array or an array of events:"
                + " found STRING", assertThrows(IllegalArgumentException.class,
                        () -> GoToState.findFailure(Json.MAPPER.getNodeFactory().textNode("x"))).getMessage());
        assertEquals("history", assertThrows(NullPointerException.class, () -> GoToState.findFailure(null))
                .getMessage());
    }

    @Test
    void shouldRewriteWithAGoToStateChoiceAtStartAt() throws Exception {
        JsonNode definition = BlogPostHistories.testMachine();
        JsonNode rewritten = GoToState.rewrite(definition, "FirstMatchState");
        assertEquals("GoToState", rewritten.path("StartAt").asText());
        JsonNode choice = rewritten.path("States").path("GoToState");
        assertEquals("Choice", choice.path("Type").asText());
        assertEquals("FirstState", choice.path("Default").asText());
        assertEquals("GoToState.Unwrap", choice.path("Choices").get(0).path("Next").asText());
        assertEquals("FirstMatchState", choice.path("Choices").get(1).path("Next").asText());
        assertEquals(Json.parse("{\"And\":[{\"Variable\":\"$.resuming\",\"IsPresent\":true},"
                + "{\"Variable\":\"$.resuming\",\"BooleanEquals\":true}],\"Next\":\"FirstMatchState\"}"),
                choice.path("Choices").get(1));
        JsonNode unwrap = rewritten.path("States").path("GoToState.Unwrap");
        assertEquals("$.resumeInput", unwrap.path("InputPath").asText());
        assertEquals("FirstMatchState", unwrap.path("Next").asText());
        for (String name : List.of("FirstState", "ChoiceState", "FirstMatchState", "NextState")) {
            assertEquals(definition.path("States").path(name), rewritten.path("States").path(name));
        }
        assertEquals("FirstState", definition.path("StartAt").asText());
    }

    @Test
    void shouldReplaceAnEarlierGoToStateInsteadOfLooping() throws Exception {
        JsonNode once = GoToState.rewrite(BlogPostHistories.parallelStateMachine(), "Parallel 2");
        JsonNode twice = GoToState.rewrite(once, "Final Processing");
        assertEquals("Parallel", twice.path("States").path("GoToState").path("Default").asText());
        assertEquals("Final Processing", twice.path("States").path("GoToState").path("Choices").get(1)
                .path("Next").asText());
        List<String> names = new ArrayList<>();
        twice.path("States").fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("GoToState", "GoToState.Unwrap", "Parallel", "Parallel 2", "Final Processing"), names);
    }

    @Test
    void shouldNotOverwriteAStateNamedGoToState() throws Exception {
        JsonNode definition = Json.parse("{\"StartAt\":\"GoToState\",\"States\":{\"GoToState\":{\"Type\":\"Pass\","
                + "\"Next\":\"B\"},\"B\":{\"Type\":\"Pass\",\"End\":true}}}");
        JsonNode rewritten = GoToState.rewrite(definition, "B");
        assertEquals("GoToState-2", rewritten.path("StartAt").asText());
        assertEquals("GoToState", rewritten.path("States").path("GoToState-2").path("Default").asText());
        assertEquals("Pass", rewritten.path("States").path("GoToState").path("Type").asText());
    }

    @Test
    void shouldUseJsonataConditionsForJsonataMachines() throws Exception {
        JsonNode definition = Json.parse("{\"QueryLanguage\":\"JSONata\",\"StartAt\":\"A\",\"States\":{"
                + "\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"},\"B\":{\"Type\":\"Pass\",\"End\":true}}}");
        JsonNode rewritten = GoToState.rewrite(definition, "B");
        JsonNode choice = rewritten.path("States").path("GoToState");
        assertTrue(choice.path("Choices").get(1).path("Condition").asText().contains("$states.input.resuming = true"));
        assertEquals("{% $states.input.resumeInput %}",
                rewritten.path("States").path("GoToState.Unwrap").path("Output").asText());
    }

    @Test
    void shouldRejectUnknownResumeStates() throws Exception {
        assertEquals("resumeAt must be a top-level state of the definition: resumeAt=Parallel Step 2, Process 1",
                assertThrows(IllegalArgumentException.class, () -> GoToState.rewrite(
                        BlogPostHistories.parallelStateMachine(), "Parallel Step 2, Process 1")).getMessage());
        assertEquals("definition needs StartAt and States", assertThrows(IllegalArgumentException.class,
                () -> GoToState.rewrite(Json.parse("{}"), "A")).getMessage());
    }

    @Test
    void shouldNameTheMachineWithinEightyCharacters() {
        assertEquals("TestMachine-with-GoToState", GoToState.machineName("TestMachine"));
        assertEquals("TestMachine-with-GoToState", GoToState.machineName("TestMachine-with-GoToState"));
        String longName = "x".repeat(80);
        assertEquals(80, GoToState.machineName(longName).length());
    }

    @Test
    void shouldWrapResumeInputAndEnforceThePayloadLimit() throws Exception {
        assertEquals(Json.parse("{\"resuming\":true,\"resumeInput\":{\"foo\":1}}"),
                GoToState.resumeInput(Json.parse("{\"foo\":1}")));
        JsonNode huge = Json.MAPPER.getNodeFactory().textNode("x".repeat(300 * 1024));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GoToState.resumeInput(huge)).getMessage()
                .startsWith("resume input exceeds the 256 KiB payload limit: bytes="));
    }
}
