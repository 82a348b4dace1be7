package dev.stratus.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.Stratus;
import dev.stratus.core.ManualClock;
import dev.stratus.states.Execution;
import dev.stratus.states.ExecutionGraph;
import dev.stratus.states.ExecutionStatus;
import dev.stratus.states.FailurePoint;
import dev.stratus.states.GoToState;
import dev.stratus.states.StateMachine;
import dev.stratus.states.TaskHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * "Resume AWS Step Functions from Any State": the post's {@code TestMachine} and {@code ParallelStateMachine} fail
 * on bad input; the failure point is read from each execution's history, the definition is rewritten with a
 * {@code GoToState} Choice at its start, and the {@code -with-GoToState} machine, started with the fixed input,
 * jumps straight to the failed state and succeeds without re-running the states before it (the handler call
 * counts show it). Each failed execution's graph is printed as Mermaid.
 */
public final class ResumeFromAnyState {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The figures the report prints, for the tour's summary and for tests. */
    record Result(String testMachineFailedAt, String parallelMachineFailedAt, ExecutionStatus testMachineResumed,
            ExecutionStatus parallelMachineResumed, ExecutionStatus redriven, Map<String, Integer> redriveCalls,
            Map<String, Integer> calls) {
    }

    private ResumeFromAnyState() {
    }

    /** Runs the sample. */
    public static void main(final String... args) throws Exception {
        run();
    }

    /** Runs the sample and returns its key figures. */
    static Result run() throws Exception {
        // Virtual time; every Lambda of the post is a Java handler that counts its calls.
        ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
        Map<String, Integer> calls = new TreeMap<>();
        AtomicBoolean fixDeployed = new AtomicBoolean();
        Stratus stratus = Stratus.builder().clock(clock).seed(3).states(b -> b
                .handler("FirstState", counted(calls, "FirstState", input -> input))
                .handler("FirstMatchState", counted(calls, "FirstMatchState", input -> {
                    // The post's bug: this function needs Message to be a string, until a fix is deployed that
                    // accepts any JSON value.
                    if (fixDeployed.get()) {
                        return ((ObjectNode) input.deepCopy()).put("Message", input.path("Message").asText());
                    }
                    requireText(input, "Message");
                    return input;
                }))
                .handler("SecondMatchState", counted(calls, "SecondMatchState", input -> input))
                .handler("NextState", counted(calls, "NextState", input -> input))
                .handler("LambdaA", counted(calls, "LambdaA", input -> input))
                .handler("LambdaB", counted(calls, "LambdaB", input -> {
                    // The second Parallel's functions need a field foo.
                    if (!input.has("foo")) {
                        throw new IllegalArgumentException("foo is required: input=" + input);
                    }
                    return input;
                }))
                .handler("LambdaC", counted(calls, "LambdaC", input -> JSON.createObjectNode().put("done", true))))
                .build();

        // Example A: the Choice example of the Step Functions documentation, failing in FirstMatchState.
        System.out.println("  TestMachine");
        StateMachine testMachine = stratus.states().define("TestMachine", testMachine(stratus));
        ObjectNode fixedA = JSON.createObjectNode().put("foo", 1).put("Message", "Hello!");
        Resumed a = failAndResume(stratus, clock, testMachine, "{\"foo\": 1, \"Message\": true}", fixedA);
        System.out.println("    handler calls: " + calls);

        // Example B: two Parallel states; the second fails for lack of foo and restarts as a whole.
        System.out.println();
        System.out.println("  ParallelStateMachine");
        StateMachine parallelMachine = stratus.states().define("ParallelStateMachine", parallelMachine(stratus));
        Map<String, Integer> before = new TreeMap<>(calls);
        Resumed b = failAndResume(stratus, clock, parallelMachine, "{\"Message\": \"Hello!\"}", null);
        System.out.println("    handler calls during this example: " + difference(calls, before));

        // The same failure redriven natively, as AWS has allowed since 2023: the input cannot change, so the fix
        // goes into the function; the same execution continues and only the failed state runs again.
        System.out.println();
        System.out.println("  TestMachine, redriven");
        Execution failed = stratus.states().start(testMachine, "{\"foo\": 1, \"Message\": true}");
        clock.advance(Duration.ofSeconds(1));
        System.out.println("    run: " + failed.status() + " (" + failed.error().orElse("") + ")");
        fixDeployed.set(true);
        Map<String, Integer> beforeRedrive = new TreeMap<>(calls);
        failed.redrive();
        clock.advance(Duration.ofSeconds(1));
        Map<String, Integer> redriveCalls = difference(calls, beforeRedrive);
        System.out.println("    after the fix and redrive: " + failed.status() + ", redriveCount "
                + failed.redriveCount() + ", handler calls " + redriveCalls);
        System.out.println("    states entered: " + statesEntered(failed.historyJson()));
        if (failed.status() != ExecutionStatus.SUCCEEDED) {
            throw new IllegalStateException("redriven execution did not succeed: " + failed.describe());
        }

        return new Result(a.failure.stateName(), b.failure.stateName(), a.resumed.status(), b.resumed.status(),
                failed.status(), redriveCalls, Map.copyOf(calls));
    }

    /** A failed execution, where it failed, and its resumed twin. */
    private record Resumed(FailurePoint failure, Execution resumed) {
    }

