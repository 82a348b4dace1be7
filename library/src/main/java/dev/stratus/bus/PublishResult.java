package dev.stratus.bus;

import dev.stratus.bus.internal.MessageId;
import java.util.Objects;

/**
 * What Publish returns: the message id (for a deduplicated FIFO publish, the original's id) and, on FIFO topics,
 * the sequence number. The id's text is formatted on first read, so publishers that ignore it do not pay for it.
 */
public final class PublishResult {
    private final MessageId messageId;
    private final String sequenceNumber;

    /**
     * A result with a known id.
     *
     * @param messageId the message id
     * @param sequenceNumber the FIFO sequence number, or null for standard topics
     */
    public PublishResult(final String messageId, final String sequenceNumber) {
        this(MessageId.of(messageId), sequenceNumber);
    }

    PublishResult(final MessageId messageId, final String sequenceNumber) {
        this.messageId = messageId;
        this.sequenceNumber = sequenceNumber;
    }

    /** The message id (for a deduplicated FIFO publish, the original's id). */
    public String messageId() {
        return messageId.text();
    }

    /** The FIFO sequence number, or null for standard topics. */
    public String sequenceNumber() {
        return sequenceNumber;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof PublishResult that && messageId().equals(that.messageId())
                && Objects.equals(sequenceNumber, that.sequenceNumber);
    }

    @Override
    public int hashCode() {
        return Objects.hash(messageId(), sequenceNumber);
    }

    @Override
    public String toString() {
        return "PublishResult[messageId=" + messageId() + ", sequenceNumber=" + sequenceNumber + "]";
    }
}
