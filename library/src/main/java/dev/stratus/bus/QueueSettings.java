package dev.stratus.bus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.core.Arn;
import dev.stratus.core.StratusException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** A queue's settable attributes, parsed and range-checked with SQS's messages. */
final class QueueSettings {
    private static final Set<String> KNOWN = Set.of("DelaySeconds", "MaximumMessageSize", "MessageRetentionPeriod",
            "ReceiveMessageWaitTimeSeconds", "VisibilityTimeout", "RedrivePolicy", "RedriveAllowPolicy", "FifoQueue",
            "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit", "Policy",
            "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds", "SqsManagedSseEnabled");

    final Map<String, String> raw;
    final long delayNanos;
    final int maxMessageBytes;
    final long retentionNanos;
    final long waitNanos;
    final long visibilityNanos;
    final String deadLetterTargetArn;
    final int maxReceiveCount;
    final boolean contentBasedDeduplication;
    final boolean perGroupDeduplication;
    /** FIFO sends per second a queue (or, in high-throughput mode, a message group) takes; 0 when not set. */
    final int sendsPerSecond;
    /** Whether {@link #sendsPerSecond} applies per message group (high throughput) rather than per queue. */
    final boolean perGroupThroughput;
    /** The RedriveAllowPolicy permission: {@code allowAll} (also when not set), {@code denyAll} or {@code byQueue}. */
    final String redrivePermission;
    final Set<String> redriveSources;

    /** AWS's FIFO quota: 300 transactions per second per API action (a batch is one transaction). */
    static final int FIFO_TRANSACTIONS_PER_SECOND = 300;
    private static final int MAX_REDRIVE_SOURCES = 10;

    private QueueSettings(final Map<String, String> raw, final String arn, final boolean fifo, final Bus bus) {
        this.raw = raw;
        delayNanos = Duration.ofSeconds(intAttribute(raw, "DelaySeconds", 0, 0, 900)).toNanos();
        maxMessageBytes = intAttribute(raw, "MaximumMessageSize", 1_048_576, 1024, 1_048_576);
        retentionNanos = Duration.ofSeconds(intAttribute(raw, "MessageRetentionPeriod", 345_600, 60, 1_209_600))
                .toNanos();
        waitNanos = Duration.ofSeconds(intAttribute(raw, "ReceiveMessageWaitTimeSeconds", 0, 0, 20)).toNanos();
        visibilityNanos = Duration.ofSeconds(intAttribute(raw, "VisibilityTimeout", 30, 0, 43_200)).toNanos();
        String fifoQueue = raw.get("FifoQueue");
        if (fifoQueue != null && !(fifo ? fifoQueue.equals("true") : fifoQueue.equals("false"))) {
            if (!fifo && fifoQueue.equals("true")) {
                throw new StratusException("InvalidParameterValue", "The name of a FIFO queue can only include "
                        + "alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to "
                        + "80 in length.");
            }
            throw invalidValue("FifoQueue");
        }
        contentBasedDeduplication = fifoOnlyBoolean(raw, "ContentBasedDeduplication", fifo);
        String scope = raw.get("DeduplicationScope");
        if (scope != null && (!fifo || !scope.equals("queue") && !scope.equals("messageGroup"))) {
            throw invalidValue("DeduplicationScope");
        }
        perGroupDeduplication = "messageGroup".equals(scope);
        String limit = raw.get("FifoThroughputLimit");
        if (limit != null && (!fifo || !limit.equals("perQueue") && !limit.equals("perMessageGroupId"))) {
            throw invalidValue("FifoThroughputLimit");
        }
        // SQS: high throughput needs both perMessageGroupId and messageGroup scope; any other setting is per queue
        sendsPerSecond = limit == null ? 0 : FIFO_TRANSACTIONS_PER_SECOND;
        perGroupThroughput = "perMessageGroupId".equals(limit) && perGroupDeduplication;
        String allow = raw.get("RedriveAllowPolicy");
        if (allow != null && !allow.isEmpty()) {
            Set<String> sources = new LinkedHashSet<>();
            redrivePermission = parseRedriveAllowPolicy(allow, sources);
            redriveSources = Set.copyOf(sources);
        } else {
            redrivePermission = "allowAll";
            redriveSources = Set.of();
        }
        String redrive = raw.get("RedrivePolicy");
        if (redrive != null && !redrive.isEmpty()) {
            JsonNode policy = Queue.parseJson(redrive);
            if (policy == null || !policy.isObject()) {
                throw new StratusException("InvalidAttributeValue",
                        "Invalid value for the parameter RedrivePolicy. Reason: Redrive policy is not a valid JSON "
                                + "map.");
            }
            JsonNode target = policy.get("deadLetterTargetArn");
            JsonNode count = policy.get("maxReceiveCount");
            if (target == null || !target.isTextual() || count == null) {
                throw new StratusException("InvalidAttributeValue", "Value " + redrive + " for parameter "
                        + "RedrivePolicy is invalid. Reason: Redrive policy does not contain mandatory attribute: "
                        + (target == null || !target.isTextual() ? "deadLetterTargetArn" : "maxReceiveCount") + ".");
            }
            int receives = count.isNumber() ? count.intValue() : parseIntOr(count.asText(), -1);
            if (receives < 1 || receives > 1000) {
                throw new StratusException("InvalidAttributeValue", "Value " + redrive + " for parameter "
                        + "RedrivePolicy is invalid. Reason: Invalid value for maxReceiveCount: " + count.asText()
                        + ", valid values are from 1 to 1000 both inclusive.");
            }
            Queue dlq = bus.findQueueByArn(target.textValue());
            if (dlq == null) {
                throw new StratusException("InvalidAttributeValue", "Value " + redrive + " for parameter "
                        + "RedrivePolicy is invalid. Reason: Dead letter target does not exist.");
            }
            if (dlq.fifo() != fifo) {
                throw new StratusException("InvalidAttributeValue", "Value " + redrive + " for parameter "
                        + "RedrivePolicy is invalid. Reason: Dead-letter queue must be same type of queue as the "
                        + "source.");
            }
            if (!dlq.settings().allowsSource(arn)) {
                throw new StratusException("InvalidAttributeValue", "Value " + redrive + " for parameter "
                        + "RedrivePolicy is invalid. Reason: The dead-letter queue's RedriveAllowPolicy does not allow "
                        + "this queue as a source queue: sourceQueueArn=" + arn + ".");
            }
            deadLetterTargetArn = target.textValue();
            maxReceiveCount = receives;
        } else {
            deadLetterTargetArn = null;
            maxReceiveCount = 0;
        }
    }

