package dev.stratus.metrics;

import java.time.Instant;

/**
 * What DescribeAlarms reports for one alarm: its configuration and its current state.
 *
 * @param metricAlarm the configuration of a metric alarm, or null
 * @param compositeAlarm the configuration of a composite alarm, or null
 * @param state the state
 * @param stateReason the reason text
 * @param stateReasonData the reason data JSON, or null
 * @param stateUpdated when the state was last set, transition or not
 * @param stateTransitioned when the state last changed
 * @param configurationUpdated when the configuration last changed
 * @param actionsEnabled whether actions run (Enable/DisableAlarmActions)
 */
public record AlarmStatus(MetricAlarm metricAlarm, CompositeAlarm compositeAlarm, AlarmState state,
        String stateReason, String stateReasonData, Instant stateUpdated, Instant stateTransitioned,
        Instant configurationUpdated, boolean actionsEnabled) {

    /** The alarm's name. */
    public String name() {
        return metricAlarm != null ? metricAlarm.name() : compositeAlarm.name();
    }
}