    private static Resumed failAndResume(final Stratus stratus, final ManualClock clock, final StateMachine machine,
            final String badInput, final ObjectNode fixedInput) throws Exception {
        // Run the machine with the input that breaks it.
        Execution failed = stratus.states().start(machine, badInput);
        clock.advance(Duration.ofSeconds(1));
        System.out.println("    run with " + badInput + ": " + failed.status() + " (" + failed.error().orElse("")
                + ")");
        System.out.println("    states entered: " + statesEntered(failed.historyJson()));

        // Find the failure point from the execution's history, as the post's parseFailureHistory does.
        FailurePoint failure = GoToState.findFailure(failed.historyJson());
        System.out.println("    failure point: " + failure.stateName() + " (path " + failure.path() + "), its input "
                + JSON.writeValueAsString(failure.input()));

        // Print the failed execution as a graph, states coloured by status.
        System.out.println("    execution graph (Mermaid):");
        for (String line : ExecutionGraph.of(machine.definition(), failed.historyJson()).mermaid().split("\n")) {
            if (!line.contains("classDef")) {
                System.out.println("      " + line);
            }
        }

        // Rewrite the definition with a GoToState Choice at StartAt that jumps to the failed state when resuming
        // and otherwise runs from the original start; define it under the -with-GoToState name.
        JsonNode rewritten = GoToState.rewrite(machine.definition(), failure.stateName());
        StateMachine resumable = stratus.states().define(GoToState.machineName(machine.name()),
                JSON.writeValueAsString(rewritten));
        System.out.println("    defined " + resumable.name() + ": StartAt " + rewritten.path("StartAt").asText()
                + ", states " + fieldNames(rewritten.path("States")));

        // Fix the failed state's input (the post fixes it by hand) and start the new machine resuming there.
        ObjectNode fixed = fixedInput != null ? fixedInput : ((ObjectNode) failure.input().deepCopy()).put("foo", 1);
        Execution resumed = stratus.states().start(resumable, GoToState.resumeInput(fixed).toString());
        clock.advance(Duration.ofSeconds(1));
        System.out.println("    resumed with " + JSON.writeValueAsString(fixed) + ": " + resumed.status());
        System.out.println("    states entered: " + statesEntered(resumed.historyJson()));
        if (resumed.status() != ExecutionStatus.SUCCEEDED) {
            throw new IllegalStateException("resumed execution did not succeed: " + resumed.describe());
        }
        return new Resumed(failure, resumed);
    }

    private static String testMachine(final Stratus stratus) {
        String arn = stratus.arn("lambda", "function:").toString();
        return """
                {"Comment": "The Choice example of the Step Functions documentation",
                 "StartAt": "FirstState",
                 "States": {
                   "FirstState": {"Type": "Task", "Resource": "%1$sFirstState", "Next": "ChoiceState"},
                   "ChoiceState": {"Type": "Choice",
                     "Choices": [{"Variable": "$.foo", "NumericEquals": 1, "Next": "FirstMatchState"},
                                 {"Variable": "$.foo", "NumericEquals": 2, "Next": "SecondMatchState"}],
                     "Default": "DefaultState"},
                   "FirstMatchState": {"Type": "Task", "Resource": "%1$sFirstMatchState", "Next": "NextState"},
                   "SecondMatchState": {"Type": "Task", "Resource": "%1$sSecondMatchState", "Next": "NextState"},
                   "DefaultState": {"Type": "Fail", "Error": "DefaultStateError", "Cause": "No Matches!"},
                   "NextState": {"Type": "Task", "Resource": "%1$sNextState", "End": true}}}
                """.formatted(arn);
    }

    private static String parallelMachine(final Stratus stratus) {
        String arn = stratus.arn("lambda", "function:").toString();
        return """
                {"StartAt": "Parallel",
                 "States": {
                   "Parallel": {"Type": "Parallel", "ResultPath": "$.output", "Next": "Parallel 2",
                     "Branches": [
                       {"StartAt": "Parallel Step 1, Process 1", "States": {"Parallel Step 1, Process 1":
                         {"Type": "Task", "Resource": "%1$sLambdaA", "End": true}}},
                       {"StartAt": "Parallel Step 1, Process 2", "States": {"Parallel Step 1, Process 2":
                         {"Type": "Task", "Resource": "%1$sLambdaA", "End": true}}}]},
                   "Parallel 2": {"Type": "Parallel", "Next": "Final Processing",
                     "Branches": [
                       {"StartAt": "Parallel Step 2, Process 1", "States": {"Parallel Step 2, Process 1":
                         {"Type": "Task", "Resource": "%1$sLambdaB", "End": true}}},
                       {"StartAt": "Parallel Step 2, Process 2", "States": {"Parallel Step 2, Process 2":
                         {"Type": "Task", "Resource": "%1$sLambdaB", "End": true}}}]},
                   "Final Processing": {"Type": "Task", "Resource": "%1$sLambdaC", "End": true}}}
                """.formatted(arn);
    }

    private static TaskHandler counted(final Map<String, Integer> calls, final String name,
            final TaskHandler handler) {
        return input -> {
            calls.merge(name, 1, Integer::sum);
            return handler.handle(input);
        };
    }

    private static void requireText(final JsonNode input, final String field) {
        if (!input.path(field).isTextual()) {
            throw new IllegalArgumentException(field + " must be a string: " + field + "=" + input.path(field));
        }
    }

    /** The top-level and nested states entered, in history order, as {@code A > B > C}. */
    private static String statesEntered(final JsonNode history) {
        List<String> names = new ArrayList<>();
        for (JsonNode event : history.path("events")) {
            if (event.path("type").asText().endsWith("StateEntered")) {
                names.add(event.path("stateEnteredEventDetails").path("name").asText());
            }
        }
        return String.join(" > ", names);
    }

    private static List<String> fieldNames(final JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Map<String, Integer> difference(final Map<String, Integer> now, final Map<String, Integer> then) {
        Map<String, Integer> delta = new TreeMap<>();
        now.forEach((name, count) -> {
            int added = count - then.getOrDefault(name, 0);
            if (added > 0) {
                delta.put(name, added);
            }
        });
        return delta;
    }
}
