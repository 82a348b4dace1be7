package dev.stratus.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.bus.internal.Attributes;
import dev.stratus.bus.internal.BodyFields;
import dev.stratus.bus.internal.Fields;
import dev.stratus.bus.internal.MessageId;
import dev.stratus.bus.internal.Signer;
import dev.stratus.core.internal.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

/**
 * One accepted publish, shared by every subscription it fans out to; derived forms are computed once. It is its own
 * message id ({@link MessageId}), so a publish allocates no separate id object.
 */
final class Published extends MessageId {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    final Topic topic;
    final String message;
    final JsonNode structure;
    final String subject;
    final Map<String, MessageAttribute> attributes;
    final long timestampMillis;
    final String groupId;
    final String deduplicationId;
    final String sequenceNumber;
    private Fields attributeFields;
    private BodyFields bodyFields;
    private boolean bodyParsed;
    private String signature;
    private Notification notification;

    Published(final Topic topic, final UUID messageId, final PublishRequest request, final JsonNode structure,
            final long timestampMillis, final String deduplicationId, final String sequenceNumber) {
        super(messageId.getMostSignificantBits(), messageId.getLeastSignificantBits(), null);
        this.topic = topic;
        this.message = structure != null ? structure.get("default").asText() : request.message();
        this.structure = structure;
        this.subject = request.subject();
        this.attributes = request.messageAttributes();
        this.timestampMillis = timestampMillis;
        this.groupId = request.messageGroupId();
        this.deduplicationId = deduplicationId;
        this.sequenceNumber = sequenceNumber;
    }

    /** The message for a protocol: its own entry under {@code MessageStructure=json}, else the default. */
    String messageFor(final String protocol) {
        if (structure != null && structure.has(protocol) && structure.get(protocol).isTextual()) {
            return structure.get(protocol).asText();
        }
        return message;
    }

    Fields attributeFields() {
        if (attributeFields == null) {
            attributeFields = Attributes.fields(attributes);
        }
        return attributeFields;
    }

    /** The body's fields (the default message), or null when it is not a JSON object. */
    BodyFields bodyFields() {
        if (!bodyParsed) {
            bodyFields = BodyFields.parse(message);
            bodyParsed = true;
        }
        return bodyFields;
    }

    String timestamp() {
        return formatTimestamp(timestampMillis);
    }

    static String formatTimestamp(final long epochMillis) {
        return TIMESTAMP.format(Instant.ofEpochMilli(epochMillis));
    }

    /** The notification every function subscription of this publish receives (one shared immutable object). */
    Notification notification() {
        Notification shared = notification;
        if (shared == null) {
            shared = new Notification(this);
            notification = shared;
        }
        return shared;
    }

    /** The SNS JSON envelope for a subscription, signed with the topic's SignatureVersion. */
    String envelope(final String protocol, final String subscriptionArn) {
        String body = messageFor(protocol);
        String version = topic.signatureVersion();
        String timestamp = timestamp();
        ObjectNode envelope = Json.MAPPER.createObjectNode();
        envelope.put("Type", "Notification");
        envelope.put("MessageId", text());
        if (sequenceNumber != null) {
            envelope.put("SequenceNumber", sequenceNumber);
        }
        envelope.put("TopicArn", topic.arn());
        if (subject != null) {
            envelope.put("Subject", subject);
        }
        envelope.put("Message", body);
        envelope.put("Timestamp", timestamp);
        envelope.put("SignatureVersion", version);
        envelope.put("Signature", signature(body, version, timestamp));
        envelope.put("SigningCertURL", topic.bus().signingCertUrl());
        envelope.put("UnsubscribeURL", "https://sns." + topic.bus().region()
                + ".amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + subscriptionArn);
        if (!attributes.isEmpty()) {
            ObjectNode node = envelope.putObject("MessageAttributes");
            for (Map.Entry<String, MessageAttribute> entry : attributes.entrySet()) {
                ObjectNode attribute = node.putObject(entry.getKey());
                attribute.put("Type", entry.getValue().dataType());
                attribute.put("Value", entry.getValue().stringValue() != null ? entry.getValue().stringValue()
                        : java.util.Base64.getEncoder().encodeToString(entry.getValue().binaryValue()));
            }
        }
        return Json.write(envelope);
    }

    private synchronized String signature(final String body, final String version, final String timestamp) {
        if (signature == null || !body.equals(message)) {
            String signed = topic.bus().signer().sign(Signer.stringToSign("Message", body,
                    "MessageId", text(), "Subject", subject, "Timestamp", timestamp,
                    "TopicArn", topic.arn(), "Type", "Notification"), version);
            if (!body.equals(message)) {
                return signed;
            }
            signature = signed;
        }
        return signature;
    }
}
