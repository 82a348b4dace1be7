package dev.stratus.bus;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A notification as a function subscriber receives it (the {@code Sns} part of a Lambda event). Immutable and
 * shared by every function subscription of one publish; the id's text and the timestamp are made on first read, so
 * a subscriber that reads only the message pays for nothing else.
 */
public final class Notification {
    private final Published published;

    Notification(final Published published) {
        this.published = published;
    }

    /** The published message's id. */
    public String messageId() {
        return published.text();
    }

    /** The topic ARN. */
    public String topicArn() {
        return published.topic.arn();
    }

    /** The subject, or null. */
    public String subject() {
        return published.subject;
    }

    /** The message: the {@code lambda} or {@code default} entry with {@code MessageStructure=json}. */
    public String message() {
        return published.messageFor("lambda");
    }

    /** When it was published, on the bus clock. */
    public Instant timestamp() {
        return Instant.ofEpochMilli(published.timestampMillis);
    }

    /** The message attributes. */
    public Map<String, MessageAttribute> messageAttributes() {
        return published.attributes;
    }

    /** The FIFO group id, or null. */
    public String messageGroupId() {
        return published.groupId;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Notification that && messageId().equals(that.messageId())
                && topicArn().equals(that.topicArn()) && Objects.equals(subject(), that.subject())
                && message().equals(that.message()) && timestamp().equals(that.timestamp())
                && messageAttributes().equals(that.messageAttributes())
                && Objects.equals(messageGroupId(), that.messageGroupId());
    }

    @Override
    public int hashCode() {
        return messageId().hashCode();
    }

    @Override
    public String toString() {
        return "Notification[messageId=" + messageId() + ", topicArn=" + topicArn() + ", subject=" + subject()
                + ", message=" + message() + ", timestamp=" + timestamp() + ", messageGroupId=" + messageGroupId()
                + "]";
    }
}
