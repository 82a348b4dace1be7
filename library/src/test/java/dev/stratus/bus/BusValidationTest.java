package dev.stratus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stratus.core.ManualClock;
import dev.stratus.core.RandomSource;
import dev.stratus.core.StratusException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every public entry point's bad input, with AWS's error code and exact message, or the JDK exception. */
class BusValidationTest {
    private final ManualClock clock = ManualClock.atEpoch();
    private final Bus bus = Bus.builder().clock(clock).random(RandomSource.seeded(2)).executor(Runnable::run).build();

    @Test
    void shouldRejectBadTopicRequests() {
        assertAws("InvalidParameter", "Invalid parameter: Fifo Topic names must end with .fifo and must be made up of "
                + "only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between "
                + "1 and 256 characters long.", () -> bus.createTopic("plain", Map.of("FifoTopic", "true")));
        Topic topic = bus.createTopic("t");
        assertAws("InvalidParameter", "Invalid parameter: Attributes Reason: Topic already exists with different "
                + "attributes", () -> bus.createTopic("t", Map.of("DisplayName", "other")));
        assertAws("InvalidParameter", "Invalid parameter: AttributeName", () -> topic.setAttribute("Color", "red"));
        assertAws("InvalidParameter", "Invalid parameter: SignatureVersion",
                () -> topic.setAttribute("SignatureVersion", "3"));
        assertAws("InvalidParameter", "Invalid parameter: Subject",
                () -> topic.publish(PublishRequest.builder().message("m").subject("line\nbreak").build()));
        assertAws("InvalidParameter", "Invalid parameter: Message Structure - No default entry in JSON message body",
                () -> topic.publish(PublishRequest.builder().message("{\"sqs\": \"x\"}").jsonStructure(true).build()));
        assertAws("InvalidParameter", "Invalid parameter: MessageDeduplicationId Reason: The request includes "
                + "MessageDeduplicationId parameter that is not valid for this topic type",
                () -> topic.publish(PublishRequest.builder().message("m").messageDeduplicationId("d").build()));
        assertAws("InvalidParameterValue", "The message attribute 'a' has an invalid message attribute type, the set "
                + "of supported type prefixes is Binary, Number, and String.", () -> topic.publish(
                        PublishRequest.builder().message("m").messageAttribute("a", new MessageAttribute("Date",
                                "x", null)).build()));
        assertAws("InvalidParameterValue", "Message attribute name can not have successive '.' character.",
                () -> topic.publish(PublishRequest.builder().message("m")
                        .messageAttribute("a..b", MessageAttribute.string("v")).build()));
        assertAws("InvalidParameterValue", "Invalid non-alphanumeric character '#x20' was found in the message "
                + "attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.",
                () -> topic.publish(PublishRequest.builder().message("m")
                        .messageAttribute("a b", MessageAttribute.string("v")).build()));
        assertAws("EmptyBatchRequest", "The batch request doesn't contain any entries.",
                () -> topic.publishBatch(Map.of()));
        assertAws("InvalidBatchEntryId", "The Id of a batch entry in a batch request doesn't abide by the "
                + "specification.", () -> topic.publishBatch(Map.of("bad id", PublishRequest.of("m"))));
        Map<String, PublishRequest> entries = new LinkedHashMap<>();
        entries.put("ok", PublishRequest.of("m"));
        entries.put("empty", PublishRequest.of(""));
        BatchResult<PublishResult> result = topic.publishBatch(entries);
        assertEquals(1, result.successful().size());
        assertEquals("Invalid parameter: Empty message", result.failed().get("empty").getMessage());
        bus.deleteTopic(topic.arn());
        assertAws("NotFound", "Topic does not exist", () -> topic.publish("m"));
    }

    @Test
    void shouldRejectBadSubscriptionRequests() {
        Topic topic = bus.createTopic("t");
        Queue queue = bus.createQueue("q");
        Subscription subscription = topic.subscribe(queue);
        assertAws("InvalidParameter", "Invalid parameter: AttributeName",
                () -> subscription.setAttribute("Colour", "x"));
        assertAws("InvalidParameter", "Invalid parameter: RawMessageDelivery: Invalid value [maybe]. Must be true or "
                + "false.", () -> subscription.setAttribute("RawMessageDelivery", "maybe"));
        assertAws("InvalidParameter", "Invalid parameter: Attributes Reason: FilterPolicy: Filter policy can not have "
                + "more than 5 keys", () -> topic.subscribe(queue, Map.of("FilterPolicy",
                        "{\"a\":[1],\"b\":[1],\"c\":[1],\"d\":[1],\"e\":[1],\"f\":[1]}")));
        assertAws("InvalidParameter", "Invalid parameter: FilterPolicyScope: Invalid value [Body]. Please use either "
                + "MessageBody or MessageAttributes", () -> subscription.setAttribute("FilterPolicyScope", "Body"));
        assertAws("InvalidParameter", "Invalid parameter: DeliveryPolicy: only HTTP/S subscriptions take a "
                + "DeliveryPolicy: protocol=sqs", () -> subscription.setAttribute("DeliveryPolicy", "{}"));
        Queue fifo = bus.createQueue("q.fifo", Map.of("FifoQueue", "true"));
        assertAws("InvalidParameter", "Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to "
                + "standard SNS topics", () -> topic.subscribe(fifo));
        assertAws("InvalidParameter", "Invalid parameter: Protocol", () -> topic.subscribe("smtp", "x", Map.of()));
        subscription.unsubscribe();
        assertAws("NotFound", "Subscription does not exist", () -> bus.subscription(subscription.arn()));
        assertAws("NotFound", "Subscription does not exist", subscription::unsubscribe);
    }

