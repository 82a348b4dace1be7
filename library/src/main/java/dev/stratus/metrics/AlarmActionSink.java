package dev.stratus.metrics;

/**
 * Where alarm actions go: on each state transition with actions enabled, the engine calls
 * {@link #deliver(String, String)} once per action ARN of the new state with CloudWatch's alarm message (the JSON
 * an SNS topic receives). The facade wires this to the Bus; alone, it is any Java function.
 */
@FunctionalInterface
public interface AlarmActionSink {
    /** Delivers {@code message} (CloudWatch's alarm notification JSON) to the action {@code actionArn}. */
    void deliver(String actionArn, String message);

    /** A sink that drops everything. */
    static AlarmActionSink none() {
        return (arn, message) -> { };
    }
}
