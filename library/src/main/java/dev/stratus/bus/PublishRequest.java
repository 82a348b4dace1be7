package dev.stratus.bus;

import dev.stratus.core.internal.Checks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One SNS Publish request. Checked against the topic's rules when published: message size (256 KiB with
 * attributes), attribute names and values, {@code MessageStructure=json}, and for FIFO topics the group and
 * deduplication ids.
 */
public final class PublishRequest {
    private final String message;
    private final String subject;
    private final boolean jsonStructure;
    private final Map<String, MessageAttribute> messageAttributes;
    private final String messageGroupId;
    private final String messageDeduplicationId;

    private PublishRequest(final Builder builder) {
        this.message = builder.message;
        this.subject = builder.subject;
        this.jsonStructure = builder.jsonStructure;
        this.messageAttributes = Map.copyOf(builder.messageAttributes);
        this.messageGroupId = builder.messageGroupId;
        this.messageDeduplicationId = builder.messageDeduplicationId;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A request carrying just {@code message}. */
    public static PublishRequest of(final String message) {
        return builder().message(message).build();
    }

    /** A builder holding this request's settings. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.message = message;
        builder.subject = subject;
        builder.jsonStructure = jsonStructure;
        builder.messageAttributes.putAll(messageAttributes);
        builder.messageGroupId = messageGroupId;
        builder.messageDeduplicationId = messageDeduplicationId;
        return builder;
    }

    /** The message, or with {@link #jsonStructure()} a JSON object of per-protocol messages. */
    public String message() {
        return message;
    }

    /** The subject, or null. */
    public String subject() {
        return subject;
    }

    /** Whether {@code MessageStructure=json}. */
    public boolean jsonStructure() {
        return jsonStructure;
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

    /** Settings for a {@link PublishRequest}. */
    public static final class Builder {
        private String message;
        private String subject;
        private boolean jsonStructure;
        private final Map<String, MessageAttribute> messageAttributes = new LinkedHashMap<>();
        private String messageGroupId;
        private String messageDeduplicationId;

        private Builder() {
        }

        /** The message (required). */
        public Builder message(final String message) {
            this.message = Objects.requireNonNull(message, "message");
            return this;
        }

        /** The subject used by email endpoints and carried in the envelope. */
        public Builder subject(final String subject) {
            this.subject = Objects.requireNonNull(subject, "subject");
            return this;
        }

        /**
         * {@code MessageStructure=json}: the message is a JSON object with a {@code default} string and optional
         * per-protocol strings ({@code sqs}, {@code lambda}, {@code http}, {@code https}).
         */
        public Builder jsonStructure(final boolean jsonStructure) {
            this.jsonStructure = jsonStructure;
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
         * @throws IllegalStateException if no message was set
         */
        public PublishRequest build() {
            Checks.state(message != null, "message is required: message=null");
            return new PublishRequest(this);
        }
    }
}
