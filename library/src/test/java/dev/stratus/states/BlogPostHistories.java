package dev.stratus.states;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.internal.Json;

/**
 * The two machines of the AWS blog post "Resume AWS Step Functions from Any State" (shared/docs/scenarios.md) and
 * histories shaped as {@code aws stepfunctions get-execution-history} prints them for their failed executions.
 */
final class BlogPostHistories {
    static final String LAMBDA = "arn:aws:lambda:us-east-1:111111111111:function:";

    private BlogPostHistories() {
    }

    static JsonNode testMachine() throws Exception {
        return Json.parse("""
                {"Comment": "An example of the Amazon States Language using a choice state.",
                 "StartAt": "FirstState",
                 "States": {
                   "FirstState": {"Type": "Task", "Resource": "%1$sFirstState", "Next": "ChoiceState"},
                   "ChoiceState": {"Type": "Choice", "Choices": [
                       {"Variable": "$.foo", "NumericEquals": 1, "Next": "FirstMatchState"},
                       {"Variable": "$.foo", "NumericEquals": 2, "Next": "SecondMatchState"}],
                     "Default": "DefaultState"},
                   "FirstMatchState": {"Type": "Task", "Resource": "%1$sOnFirstMatch", "Next": "NextState"},
                   "SecondMatchState": {"Type": "Task", "Resource": "%1$sOnSecondMatch", "Next": "NextState"},
                   "DefaultState": {"Type": "Fail", "Error": "DefaultStateError", "Cause": "No Matches!"},
                   "NextState": {"Type": "Task", "Resource": "%1$sNextState", "End": true}
                 }}""".formatted(LAMBDA));
    }

    static JsonNode parallelStateMachine() throws Exception {
        return Json.parse("""
                {"StartAt": "Parallel",
                 "States": {
                   "Parallel": {"Type": "Parallel", "ResultPath": "$.output", "Next": "Parallel 2", "Branches": [
                     {"StartAt": "Parallel Step 1, Process 1", "States": {"Parallel Step 1, Process 1":
                       {"Type": "Task", "Resource": "%1$sLambdaA", "End": true}}},
                     {"StartAt": "Parallel Step 1, Process 2", "States": {"Parallel Step 1, Process 2":
                       {"Type": "Task", "Resource": "%1$sLambdaA", "End": true}}}]},
                   "Parallel 2": {"Type": "Parallel", "Next": "Final Processing", "Branches": [
                     {"StartAt": "Parallel Step 2, Process 1", "States": {"Parallel Step 2, Process 1":
                       {"Type": "Task", "Resource": "%1$sLambdaB", "End": true}}},
                     {"StartAt": "Parallel Step 2, Process 2", "States": {"Parallel Step 2, Process 2":
                       {"Type": "Task", "Resource": "%1$sLambdaB", "End": true}}}]},
                   "Final Processing": {"Type": "Task", "Resource": "%1$sLambdaC", "End": true}
                 }}""".formatted(LAMBDA));
    }

    /** TestMachine failing in FirstMatchState on input {"foo": 1, "Message": true}, newest event first. */
    static JsonNode testMachineFailure() {
        History h = new History();
        String in = "{\"foo\":1,\"Message\":true}";
        long start = h.add("ExecutionStarted", 0, "executionStartedEventDetails", input(in));
        long first = h.entered("Task", "FirstState", 0, "{\"foo\":1,\"Message\":true}");
        long done = h.lambda(first, true);
        long exited = h.exited("Task", "FirstState", done, "{\"foo\":1,\"Message\":true}");
        long choice = h.entered("Choice", "ChoiceState", exited, "{\"foo\":1,\"Message\":true}");
        long choiceExit = h.exited("Choice", "ChoiceState", choice, "{\"foo\":1,\"Message\":true}");
        long match = h.entered("Task", "FirstMatchState", choiceExit, "{\"foo\":1,\"Message\":true}");
        long failed = h.lambda(match, false);
        ObjectNode details = Json.MAPPER.createObjectNode().put("error", "TypeError")
                .put("cause", "Message must be a string");
        h.add("ExecutionFailed", failed, "executionFailedEventDetails", details);
        assert start == 1;
        return h.reversed();
    }

