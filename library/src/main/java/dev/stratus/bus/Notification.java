package dev.stratus.bus;

import java.time.Instant;
import java.util.Map;

/**
 * A notification as a function subscriber receives it (the {@code Sns} part of a Lambda event).
 *
 * @param messageId the published message's id
 * @param topicArn the topic
 * @param subject the subject, or null
 * @param message the message (the {@code lambda} or {@code default} entry with {@code MessageStructure=json})
 * @param timestamp when it was published, on the bus clock
 * @param messageAttributes the message attributes
 * @param messageGroupId the FIFO group id, or null
 */
public record Notification(String messageId, String topicArn, String subject, String message,
        Instant timestamp, Map<String, MessageAttribute> messageAttributes, String messageGroupId) {
}
