package dev.stratus.samples;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.states.ExecutionStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class SamplesTest {

    @TestFactory
    Stream<DynamicTest> shouldRunEverySample() {
        return Tour.STOPS.stream().map(stop -> DynamicTest.dynamicTest(stop.title(),
                () -> assertDoesNotThrow(() -> stop.sample().run())));
    }

    @Test
    void shouldFireTheQuickStartAlarmIntoTheQueue() throws Exception {
        assertEquals("execution SUCCEEDED, alarm ALARM, notification in the queue", QuickStart.run());
    }

    @Test
    void shouldCountTheTransitionsOfThePostFromTheHistory() throws Exception {
        HighResolutionMetrics.Result result = HighResolutionMetrics.run();

        assertEquals(60, result.executions());
        assertEquals(26, result.transitionsPerExecution());
        assertEquals(37_440, result.transitionsPerDay());
        assertEquals(0, new BigDecimal("0.936").compareTo(result.dailyCost()), result.dailyCost().toString());
        assertEquals(60 * 12, result.functionCalls());
        assertEquals(5, result.alarmTransitions());
        assertEquals(6, result.instancesAtEnd());
    }

    @Test
    void shouldShipTheOrderAndCatchTheDeclinedCardOfTheBuiltMachine() throws Exception {
        OrderWorkflow.Result result = OrderWorkflow.run();

        assertEquals(ExecutionStatus.SUCCEEDED, result.shipped());
        assertEquals(3, result.parcels());
        // the first charge met a busy gateway and was retried; the declined card was charged once
        assertEquals(3, result.chargeCalls());
        assertEquals(ExecutionStatus.FAILED, result.declined());
        assertEquals("Payment.Declined", result.declinedError());
        assertTrue(result.definition().startsWith("{\"Comment\":\"Validate, charge while reserving stock"),
                result.definition());
    }

    @Test
    void shouldAccountForEveryFannedOutMessage() {
        EventDrivenFanOut.Result result = EventDrivenFanOut.run();

        assertEquals(6, result.published());
        assertEquals(11, result.delivered());
        assertEquals(6, result.indexed());
        assertEquals(4, result.converted());
        assertEquals(1, result.deadLettered());
        // the crashed worker's message once, the poison message twice before the dead-letter queue took it
        assertEquals(3, result.redelivered());
    }

    @Test
    void shouldCopyEveryLogFileDespiteASpotInterruption() throws Exception {
        ScheduledTask.Result result = ScheduledTask.run();

        assertEquals(8, result.runs());
        assertEquals(1, result.interrupted());
        assertEquals(24, result.logFiles());
        assertEquals(24, result.copied());
    }

    @Test
    void shouldResumeBothMachinesWithoutRerunningEarlierStates() throws Exception {
        ResumeFromAnyState.Result result = ResumeFromAnyState.run();

        assertEquals("FirstMatchState", result.testMachineFailedAt());
        assertEquals("Parallel 2", result.parallelMachineFailedAt());
        assertEquals(ExecutionStatus.SUCCEEDED, result.testMachineResumed());
        assertEquals(ExecutionStatus.SUCCEEDED, result.parallelMachineResumed());
        // each example ran FirstState once: neither resuming nor redriving re-ran it
        assertEquals(2, result.calls().get("FirstState"));
        assertEquals(4, result.calls().get("FirstMatchState"));
        assertEquals(2, result.calls().get("NextState"));
        assertEquals(ExecutionStatus.SUCCEEDED, result.redriven());
        assertEquals(java.util.Map.of("FirstMatchState", 1, "NextState", 1), result.redriveCalls());
        assertEquals(2, result.calls().get("LambdaA"));
        assertEquals(4, result.calls().get("LambdaB"));
        assertEquals(1, result.calls().get("LambdaC"));
    }

    @Test
    void shouldAlarmOnTheP99WhileTheTailIsSlowAndRecover() throws Exception {
        MetricsAlarms.Result result = MetricsAlarms.run();

        assertTrue(result.peakP99() > 400, () -> "p99 " + result.peakP99());
        assertEquals(List.of("OK", "ALARM", "OK"), result.transitions());
        // OK actions run on every transition to OK, the first one from INSUFFICIENT_DATA included
        assertEquals(3, result.notifications());
    }

    @Test
    void shouldFireTimersInDeadlineOrder() {
        assertEquals("3 timers fired in deadline order: 30 s, 5 min, hourly", ClockBasics.run());
    }

    @Test
    void shouldRunTheTour() throws Exception {
        assertFalse(Tour.STOPS.isEmpty());
        Tour.main();
    }
}