    /** ParallelStateMachine failing in "Parallel 2" on input {"Message": "Hello!"}, oldest event first. */
    static JsonNode parallelFailure() {
        History h = new History();
        String in = "{\"Message\":\"Hello!\"}";
        String out = "{\"Message\":\"Hello!\",\"output\":[{\"Message\":\"Hello!\"},{\"Message\":\"Hello!\"}]}";
        h.add("ExecutionStarted", 0, "executionStartedEventDetails", input(in));
        long p1 = h.entered("Parallel", "Parallel", 0, in);
        long started = h.add("ParallelStateStarted", p1, null, null);
        long a = h.entered("Task", "Parallel Step 1, Process 1", started, in);
        long b = h.entered("Task", "Parallel Step 1, Process 2", started, in);
        long aDone = h.exited("Task", "Parallel Step 1, Process 1", h.lambda(a, true), in);
        long bDone = h.exited("Task", "Parallel Step 1, Process 2", h.lambda(b, true), in);
        long succeeded = h.add("ParallelStateSucceeded", Math.max(aDone, bDone), null, null);
        long p1Exit = h.exited("Parallel", "Parallel", succeeded, out);
        long p2 = h.entered("Parallel", "Parallel 2", p1Exit, out);
        long started2 = h.add("ParallelStateStarted", p2, null, null);
        long c = h.entered("Task", "Parallel Step 2, Process 1", started2, out);
        long d = h.entered("Task", "Parallel Step 2, Process 2", started2, out);
        long cFail = h.lambda(c, false);
        h.lambda(d, false);
        long pFail = h.add("ParallelStateFailed", cFail, "parallelStateFailedEventDetails",
                Json.MAPPER.createObjectNode().put("error", "KeyError").put("cause", "'foo'"));
        h.add("ExecutionFailed", pFail, "executionFailedEventDetails",
                Json.MAPPER.createObjectNode().put("error", "KeyError").put("cause", "'foo'"));
        return h.forward();
    }

    static ObjectNode input(final String json) {
        ObjectNode details = Json.MAPPER.createObjectNode();
        details.put("input", json);
        details.putObject("inputDetails").put("truncated", false);
        details.put("roleArn", "arn:aws:iam::111111111111:role/StepFunctions");
        return details;
    }

    /** Builds events with ids and previousEventIds as AWS assigns them. */
    static final class History {
        private final ArrayNode events = Json.MAPPER.createArrayNode();

        long add(final String type, final long previous, final String detailsKey, final JsonNode details) {
            ObjectNode event = events.addObject();
            long id = events.size();
            event.put("timestamp", "2025-01-01T00:00:0" + Math.min(9, id) + ".000Z");
            event.put("type", type);
            event.put("id", id);
            event.put("previousEventId", previous);
            if (detailsKey != null) {
                event.set(detailsKey, details);
            }
            return id;
        }

        long entered(final String stateType, final String name, final long previous, final String input) {
            ObjectNode details = Json.MAPPER.createObjectNode().put("name", name).put("input", input);
            details.putObject("inputDetails").put("truncated", false);
            return add(stateType + "StateEntered", previous, "stateEnteredEventDetails", details);
        }

        long exited(final String stateType, final String name, final long previous, final String output) {
            ObjectNode details = Json.MAPPER.createObjectNode().put("name", name).put("output", output);
            details.putObject("outputDetails").put("truncated", false);
            return add(stateType + "StateExited", previous, "stateExitedEventDetails", details);
        }

        long lambda(final long entered, final boolean succeeds) {
            long scheduled = add("LambdaFunctionScheduled", entered, "lambdaFunctionScheduledEventDetails",
                    Json.MAPPER.createObjectNode().put("resource", LAMBDA + "Fn"));
            long started = add("LambdaFunctionStarted", scheduled, null, null);
            return succeeds
                    ? add("LambdaFunctionSucceeded", started, "lambdaFunctionSucceededEventDetails",
                            Json.MAPPER.createObjectNode().put("output", "{}"))
                    : add("LambdaFunctionFailed", started, "lambdaFunctionFailedEventDetails",
                            Json.MAPPER.createObjectNode().put("error", "TypeError").put("cause", "bad input"));
        }

        JsonNode forward() {
            ObjectNode response = Json.MAPPER.createObjectNode();
            response.set("events", events.deepCopy());
            return response;
        }

        JsonNode reversed() {
            ArrayNode reversed = Json.MAPPER.createArrayNode();
            for (int i = events.size() - 1; i >= 0; i--) {
                reversed.add(events.get(i));
            }
            ObjectNode response = Json.MAPPER.createObjectNode();
            response.set("events", reversed);
            return response;
        }
    }
}
