package dev.stratus.bus;

import dev.stratus.bus.internal.Digests;
import dev.stratus.bus.internal.MessageId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message as ReceiveMessage returns it. Immutable; the checksum and attribute map are computed on first use.
 */
public final class ReceivedMessage {
    private final MessageId messageId;
    private final String receiptHandle;
    private final String body;
    private final int receiveCount;
    private final long sentMillis;
    private final long firstReceiveMillis;
    private final String groupId;
    private final String deduplicationId;
    private final String sequenceNumber;
    private final String deadLetterSourceArn;
    private final Map<String, MessageAttribute> messageAttributes;
    private volatile String md5OfBody;
    private volatile Map<String, String> attributes;

    ReceivedMessage(final MessageId messageId, final String receiptHandle, final String body, final int receiveCount,
            final long sentMillis, final long firstReceiveMillis, final String groupId, final String deduplicationId,
            final String sequenceNumber, final String deadLetterSourceArn,
            final Map<String, MessageAttribute> messageAttributes) {
        this.messageId = messageId;
        this.receiptHandle = receiptHandle;
        this.body = body;
        this.receiveCount = receiveCount;
        this.sentMillis = sentMillis;
        this.firstReceiveMillis = firstReceiveMillis;
        this.groupId = groupId;
        this.deduplicationId = deduplicationId;
        this.sequenceNumber = sequenceNumber;
        this.deadLetterSourceArn = deadLetterSourceArn;
        this.messageAttributes = messageAttributes;
    }

    /** The id given when the message was sent. */
    public String messageId() {
        return messageId.text();
    }

    /** The handle for delete and change-visibility calls; new on every receive. */
    public String receiptHandle() {
        return receiptHandle;
    }

    /** The body. */
    public String body() {
        return body;
    }

    /** Hex MD5 of the body, as SQS reports it. */
    public String md5OfBody() {
        String md5 = md5OfBody;
        if (md5 == null) {
            md5 = Digests.md5Hex(body);
            md5OfBody = md5;
        }
        return md5;
    }

    /** {@code ApproximateReceiveCount}: how many times the message has been received, this time included. */
    public int receiveCount() {
        return receiveCount;
    }

    /** The message attributes. */
    public Map<String, MessageAttribute> messageAttributes() {
        return messageAttributes;
    }

    /**
     * System attributes: {@code ApproximateReceiveCount}, {@code SentTimestamp},
     * {@code ApproximateFirstReceiveTimestamp}, for FIFO {@code MessageGroupId}, {@code MessageDeduplicationId},
     * {@code SequenceNumber}, and for dead-lettered messages {@code DeadLetterQueueSourceArn}.
     */
    public Map<String, String> attributes() {
        Map<String, String> map = attributes;
        if (map == null) {
            Map<String, String> built = new LinkedHashMap<>();
            built.put("ApproximateReceiveCount", Integer.toString(receiveCount));
            built.put("SentTimestamp", Long.toString(sentMillis));
            built.put("ApproximateFirstReceiveTimestamp", Long.toString(firstReceiveMillis));
            if (groupId != null) {
                built.put("MessageGroupId", groupId);
                built.put("MessageDeduplicationId", deduplicationId);
                built.put("SequenceNumber", sequenceNumber);
            }
            if (deadLetterSourceArn != null) {
                built.put("DeadLetterQueueSourceArn", deadLetterSourceArn);
            }
            map = Map.copyOf(built);
            attributes = map;
        }
        return map;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof ReceivedMessage that && receiptHandle.equals(that.receiptHandle);
    }

    @Override
    public int hashCode() {
        return Objects.hash(receiptHandle);
    }

    @Override
    public String toString() {
        return "ReceivedMessage[messageId=" + messageId + ", receiveCount=" + receiveCount + ", body=" + body + "]";
    }
}
