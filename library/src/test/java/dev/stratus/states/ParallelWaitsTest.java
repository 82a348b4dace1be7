package dev.stratus.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.core.ManualClock;
import dev.stratus.core.RandomSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Waits that end at one instant (a Parallel's branches waiting the same time) end one after another in the order they
 * began, each followed by the work it leads to before the next ends, exactly as separate clock timers fire.
 */
class ParallelWaitsTest {
    private final ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
    private final List<String> log = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();

    private States states() {
        return States.builder().clock(clock).random(RandomSource.seeded(1)).errorHandler(errors::add)
                .handler("Log", this::log)
                .handler("Foreign", input -> {
                    // another component's timer, due with the Waits around it
                    clock.schedule(Duration.ofSeconds(1), () -> log.add("foreign"));
                    return input;
                })
                .build();
    }

    private JsonNode log(final JsonNode input) {
        log.add(input.get("branch").asText());
        return input;
    }

    private static String waitThenLog(final String branch) {
        return "{'StartAt':'W" + branch + "','States':{'W" + branch + "':{'Type':'Wait','Seconds':1,'Next':'L"
                + branch + "'},'L" + branch + "':{'Type':'Task','Resource':"
                + "'arn:aws:lambda:us-east-1:123456789012:function:Log','Parameters':{'branch':'" + branch
                + "'},'End':true}}}";
    }

    private static String parallel(final String... branches) {
        return ("{'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[" + String.join(",", branches)
                + "]}}}").replace('\'', '"');
    }

    @Test
    void shouldEndWaitsOfOneInstantInOrderEachFollowedByItsWork() {
        States states = states();
        StateMachine machine = states.define("fan", parallel(waitThenLog("a"), waitThenLog("b"), waitThenLog("c")));
        Execution run = states.start(machine, "{}");
        assertEquals(1, clock.pendingTimers(), "three Waits ending at one instant share one clock timer");

        clock.advance(Duration.ofSeconds(1));

        assertEquals(ExecutionStatus.SUCCEEDED, run.status());
        assertEquals(List.of("a", "b", "c"), log);
        List<String> states0 = run.history().stream()
                .filter(e -> e.type().endsWith("StateExited") && !e.type().startsWith("Parallel"))
                .map(e -> e.details().get("name").asText()).toList();
        // each branch's Task exits before the next branch's Wait does
        assertEquals(List.of("Wa", "La", "Wb", "Lb", "Wc", "Lc"), states0);
        assertTrue(errors.isEmpty(), errors::toString);
    }

    @Test
    void shouldKeepATimerScheduledByAHandlerBetweenWaitsInItsPlace() {
        States states = states();
        String foreignThenWait = "{'StartAt':'F','States':{'F':{'Type':'Task','Resource':"
                + "'arn:aws:lambda:us-east-1:123456789012:function:Foreign','Next':'Wb'},'Wb':{'Type':'Wait',"
                + "'Seconds':1,'Next':'Lb'},'Lb':{'Type':'Task','Resource':"
                + "'arn:aws:lambda:us-east-1:123456789012:function:Log','Parameters':{'branch':'b'},'End':true}}}";
        StateMachine machine = states.define("fan", parallel(waitThenLog("a"), foreignThenWait, waitThenLog("c")));
        Execution run = states.start(machine, "{}");

        clock.advance(Duration.ofSeconds(1));

        assertEquals(ExecutionStatus.SUCCEEDED, run.status());
        // a's Wait began before the handler's timer, c's and b's after it
        assertEquals(List.of("a", "foreign", "c", "b"), log);
    }

    @Test
    void shouldCancelTheSharedTimerWhenTheExecutionStops() {
        States states = states();
        StateMachine machine = states.define("fan", parallel(waitThenLog("a"), waitThenLog("b")));
        Execution run = states.start(machine, "{}");

        run.stop("Stopped", "by the test");

        assertEquals(ExecutionStatus.ABORTED, run.status());
        assertEquals(0, clock.pendingTimers());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(), log);
    }

    @Test
    void shouldNotEndTheWaitsOfBranchesAbortedByAFailureAtTheSameInstant() {
        States states = states();
        String waitThenFail = "{'StartAt':'Wa','States':{'Wa':{'Type':'Wait','Seconds':1,'Next':'X'},"
                + "'X':{'Type':'Fail','Error':'Boom','Cause':'first branch'}}}";
        StateMachine machine = states.define("fan", parallel(waitThenFail, waitThenLog("b"), waitThenLog("c")));
        Execution run = states.start(machine, "{}");

        clock.advance(Duration.ofSeconds(1));

        assertEquals(ExecutionStatus.FAILED, run.status());
        assertEquals("Boom", run.error().orElseThrow());
        assertEquals(List.of(), log);
        assertEquals(0, clock.pendingTimers());
    }
}
