package dev.stratus.bus.internal;

import dev.stratus.bus.MessageAttribute;
import java.util.Map;

/**
 * A message stored in a queue, with its mutable SQS bookkeeping; guarded by the owning queue's lock once the queue
 * has taken it (a standard queue's lock-free inbox hands it over with a release/acquire pair).
 */
public final class QueuedMessage {
    public final MessageId messageId;
    public final String body;
    public final Map<String, MessageAttribute> messageAttributes;
    public final String groupId;
    public final String deduplicationId;
    /** Arrival order in the queue; a standard queue assigns it when it takes the message from its inbox. */
    public long sequence;
    public final long sentMillis;
    public final long sentNanos;
    public long visibleAtNanos;
    public int receiveCount;
    public long firstReceiveMillis;
    public String receiptHandle;
    public boolean inflight;
    public boolean deleted;
    public String deadLetterSourceArn;
    /** The slot in the queue's {@link ExpiryHeap} while in flight, else -1. */
    public int heapIndex = -1;

    public QueuedMessage(final MessageId messageId, final String body, final Map<String, MessageAttribute> attributes,
            final String groupId, final String deduplicationId, final long sequence, final long sentMillis,
            final long sentNanos, final long visibleAtNanos) {
        this.messageId = messageId;
        this.body = body;
        this.messageAttributes = attributes;
        this.groupId = groupId;
        this.deduplicationId = deduplicationId;
        this.sequence = sequence;
        this.sentMillis = sentMillis;
        this.sentNanos = sentNanos;
        this.visibleAtNanos = visibleAtNanos;
    }
}
