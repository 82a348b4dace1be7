package dev.stratus.metrics;

/**
 * A message attached to a GetMetricData result, such as {@code MultipleUnits}.
 *
 * @param code the message code
 * @param value the message text
 */
public record MessageData(String code, String value) {
}