    /**
     * Parses {@code {"redrivePermission": .., "sourceQueueArns": [..]}} into {@code sources}; returns the
     * permission.
     */
    private static String parseRedriveAllowPolicy(final String text, final Set<String> sources) {
        String prefix = "Value " + text + " for parameter RedriveAllowPolicy is invalid. Reason: Amazon SQS can't "
                + "create the redrive allow policy";
        JsonNode policy = Queue.parseJson(text);
        JsonNode permission = policy == null || !policy.isObject() ? null : policy.get("redrivePermission");
        if (permission == null || !permission.isTextual() || !Set.of("allowAll", "denyAll", "byQueue")
                .contains(permission.textValue())) {
            throw new StratusException("InvalidAttributeValue", prefix + ", as it's in an unsupported format.");
        }
        JsonNode arns = policy.get("sourceQueueArns");
        for (Map.Entry<String, JsonNode> field : policy.properties()) {
            if (!field.getKey().equals("redrivePermission") && !field.getKey().equals("sourceQueueArns")) {
                throw new StratusException("InvalidAttributeValue", prefix + ", as it's in an unsupported format.");
            }
        }
        boolean byQueue = permission.textValue().equals("byQueue");
        if (arns != null && !byQueue) {
            throw new StratusException("InvalidAttributeValue", prefix + ". To specify one or more source queue "
                    + "ARNs, you must set redrivePermission to byQueue.");
        }
        if (byQueue && (arns == null || !arns.isArray() || arns.isEmpty())) {
            throw new StratusException("InvalidAttributeValue", prefix + ". When you specify the byQueue permission "
                    + "type, you must also specify one or more sourceQueueArns values.");
        }
        if (byQueue && arns.size() > MAX_REDRIVE_SOURCES) {
            throw new StratusException("InvalidAttributeValue", prefix + ". The maximum number of source queue ARNs "
                    + "you can specify is " + MAX_REDRIVE_SOURCES + ".");
        }
        if (byQueue) {
            for (JsonNode arn : arns) {
                if (!arn.isTextual() || !Arn.isArn(arn.textValue())
                        || !Arn.parse(arn.textValue()).service().equals("sqs")) {
                    throw new StratusException("InvalidAttributeValue", prefix + ", as sourceQueueArns holds a value "
                            + "that is not an SQS queue ARN: " + arn + ".");
                }
                sources.add(arn.textValue());
            }
        }
        return permission.textValue();
    }

    /** Whether this queue, as a dead-letter queue, takes messages from {@code sourceArn}. */
    boolean allowsSource(final String sourceArn) {
        switch (redrivePermission) {
            case "denyAll":
                return false;
            case "byQueue":
                return redriveSources.contains(sourceArn);
            default:
                return true;
        }
    }

    static QueueSettings parse(final Map<String, String> attributes, final String arn, final boolean fifo,
            final Bus bus) {
        for (String name : attributes.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new StratusException("InvalidAttributeName", "Unknown Attribute " + name + ".");
            }
        }
        return new QueueSettings(new LinkedHashMap<>(attributes), arn, fifo, bus);
    }

    Map<String, String> toAttributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("DelaySeconds", Long.toString(Duration.ofNanos(delayNanos).toSeconds()));
        attributes.put("MaximumMessageSize", Integer.toString(maxMessageBytes));
        attributes.put("MessageRetentionPeriod", Long.toString(Duration.ofNanos(retentionNanos).toSeconds()));
        attributes.put("ReceiveMessageWaitTimeSeconds", Long.toString(Duration.ofNanos(waitNanos).toSeconds()));
        attributes.put("VisibilityTimeout", Long.toString(Duration.ofNanos(visibilityNanos).toSeconds()));
        for (Map.Entry<String, String> entry : raw.entrySet()) {
            attributes.putIfAbsent(entry.getKey(), entry.getValue());
        }
        return attributes;
    }

    private static int intAttribute(final Map<String, String> raw, final String name, final int defaultValue,
            final int min, final int max) {
        String text = raw.get(name);
        if (text == null) {
            return defaultValue;
        }
        int value = parseIntOr(text, Integer.MIN_VALUE);
        if (value < min || value > max) {
            throw invalidValue(name);
        }
        return value;
    }

    private static boolean fifoOnlyBoolean(final Map<String, String> raw, final String name, final boolean fifo) {
        String text = raw.get(name);
        if (text == null) {
            return false;
        }
        if (!fifo || !text.equals("true") && !text.equals("false")) {
            throw invalidValue(name);
        }
        return text.equals("true");
    }

    private static int parseIntOr(final String text, final int fallback) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static StratusException invalidValue(final String name) {
        return new StratusException("InvalidAttributeValue", "Invalid value for the parameter " + name + ".");
    }
}
