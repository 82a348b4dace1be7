package dev.stratus.bus;

import java.util.Map;

/**
 * A message as ReceiveMessage returns it.
 *
 * @param messageId the id given when the message was sent
 * @param receiptHandle the handle for delete and change-visibility calls; new on every receive
 * @param body the body
 * @param md5OfBody hex MD5 of the body
 * @param attributes system attributes: {@code ApproximateReceiveCount}, {@code SentTimestamp},
 *     {@code ApproximateFirstReceiveTimestamp}, and for FIFO {@code MessageGroupId},
 *     {@code MessageDeduplicationId}, {@code SequenceNumber}; dead-lettered messages add
 *     {@code DeadLetterQueueSourceArn}
 * @param messageAttributes the message attributes
 */
public record ReceivedMessage(String messageId, String receiptHandle, String body, String md5OfBody,
        Map<String, String> attributes, Map<String, MessageAttribute> messageAttributes) {

    /** Copies the maps. */
    public ReceivedMessage {
        attributes = Map.copyOf(attributes);
        messageAttributes = Map.copyOf(messageAttributes);
    }

    /** {@code ApproximateReceiveCount} as a number. */
    public int receiveCount() {
        return Integer.parseInt(attributes.getOrDefault("ApproximateReceiveCount", "0"));
    }
}
