package dev.stratus.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.balancer.BalancerMetrics;
import dev.stratus.bus.Bus;
import dev.stratus.bus.MessageAttribute;
import dev.stratus.bus.PublishRequest;
import dev.stratus.bus.PublishResult;
import dev.stratus.bus.SendRequest;
import dev.stratus.bus.SendResult;
import dev.stratus.core.Clock;
import dev.stratus.core.ErrorHandler;
import dev.stratus.core.Ids;
import dev.stratus.core.StratusException;
import dev.stratus.core.internal.Json;
import dev.stratus.metrics.AlarmActionSink;
import dev.stratus.metrics.Dimension;
import dev.stratus.metrics.MetricDatum;
import dev.stratus.metrics.Metrics;
import dev.stratus.metrics.Unit;
import dev.stratus.metrics.internal.CloudWatchJson;
import dev.stratus.states.StatesException;
import dev.stratus.states.TaskHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The wiring between engines that the {@code Stratus} facade does, kept out of the engines so none imports
 * another: States tasks that publish to topics, send to queues and put metrics; alarm actions that publish to
 * topics; balancer counters polled into metrics.
 */
public final class Integrations {
    /** The Step Functions optimized integration that publishes to a topic. */
    public static final String SNS_PUBLISH = "arn:aws:states:::sns:publish";
    /** The Step Functions optimized integration that sends to a queue. */
    public static final String SQS_SEND_MESSAGE = "arn:aws:states:::sqs:sendMessage";
    /** The Step Functions SDK integration that puts metric data. */
    public static final String CLOUDWATCH_PUT_METRIC_DATA = "arn:aws:states:::aws-sdk:cloudwatch:putMetricData";

    private Integrations() {
    }

    /**
     * {@code sns:publish}: Parameters {@code TopicArn}, {@code Message} (a JSON value is sent as its text),
     * {@code Subject}, {@code MessageAttributes}, {@code MessageStructure}, {@code MessageGroupId},
     * {@code MessageDeduplicationId}; the result has {@code MessageId} and AWS's SDK metadata. Bus errors fail the
     * task as {@code SNS.<Code>Exception}, as Step Functions names SDK exceptions.
     */
    public static TaskHandler snsPublish(final Supplier<Bus> bus, final Ids ids) {
        return input -> {
            String topicArn = requireText(input, "TopicArn", "SNS.InvalidParameterException");
            PublishRequest.Builder request = PublishRequest.builder().message(bodyText(input.path("Message")));
            if (input.hasNonNull("Subject")) {
                request.subject(input.get("Subject").asText());
            }
            if ("json".equals(input.path("MessageStructure").asText())) {
                request.jsonStructure(true);
            }
            if (input.hasNonNull("MessageGroupId")) {
                request.messageGroupId(input.get("MessageGroupId").asText());
            }
            if (input.hasNonNull("MessageDeduplicationId")) {
                request.messageDeduplicationId(input.get("MessageDeduplicationId").asText());
            }
            attributes(input.path("MessageAttributes")).forEach(request::messageAttribute);
            try {
                PublishResult result = bus.get().topic(topicArn).publish(request.build());
                ObjectNode out = Json.MAPPER.createObjectNode();
                out.put("MessageId", result.messageId());
                if (result.sequenceNumber() != null) {
                    out.put("SequenceNumber", result.sequenceNumber());
                }
                return withSdkMetadata(out, ids);
            } catch (StratusException e) {
                throw new StatesException("SNS." + exceptionName(e.code()), e.getMessage());
            }
        };
    }

    /**
     * {@code sqs:sendMessage}: Parameters {@code QueueUrl}, {@code MessageBody} (a JSON value is sent as its text),
     * {@code DelaySeconds}, {@code MessageAttributes}, {@code MessageGroupId}, {@code MessageDeduplicationId}; the
     * result has {@code MessageId}, {@code MD5OfMessageBody} and AWS's SDK metadata.
     */
    public static TaskHandler sqsSendMessage(final Supplier<Bus> bus, final Ids ids) {
        return input -> {
            String queueUrl = requireText(input, "QueueUrl", "SQS.MissingParameterException");
            SendRequest.Builder request = SendRequest.builder().body(bodyText(input.path("MessageBody")));
            if (input.hasNonNull("DelaySeconds")) {
                request.delay(Duration.ofSeconds(input.get("DelaySeconds").asLong()));
            }
            if (input.hasNonNull("MessageGroupId")) {
                request.messageGroupId(input.get("MessageGroupId").asText());
            }
            if (input.hasNonNull("MessageDeduplicationId")) {
                request.messageDeduplicationId(input.get("MessageDeduplicationId").asText());
            }
            attributes(input.path("MessageAttributes")).forEach(request::messageAttribute);
            try {
                SendResult result = bus.get().queue(queueUrl).send(request.build());
                ObjectNode out = Json.MAPPER.createObjectNode();
                out.put("MD5OfMessageBody", result.md5OfMessageBody());
                out.put("MessageId", result.messageId());
                if (result.sequenceNumber() != null) {
                    out.put("SequenceNumber", result.sequenceNumber());
                }
                return withSdkMetadata(out, ids);
            } catch (StratusException e) {
                String code = e.code().equals("AWS.SimpleQueueService.NonExistentQueue")
                        ? "QueueDoesNotExistException" : exceptionName(e.code());
                throw new StatesException("SQS." + code, e.getMessage());
            }
        };
    }

