package dev.stratus.bus;

/**
 * What SendMessage returns.
 *
 * @param messageId the message id (for a deduplicated FIFO send, the original message's id)
 * @param md5OfMessageBody hex MD5 of the body, as SQS reports it
 * @param sequenceNumber the FIFO sequence number, or null for standard queues
 */
public record SendResult(String messageId, String md5OfMessageBody, String sequenceNumber) {
}