    @Test
    void shouldRejectBadQueueRequests() {
        assertAws("InvalidParameterValue", "Can only include alphanumeric characters, hyphens, or underscores. 1 to "
                + "80 in length", () -> bus.createQueue("a/b"));
        assertAws("InvalidAttributeName", "Unknown Attribute Colour.", () -> bus.createQueue("q",
                Map.of("Colour", "red")));
        String redrive = "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:111111111111:none\",\"maxReceiveCount\":3}";
        assertAws("InvalidAttributeValue", "Value " + redrive + " for parameter RedrivePolicy is invalid. Reason: "
                + "Dead letter target does not exist.", () -> bus.createQueue("q", Map.of("RedrivePolicy", redrive)));
        Queue queue = bus.createQueue("q");
        assertAws("QueueAlreadyExists", "A queue already exists with the same name and a different value for "
                + "attribute(s)", () -> bus.createQueue("q", Map.of("DelaySeconds", "5")));
        assertAws("MissingParameter", "The request must contain the parameter MessageBody.", () -> queue.send(""));
        assertAws("InvalidMessageContents", "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD "
                + "| #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF", () -> queue.send("bell\u0007"));
        assertAws("InvalidParameterValue", "Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds "
                + "must be >= 0 and <= 900.", () -> queue.send(SendRequest.builder().body("b")
                        .delay(Duration.ofSeconds(901)).build()));
        assertAws("InvalidParameterValue", "Value 21 for parameter WaitTimeSeconds is invalid. Reason: must be <= 20.",
                () -> queue.receiveAsync(1, Duration.ofSeconds(21)));
        assertAws("ReceiptHandleIsInvalid", "The input receipt handle \"nope\" is not a valid receipt handle.",
                () -> queue.changeVisibility("nope", Duration.ZERO));
        queue.send("once");
        String handle = queue.receive(1).get(0).receiptHandle();
        queue.delete(handle);
        assertAws("MessageNotInflight", "Message does not exist or is not available for visibility timeout change.",
                () -> queue.changeVisibility(handle, Duration.ZERO));
        assertAws("InvalidParameterValue", "Value 43201 for parameter VisibilityTimeout is invalid. Reason: Must be "
                + "between 0 and 43200.", () -> queue.changeVisibility("nope", Duration.ofSeconds(43_201)));
        assertAws("AWS.SimpleQueueService.TooManyEntriesInBatchRequest", "Maximum number of entries per request are "
                + "10. You have sent 11.", () -> {
                    Map<String, SendRequest> entries = new LinkedHashMap<>();
                    for (int i = 0; i < 11; i++) {
                        entries.put("e" + i, SendRequest.of("b"));
                    }
                    queue.sendBatch(entries);
                });
        Queue fifo = bus.createQueue("f.fifo", Map.of("FifoQueue", "true"));
        assertAws("MissingParameter", "The request must contain the parameter MessageGroupId.", () -> fifo.send("b"));
        assertAws("InvalidParameterValue", "The queue should either have ContentBasedDeduplication enabled or "
                + "MessageDeduplicationId provided explicitly",
                () -> fifo.send(SendRequest.builder().body("b").messageGroupId("g").build()));
        assertAws("InvalidParameterValue", "Value 5 for parameter DelaySeconds is invalid. Reason: The request "
                + "include parameter that is not valid for this queue type.", () -> fifo.send(SendRequest.builder()
                        .body("b").messageGroupId("g").messageDeduplicationId("d").delay(Duration.ofSeconds(5))
                        .build()));
        assertAws("AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.",
                () -> bus.queue("missing"));
    }