    /**
     * {@code aws-sdk:cloudwatch:putMetricData}: Parameters in the API's shape ({@code Namespace},
     * {@code MetricData}); the result is {@code {}} as the SDK integration returns; rejections fail the task as
     * {@code CloudWatch.<Code>Exception}.
     */
    public static TaskHandler cloudWatchPutMetricData(final Supplier<Metrics> metrics) {
        return input -> {
            try {
                new CloudWatchJson(metrics.get()).call("PutMetricData", input);
                return Json.MAPPER.createObjectNode();
            } catch (StratusException e) {
                throw new StatesException("CloudWatch." + exceptionName(e.code()), e.getMessage());
            }
        };
    }

    /**
     * Alarm actions: a topic ARN receives CloudWatch's alarm message on the Bus (subject as CloudWatch sets it);
     * any other ARN is reported to the error handler as an action that cannot be delivered.
     */
    public static AlarmActionSink alarmsToBus(final Supplier<Bus> bus, final ErrorHandler errors) {
        return (actionArn, message) -> {
            try {
                if (!actionArn.startsWith("arn:aws:sns:")) {
                    throw new StratusException("InvalidAction", "alarm action is not a topic: actionArn=" + actionArn);
                }
                JsonNode parsed = Json.parse(message);
                String subject = parsed.path("NewStateValue").asText() + ": \"" + parsed.path("AlarmName").asText()
                        + "\" in " + parsed.path("Region").asText();
                bus.get().topic(actionArn).publish(PublishRequest.builder().message(message)
                        .subject(subject.length() > 100 ? subject.substring(0, 100) : subject).build());
            } catch (Exception e) {
                errors.onError(new StratusException("AlarmActionFailed", "alarm action to " + actionArn + " failed: "
                        + e.getMessage(), e));
            }
        };
    }

    /**
     * Polls a balancer's counters into Metrics every {@code period} (NLB publishes every 60 s), namespace
     * {@value BalancerMetrics#NAMESPACE}; returns the timer's handle holder, cancelled with {@link Poller#stop()}.
     */
    public static Poller pollBalancer(final BalancerMetrics source, final Supplier<Metrics> metrics, final Clock clock,
            final Duration period, final ErrorHandler errors) {
        Poller poller = new Poller(source, metrics, clock, period, errors);
        poller.arm();
        return poller;
    }

    /** A running balancer-to-metrics poll. */
    public static final class Poller {
        private final BalancerMetrics source;
        private final Supplier<Metrics> metrics;
        private final Clock clock;
        private final Duration period;
        private final ErrorHandler errors;
        private Clock.Timer timer;
        private boolean stopped;

        Poller(final BalancerMetrics source, final Supplier<Metrics> metrics, final Clock clock,
                final Duration period, final ErrorHandler errors) {
            this.source = source;
            this.metrics = metrics;
            this.clock = clock;
            this.period = period;
            this.errors = errors;
        }

        synchronized void arm() {
            if (!stopped) {
                timer = clock.schedule(period, this::poll);
            }
        }

        /** Stops polling. */
        public synchronized void stop() {
            stopped = true;
            if (timer != null) {
                timer.cancel();
            }
        }

        private void poll() {
            try {
                List<MetricDatum> data = new ArrayList<>();
                for (BalancerMetrics.Datum datum : source.sample()) {
                    MetricDatum.Builder b = MetricDatum.builder(datum.name()).value(datum.value())
                            .unit(Unit.of(datum.unit())).timestamp(clock.instant());
                    List<Dimension> dimensions = new ArrayList<>();
                    datum.dimensions().forEach((k, v) -> dimensions.add(Dimension.of(k, v)));
                    b.dimensions(dimensions);
                    data.add(b.build());
                }
                for (int i = 0; i < data.size(); i += 1000) {
                    metrics.get().putMetricData(BalancerMetrics.NAMESPACE, data.subList(i, Math.min(data.size(),
                            i + 1000)));
                }
            } catch (RuntimeException e) {
                errors.onError(e);
            }
            arm();
        }
    }

    private static String requireText(final JsonNode input, final String field, final String error) {
        JsonNode value = input.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new StatesException(error, "1 validation error detected: Value null at '" + field
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value.asText();
    }

    private static String bodyText(final JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        return value.isTextual() ? value.asText() : Json.write(value);
    }

    private static Map<String, MessageAttribute> attributes(final JsonNode attributes) {
        Map<String, MessageAttribute> out = new java.util.LinkedHashMap<>();
        attributes.properties().forEach(field -> {
            JsonNode a = field.getValue();
            String type = a.path("DataType").asText();
            MessageAttribute attribute;
            if (type.startsWith("Binary")) {
                byte[] bytes = Base64.getDecoder().decode(a.path("BinaryValue").asText());
                attribute = new MessageAttribute(type, null, bytes);
            } else {
                attribute = new MessageAttribute(type, a.path("StringValue").asText(null), null);
            }
            out.put(field.getKey(), attribute);
        });
        return out;
    }

    private static ObjectNode withSdkMetadata(final ObjectNode out, final Ids ids) {
        String requestId = ids.requestId();
        ObjectNode http = out.putObject("SdkHttpMetadata");
        ObjectNode headers = http.putObject("AllHttpHeaders");
        headers.putArray("Content-Type").add("text/xml");
        headers.putArray("x-amzn-RequestId").add(requestId);
        ObjectNode single = http.putObject("HttpHeaders");
        single.put("Content-Type", "text/xml");
        single.put("x-amzn-RequestId", requestId);
        http.put("HttpStatusCode", 200);
        out.putObject("SdkResponseMetadata").put("RequestId", requestId);
        return out;
    }

    private static String exceptionName(final String code) {
        return code.endsWith("Exception") ? code : code + "Exception";
    }
}
