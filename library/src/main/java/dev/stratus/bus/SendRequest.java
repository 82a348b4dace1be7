package dev.stratus.bus;

import dev.stratus.core.internal.Checks;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One SQS SendMessage request: body, optional per-message delay, message attributes, and for FIFO queues the group
 * and deduplication ids. Checked against the queue's rules when sent.
 */
public final class SendRequest {
    private final String body;
    private final Duration delay;
    private final Map<String, MessageAttribute> messageAttributes;
    private final String messageGroupId;
    private final String messageDeduplicationId;

    private SendRequest(final Builder builder) {
        this.body = builder.body;
        this.delay = builder.delay;
        this.messageAttributes = Map.copyOf(builder.messageAttributes);
        this.messageGroupId = builder.messageGroupId;
        this.messageDeduplicationId = builder.messageDeduplicationId;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A request carrying just {@code body}. */
    public static SendRequest of(final String body) {
        return builder().body(body).build();
    }

    /** A builder holding this request's settings. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.body = body;
        builder.delay = delay;
        builder.messageAttributes.putAll(messageAttributes);
        builder.messageGroupId = messageGroupId;
        builder.messageDeduplicationId = messageDeduplicationId;
        return builder;
    }

    /** The message body. */
    public String body() {
        return body;
    }

    /** The per-message delay, or null for the queue's default. */
    public Duration delay() {
        return delay;
    }

    /** The message attributes. */
    public Map<String, MessageAttribute> messageAttributes() {
        return messageAttributes;
    }

    /** The FIFO group id, or null. */
    public String messageGroupId() {
        return messageGroupId;
    }

    /** The FIFO deduplication id, or null. */
    public String messageDeduplicationId() {
        return messageDeduplicationId;
    }

    /** Settings for a {@link SendRequest}. */
    public static final class Builder {
        private String body;
        private Duration delay;
        private final Map<String, MessageAttribute> messageAttributes = new LinkedHashMap<>();
        private String messageGroupId;
        private String messageDeduplicationId;

        private Builder() {
        }

        /** The body (required). */
        public Builder body(final String body) {
            this.body = Objects.requireNonNull(body, "body");
            return this;
        }

        /**
         * A per-message delay (standard queues only), 0 to 900 seconds.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder delay(final Duration delay) {
            this.delay = Checks.nonNegative(delay, "delay");
            return this;
        }

        /** Adds a message attribute. */
        public Builder messageAttribute(final String name, final MessageAttribute attribute) {
            messageAttributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(attribute, "attribute"));
            return this;
        }

        /** Replaces the message attributes. */
        public Builder messageAttributes(final Map<String, MessageAttribute> attributes) {
            messageAttributes.clear();
            messageAttributes.putAll(Objects.requireNonNull(attributes, "attributes"));
            return this;
        }

        /** The FIFO group id. */
        public Builder messageGroupId(final String messageGroupId) {
            this.messageGroupId = Objects.requireNonNull(messageGroupId, "messageGroupId");
            return this;
        }

        /** The FIFO deduplication id. */
        public Builder messageDeduplicationId(final String messageDeduplicationId) {
            this.messageDeduplicationId = Objects.requireNonNull(messageDeduplicationId, "messageDeduplicationId");
            return this;
        }

        /**
         * Builds the request.
         *
         * @throws IllegalStateException if no body was set
         */
        public SendRequest build() {
            Checks.state(body != null, "body is required: body=null");
            return new SendRequest(this);
        }
    }
}