    @Test
    void shouldRejectBadDeleteAndVisibilityBatches() {
        Queue queue = bus.createQueue("batches");
        assertAws("AWS.SimpleQueueService.EmptyBatchRequest", "There should be at least one "
                + "DeleteMessageBatchRequestEntry in the request.", () -> queue.deleteBatch(Map.of()));
        assertAws("AWS.SimpleQueueService.EmptyBatchRequest", "There should be at least one "
                + "ChangeMessageVisibilityBatchRequestEntry in the request.",
                () -> queue.changeVisibilityBatch(Map.of()));
        Map<String, String> eleven = new LinkedHashMap<>();
        Map<String, VisibilityChange> elevenChanges = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            eleven.put("e" + i, "h" + i);
            elevenChanges.put("e" + i, new VisibilityChange("h" + i, Duration.ZERO));
        }
        assertAws("AWS.SimpleQueueService.TooManyEntriesInBatchRequest", "Maximum number of entries per request are "
                + "10. You have sent 11.", () -> queue.deleteBatch(eleven));
        assertAws("AWS.SimpleQueueService.TooManyEntriesInBatchRequest", "Maximum number of entries per request are "
                + "10. You have sent 11.", () -> queue.changeVisibilityBatch(elevenChanges));
        String badId = "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be "
                + "at most 80 letters long.";
        assertAws("AWS.SimpleQueueService.InvalidBatchEntryId", badId, () -> queue.deleteBatch(Map.of("a b", "h")));
        assertAws("AWS.SimpleQueueService.InvalidBatchEntryId", badId, () -> queue.changeVisibilityBatch(
                Map.of("x".repeat(81), new VisibilityChange("h", Duration.ZERO))));
        NullPointerException missing = assertThrows(NullPointerException.class,
                () -> new VisibilityChange("h", null));
        assertEquals("timeout", missing.getMessage());
        bus.deleteQueue("batches");
        assertAws("AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.",
                () -> queue.deleteBatch(Map.of("a", "h")));
    }

    @Test
    void shouldRejectBadRedriveAllowPolicies() {
        String source = "arn:aws:sqs:us-east-1:000000000000:source";
        String prefix = " for parameter RedriveAllowPolicy is invalid. Reason: Amazon SQS can't create the redrive "
                + "allow policy";
        for (String bad : new String[] {"{", "[]", "{\"redrivePermission\":\"some\"}",
                "{\"redrivePermission\":\"allowAll\",\"colour\":1}"}) {
            assertAws("InvalidAttributeValue", "Value " + bad + prefix + ", as it's in an unsupported format.",
                    () -> bus.createQueue("d", Map.of("RedriveAllowPolicy", bad)));
        }
        String withArns = "{\"redrivePermission\":\"denyAll\",\"sourceQueueArns\":[\"" + source + "\"]}";
        assertAws("InvalidAttributeValue", "Value " + withArns + prefix + ". To specify one or more source queue ARNs, "
                + "you must set redrivePermission to byQueue.",
                () -> bus.createQueue("d", Map.of("RedriveAllowPolicy", withArns)));
        String noArns = "{\"redrivePermission\":\"byQueue\"}";
        assertAws("InvalidAttributeValue", "Value " + noArns + prefix + ". When you specify the byQueue permission "
                + "type, you must also specify one or more sourceQueueArns values.",
                () -> bus.createQueue("d", Map.of("RedriveAllowPolicy", noArns)));
        StringBuilder eleven = new StringBuilder("{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[");
        for (int i = 0; i < 11; i++) {
            eleven.append(i == 0 ? "" : ",").append('"').append(source).append(i).append('"');
        }
        String tooMany = eleven.append("]}").toString();
        assertAws("InvalidAttributeValue", "Value " + tooMany + prefix + ". The maximum number of source queue ARNs "
                + "you can specify is 10.", () -> bus.createQueue("d", Map.of("RedriveAllowPolicy", tooMany)));
        String notArn = "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[\"queue\"]}";
        assertAws("InvalidAttributeValue", "Value " + notArn + prefix + ", as sourceQueueArns holds a value that is "
                + "not an SQS queue ARN: \"queue\".",
                () -> bus.createQueue("d", Map.of("RedriveAllowPolicy", notArn)));
        assertAws("InvalidAttributeValue", "Invalid value for the parameter FifoThroughputLimit.",
                () -> bus.createQueue("s", Map.of("FifoThroughputLimit", "perQueue")));
        assertAws("InvalidAttributeValue", "Invalid value for the parameter FifoThroughputLimit.",
                () -> bus.createQueue("f.fifo", Map.of("FifoQueue", "true", "FifoThroughputLimit", "perTopic")));
    }

    @Test
    void shouldRejectApiMisuseWithJdkExceptionsNamingTheParameter() {
        IllegalStateException noBody = assertThrows(IllegalStateException.class, () -> SendRequest.builder().build());
        assertEquals("body is required: body=null", noBody.getMessage());
        IllegalStateException noMessage = assertThrows(IllegalStateException.class,
                () -> PublishRequest.builder().build());
        assertEquals("message is required: message=null", noMessage.getMessage());
        IllegalArgumentException delay = assertThrows(IllegalArgumentException.class,
                () -> SendRequest.builder().delay(Duration.ofSeconds(-1)));
        assertEquals("delay must not be negative: delay=PT-1S", delay.getMessage());
        NullPointerException type = assertThrows(NullPointerException.class,
                () -> new MessageAttribute(null, "v", null));
        assertEquals("dataType", type.getMessage());
        IllegalArgumentException region = assertThrows(IllegalArgumentException.class,
                () -> Bus.builder().region("mars"));
        assertEquals("region must look like us-east-1: region=mars", region.getMessage());
        NullPointerException policy = assertThrows(NullPointerException.class, () -> FilterPolicy.parse(null));
        assertEquals("json", policy.getMessage());
    }

    private static void assertAws(final String code, final String message, final Executable call) {
        StratusException e = assertThrows(StratusException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(message, e.getMessage());
    }
}
