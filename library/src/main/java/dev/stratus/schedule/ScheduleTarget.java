package dev.stratus.schedule;

/**
 * What a rule runs when it fires: start an execution, publish to a topic, send to a queue, call a function.
 * The {@code Stratus} facade makes targets for its engines; any Java function can be one. A target that throws is
 * reported to the scheduler's error handler and the rule keeps its schedule.
 */
@FunctionalInterface
public interface ScheduleTarget {
    /** Runs one firing. */
    void invoke(Invocation invocation) throws Exception;
}
