package dev.stratus.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.core.ManualClock;
import dev.stratus.core.RandomSource;
import dev.stratus.core.StratusException;
import dev.stratus.core.internal.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** JSONata mode and Assign variables end to end: timing, scopes, catchers, errors. */
class JsonataExecutionTest {
    private final States states = States.builder().clock(ManualClock.at(Instant.parse("2025-01-01T00:00:00Z")))
            .random(RandomSource.seeded(1)).errorHandler(e -> { }).build();

    private static String json(final String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private Execution run(final String definition, final String input) {
        return states.start(states.define("m" + System.nanoTime(), json(definition)), json(input));
    }

    @Test
    void shouldReadVariablesAsTheyWereWhenTheStateWasEntered() {
        Execution e = run("{'QueryLanguage':'JSONata','StartAt':'A','States':{"
                + "'A':{'Type':'Pass','Assign':{'x':5},'Next':'B'},"
                + "'B':{'Type':'Pass','Assign':{'x':42,'was':'{% $x %}'},'Output':{'x':'{% $x %}'},'Next':'C'},"
                + "'C':{'Type':'Pass','Output':{'x':'{% $x %}','was':'{% $was %}','in':'{% $states.input %}'},"
                + "'End':true}}}", "{'a':1}");
        assertEquals(ExecutionStatus.SUCCEEDED, e.status());
        assertEquals("{\"x\":42,\"was\":5,\"in\":{\"x\":5}}", Json.write(e.output().orElseThrow()));
        HistoryEvent exitedB = e.history().stream().filter(h -> h.type().equals("PassStateExited")).toList().get(1);
        assertEquals("{\"x\":\"42\",\"was\":\"5\"}", Json.write(exitedB.details().get("assignedVariables")));
    }

    @Test
    void shouldFailAStateWhoseAssignExceedsTheVariableSizeLimits() {
        StateMachine doubled = states.define("doubled", json("{'QueryLanguage':'JSONata','StartAt':'A','States':{"
                + "'A':{'Type':'Pass','Assign':{'a':'{% $states.input.s & $states.input.s %}'},'End':true}}}"));
        Execution single = states.start(doubled, "{\"s\":\"" + "x".repeat(131_073) + "\"}");
        assertEquals(ExecutionStatus.FAILED, single.status());
        assertEquals("States.DataLimitExceeded", single.error().orElseThrow());
        assertTrue(single.cause().orElseThrow().contains("The variable 'a' has a size of 262148 bytes"),
                single.cause().orElseThrow());
        StateMachine twice = states.define("twice", json("{'QueryLanguage':'JSONata','StartAt':'A','States':{"
                + "'A':{'Type':'Pass','Assign':{'a':'{% $states.input.s %}','b':'{% $states.input.s %}'},"
                + "'Next':'B'},'B':{'Type':'Pass','Output':'{% $length($a) %}','End':true}}}"));
        Execution together = states.start(twice, "{\"s\":\"" + "x".repeat(150_000) + "\"}");
        assertEquals("States.DataLimitExceeded", together.error().orElseThrow());
        assertTrue(together.cause().orElseThrow().contains("[a, b] assigned together have a size of 300004 bytes"),
                together.cause().orElseThrow());
        Execution fits = states.start(twice, "{\"s\":\"" + "x".repeat(1000) + "\"}");
        assertEquals("1000", Json.write(fits.output().orElseThrow()));
    }

    @Test
    void shouldFailWhenTheExecutionsVariablesExceedTenMebibytes() {
        StringBuilder machine = new StringBuilder("{'QueryLanguage':'JSONata','StartAt':'S1','States':{");
        for (int i = 1; i <= 45; i++) {
            machine.append("'S").append(i).append("':{'Type':'Pass','Assign':{'v").append(i)
                    .append("':'{% $states.input.s %}'},").append(i < 45 ? "'Next':'S" + (i + 1) + "'" : "'End':true")
                    .append(i < 45 ? "}," : "}");
        }
        StateMachine many = states.define("many", json(machine.append("}}").toString()));
        Execution e = states.start(many, "{\"s\":\"" + "x".repeat(250_000) + "\"}");
        assertEquals(ExecutionStatus.FAILED, e.status());
        assertEquals("States.DataLimitExceeded", e.error().orElseThrow());
        // 41 variables of 250,002 bytes fit in 10 MiB, the 42nd does not
        assertTrue(e.cause().orElseThrow().contains("[v42] would bring the execution's variables to 10500084 bytes"),
                e.cause().orElseThrow());
    }

    @Test
    void shouldLetBranchesReadButNotLeakVariables() {
        Execution e = run("{'QueryLanguage':'JSONata','StartAt':'A','States':{"
                + "'A':{'Type':'Pass','Assign':{'outer':1},'Next':'P'},"
                + "'P':{'Type':'Parallel','Branches':[{'StartAt':'B','States':{'B':{'Type':'Pass',"
                + "'Assign':{'inner':'{% $outer + 1 %}'},'Output':'{% $outer %}','End':true}}}],'Next':'C'},"
                + "'C':{'Type':'Pass','Output':'{% $inner %}','End':true}}}", "{}");
        assertEquals(ExecutionStatus.FAILED, e.status());
        assertEquals("States.QueryEvaluationError", e.error().orElseThrow());
        assertEquals("An error occurred while executing the state 'C' (entered at the event id #9). The JSONata "
                + "expression '$inner' specified for the field 'Output' returned nothing (undefined).",
                e.cause().orElseThrow());
        assertTrue(e.history().stream().anyMatch(h -> h.type().equals("EvaluationFailed")));
    }

    @Test
    void shouldUseTheCatchersAssignAndOutputInsteadOfTheStates() {
        Execution e = run("{'QueryLanguage':'JSONata','StartAt':'F','States':{"
                + "'F':{'Type':'Task','Resource':'arn:aws:lambda:us-east-1:111111111111:function:none',"
                + "'Assign':{'from':'state'},'Catch':[{'ErrorEquals':['States.ALL'],'Assign':{'from':'catch',"
                + "'err':'{% $states.errorOutput.Error %}'},'Output':{'e':'{% $states.errorOutput.Error %}'},"
                + "'Next':'C'}],'End':true},"
                + "'C':{'Type':'Pass','Output':{'from':'{% $from %}','err':'{% $err %}','in':'{% $states.input %}'},"
                + "'End':true}}}", "{}");
        assertEquals(ExecutionStatus.SUCCEEDED, e.status());
        String out = Json.write(e.output().orElseThrow());
        assertEquals("{\"from\":\"catch\",\"err\":\"Lambda.ResourceNotFoundException\","
                + "\"in\":{\"e\":\"Lambda.ResourceNotFoundException\"}}", out);
    }

    @Test
    void shouldFailWithAwsTypeErrorsAndEvaluateTheAwsFunctions() {
        Execution bad = run("{'QueryLanguage':'JSONata','StartAt':'C','States':{'C':{'Type':'Choice',"
                + "'Choices':[{'Condition':'{% $states.input.n %}','Next':'D'}],'Default':'D'},"
                + "'D':{'Type':'Succeed'}}}", "{'n':1}");
        assertEquals("An error occurred while executing the state 'C' (entered at the event id #2). The JSONata "
                + "expression '$states.input.n' specified for the field 'Condition' returned an unexpected result "
                + "type. Expected 'boolean', but was 'number' for value: 1", bad.cause().orElseThrow());
        Execution ok = states.start(states.define("fns", json("{'QueryLanguage':'JSONata','StartAt':'P','States':{"
                + "'P':{'Type':'Pass','Output':{'p':'{% $partition([1,2,3], 2) %}','r':'{% $range(1, 5, 2) %}',"
                + "'h':'{% $hash($states.input.s, $states.input.alg) %}','j':'{% $parse($states.input.j) %}'},"
                + "'End':true}}}")), "{\"s\":\"a\",\"alg\":\"SHA-1\",\"j\":\"{\\\"k\\\":1}\"}");
        assertEquals("{\"p\":[[1,2],[3]],\"r\":[1,3,5],\"h\":\"86f7e437faa5a7fce15d1ddcb9eaeaea377667b8\","
                + "\"j\":{\"k\":1}}", Json.write(ok.output().orElseThrow()));
    }

    @Test
    void shouldRejectEvalAndNewerOperatorsWhenDefined() {
        for (String expr : new String[] {"$eval($states.input.e)", "$states.input.a ?? 1", "$states.input.a ?: 1"}) {
            StratusException e = assertThrows(StratusException.class, () -> states.define("bad",
                    json("{'QueryLanguage':'JSONata','StartAt':'P','States':{'P':{'Type':'Pass','Output':'{% "
                            + expr + " %}','End':true}}}")));
            assertTrue(e.getMessage().contains("not supported"), e.getMessage());
        }
    }
}
