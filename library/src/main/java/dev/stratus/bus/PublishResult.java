package dev.stratus.bus;

/**
 * What Publish returns.
 *
 * @param messageId the message id (for a deduplicated FIFO publish, the original's id)
 * @param sequenceNumber the FIFO sequence number, or null for standard topics
 */
public record PublishResult(String messageId, String sequenceNumber) {
}
