package dev.stratus.metrics;

/** An alarm's state, as CloudWatch names it. */
public enum AlarmState {
    /** The metric or expression is within the threshold. */
    OK,
    /** The metric or expression is outside the threshold. */
    ALARM,
    /** Not enough data to decide; every alarm starts here. */
    INSUFFICIENT_DATA
}
