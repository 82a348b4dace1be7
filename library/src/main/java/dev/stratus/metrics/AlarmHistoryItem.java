package dev.stratus.metrics;

import java.time.Instant;

/**
 * One DescribeAlarmHistory item.
 *
 * @param alarmName the alarm
 * @param alarmType {@code MetricAlarm} or {@code CompositeAlarm}
 * @param timestamp when it happened
 * @param itemType {@code StateUpdate}, {@code ConfigurationUpdate} or {@code Action}
 * @param summary the human summary, e.g. {@code Alarm updated from INSUFFICIENT_DATA to ALARM}
 * @param historyData the JSON details
 */
public record AlarmHistoryItem(String alarmName, String alarmType, Instant timestamp, String itemType,
        String summary, String historyData) {
}
