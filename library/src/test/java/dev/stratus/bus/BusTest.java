package dev.stratus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.Stratus;
import dev.stratus.core.ManualClock;
import dev.stratus.core.RandomSource;
import dev.stratus.core.StratusException;
import dev.stratus.core.internal.Json;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BusTest {
    private final ManualClock clock = ManualClock.atEpoch();
    private final List<Throwable> errors = new ArrayList<>();
    private final Bus bus = Bus.builder().clock(clock).random(RandomSource.seeded(1)).executor(Runnable::run)
            .errorHandler(errors::add).build();

    @Test
    void shouldFanOutToQueueInSignedEnvelope() throws Exception {
        Topic topic = bus.createTopic("orders");
        Queue queue = bus.createQueue("audit");
        topic.subscribe(queue);
        PublishResult result = topic.publish(PublishRequest.builder().message("hello").subject("greeting")
                .messageAttribute("store", MessageAttribute.string("north")).build());
        ReceivedMessage received = queue.receive(10).get(0);
        JsonNode envelope = Json.parse(received.body());
        assertEquals("Notification", envelope.get("Type").asText());
        assertEquals(result.messageId(), envelope.get("MessageId").asText());
        assertEquals("hello", envelope.get("Message").asText());
        assertEquals("1970-01-01T00:00:00.000Z", envelope.get("Timestamp").asText());
        assertEquals("north", envelope.get("MessageAttributes").get("store").get("Value").asText());
        String toSign = "Message\nhello\nMessageId\n" + result.messageId() + "\nSubject\ngreeting\nTimestamp\n"
                + "1970-01-01T00:00:00.000Z\nTopicArn\n" + topic.arn() + "\nType\nNotification\n";
        java.security.cert.X509Certificate certificate = (java.security.cert.X509Certificate)
                java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(
                        new java.io.ByteArrayInputStream(bus.signingCertificatePem().getBytes(
                                java.nio.charset.StandardCharsets.US_ASCII)));
        certificate.verify(certificate.getPublicKey());
        assertEquals("CN=sns.us-east-1.amazonaws.com", certificate.getSubjectX500Principal().getName());
        Signature verifier = Signature.getInstance("SHA1withRSA");
        verifier.initVerify(certificate);
        verifier.update(toSign.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(verifier.verify(Base64.getDecoder().decode(envelope.get("Signature").asText())));
    }

    @Test
    void shouldDeliverRawBodyWithAttributesAndFilterByPolicy() {
        Topic topic = bus.createTopic("orders");
        Queue cheap = bus.createQueue("cheap");
        topic.subscribe(cheap, Map.of("RawMessageDelivery", "true",
                "FilterPolicy", "{\"price\": [{\"numeric\": [\"<\", 10]}]}"));
        topic.publish(PublishRequest.builder().message("a").messageAttribute("price", MessageAttribute.number(5))
                .build());
        topic.publish(PublishRequest.builder().message("b").messageAttribute("price", MessageAttribute.number(50))
                .build());
        List<ReceivedMessage> received = cheap.receive(10);
        assertEquals(1, received.size());
        assertEquals("a", received.get(0).body());
        assertEquals(MessageAttribute.number(5), received.get(0).messageAttributes().get("price"));
    }

    @Test
    void shouldMakeMessageVisibleAgainAfterVisibilityTimeoutAndCountReceives() {
        Queue queue = bus.createQueue("jobs", Map.of("VisibilityTimeout", "10"));
        queue.send("job");
        assertEquals(1, queue.receive(1).get(0).receiveCount());
        assertEquals(List.of(), queue.receive(1));
        clock.advance(Duration.ofSeconds(10));
        ReceivedMessage again = queue.receive(1).get(0);
        assertEquals(2, again.receiveCount());
        queue.delete(again.receiptHandle());
        assertEquals(0, queue.size());
        StratusException stale = assertThrows(StratusException.class, () -> queue.delete(again.receiptHandle()));
        assertEquals("ReceiptHandleIsInvalid", stale.code());
    }

    @Test
    void shouldMoveToDeadLetterQueueAfterMaxReceiveCountAndRedriveBack() {
        Queue dlq = bus.createQueue("jobs-dlq");
        Queue queue = bus.createQueue("jobs", Map.of("VisibilityTimeout", "1", "RedrivePolicy",
                "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\",\"maxReceiveCount\":2}"));
        queue.send("poison");
        for (int i = 0; i < 2; i++) {
            assertEquals(1, queue.receive(1).size());
            clock.advance(Duration.ofSeconds(1));
        }
        assertEquals(List.of(), queue.receive(1));
        ReceivedMessage dead = dlq.receive(1).get(0);
        assertEquals(queue.arn(), dead.attributes().get("DeadLetterQueueSourceArn"));
        clock.advance(Duration.ofSeconds(30));
        assertEquals(1, dlq.redrive());
        assertEquals("poison", queue.receive(1).get(0).body());
    }

    @Test
    void shouldDropMessagesOlderThanRetention() {
        Queue queue = bus.createQueue("short", Map.of("MessageRetentionPeriod", "60", "VisibilityTimeout", "0"));
        queue.send("old");
        clock.advance(Duration.ofSeconds(30));
        queue.send("young");
        clock.advance(Duration.ofSeconds(30));
        assertEquals("young", queue.receive(10).get(0).body());
        assertEquals(1L, queue.counters().get("expired"));
        assertEquals(1, queue.size());
    }

    @Test
    void shouldDelayAndLongPollOnTheClock() {
        Queue queue = bus.createQueue("delayed", Map.of("DelaySeconds", "5"));
        queue.send("later");
        CompletableFuture<List<ReceivedMessage>> poll = queue.receiveAsync(10, Duration.ofSeconds(20))
                .toCompletableFuture();
        assertFalse(poll.isDone());
        clock.advance(Duration.ofSeconds(5));
        assertEquals("later", poll.join().get(0).body());
        CompletableFuture<List<ReceivedMessage>> empty = queue.receiveAsync(1, Duration.ofSeconds(20))
                .toCompletableFuture();
        clock.advance(Duration.ofSeconds(20));
        assertEquals(List.of(), empty.join());
    }

    @Test
    void shouldKeepFifoOrderPerGroupAndDeduplicateForFiveMinutes() {
        Queue queue = bus.createQueue("q.fifo", Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true"));
        SendResult first = queue.send(SendRequest.builder().body("a1").messageGroupId("a").build());
        queue.send(SendRequest.builder().body("a2").messageGroupId("a").build());
        queue.send(SendRequest.builder().body("b1").messageGroupId("b").build());
        assertEquals(first.messageId(),
                queue.send(SendRequest.builder().body("a1").messageGroupId("a").build()).messageId());
        ReceivedMessage a1 = queue.receive(1).get(0);
        assertEquals("a1", a1.body());
        assertEquals("b1", queue.receive(10).get(0).body());
        queue.delete(a1.receiptHandle());
        assertEquals("a2", queue.receive(10).get(0).body());
        clock.advance(Duration.ofMinutes(5));
        queue.send(SendRequest.builder().body("a1").messageGroupId("a").build());
        assertEquals(4, queue.counters().get("sent"));
    }

    @Test
    void shouldDeduplicateOnFifoTopicAndPassGroupToFifoQueue() {
        Topic topic = bus.createTopic("t.fifo", Map.of("FifoTopic", "true", "ContentBasedDeduplication", "true"));
        Queue queue = bus.createQueue("q.fifo", Map.of("FifoQueue", "true"));
        topic.subscribe(queue, Map.of("RawMessageDelivery", "true"));
        PublishRequest request = PublishRequest.builder().message("m").messageGroupId("g").build();
        PublishResult first = topic.publish(request);
        assertEquals(first, topic.publish(request));
        ReceivedMessage received = queue.receive(10).get(0);
        assertEquals("g", received.attributes().get("MessageGroupId"));
        assertEquals(0, queue.receive(10).size());
    }

    @Test
    void shouldRejectBadRequestsWithAwsMessages() {
        Topic fifo = bus.createTopic("t.fifo", Map.of("FifoTopic", "true"));
        assertMessage("InvalidParameter", "Invalid parameter: The MessageGroupId parameter is required for FIFO topics",
                () -> fifo.publish("x"));
        assertMessage("InvalidParameter", "Invalid parameter: The topic should either have ContentBasedDeduplication "
                + "enabled or MessageDeduplicationId provided explicitly",
                () -> fifo.publish(PublishRequest.builder().message("x").messageGroupId("g").build()));
        Topic topic = bus.createTopic("t");
        assertMessage("InvalidParameter", "Invalid parameter: Empty message", () -> topic.publish(""));
        assertMessage("InvalidParameter", "Invalid parameter: Message too long",
                () -> topic.publish("x".repeat(262_145)));
        assertMessage("InvalidParameterValue", "Invalid message attribute name starting with character '.' was "
                + "found.", () -> topic.publish(PublishRequest.builder().message("x")
                        .messageAttribute(".a", MessageAttribute.string("v")).build()));
        assertMessage("InvalidParameterValue", "Could not cast message attribute 'n' value to number.",
                () -> topic.publish(PublishRequest.builder().message("x")
                        .messageAttribute("n", MessageAttribute.number("abc")).build()));
        assertMessage("InvalidParameter", "Invalid parameter: Topic Name", () -> bus.createTopic("bad name"));
        assertMessage("NotFound", "Topic does not exist", () -> bus.topic(topic.arn() + "x"));
        Queue queue = bus.createQueue("q");
        assertMessage("InvalidParameterValue", "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: must "
                + "be between 1 and 10, if provided.", () -> queue.receive(11));
        assertMessage("InvalidAttributeValue", "Invalid value for the parameter VisibilityTimeout.",
                () -> bus.createQueue("v", Map.of("VisibilityTimeout", "43201")));
        assertMessage("InvalidParameter", "Invalid parameter: RedrivePolicy: failed to parse JSON.",
                () -> topic.subscribe(queue).setAttribute("RedrivePolicy", "{"));
        assertMessage("TooManyEntriesInBatchRequest", "The batch request contains more entries than permissible.",
                () -> {
                    Map<String, PublishRequest> entries = new LinkedHashMap<>();
                    for (int i = 0; i < 11; i++) {
                        entries.put("e" + i, PublishRequest.of("m"));
                    }
                    topic.publishBatch(entries);
                });
        bus.deleteQueue("q");
        assertMessage("AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.",
                () -> queue.send("x"));
    }

    @Test
    void shouldRetryFailingFunctionWithoutBlockingOthersAndDeadLetterRejections() {
        Topic topic = bus.createTopic("events");
        Queue dlq = bus.createQueue("events-dlq");
        AtomicInteger attempts = new AtomicInteger();
        List<String> healthy = new ArrayList<>();
        Subscription flaky = topic.subscribe("flaky", n -> {
            if (attempts.incrementAndGet() <= 5) {
                throw new IllegalStateException("down");
            }
        }, Map.of());
        topic.subscribe("healthy", n -> healthy.add(n.message()), Map.of());
        Subscription rejecting = topic.subscribe("rejecting", n -> {
            throw new DeliveryRejectedException("InvalidParameter", "bad payload");
        }, Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\"}"));
        topic.publish("m1");
        assertEquals(List.of("m1"), healthy);
        assertEquals(new DeliveryStats(1, 0, 1, 0, 0), flaky.stats());
        clock.advance(Duration.ofSeconds(2));
        assertEquals(new DeliveryStats(1, 1, 0, 0, 0), flaky.stats());
        assertEquals(new DeliveryStats(1, 0, 0, 1, 0), rejecting.stats());
        ReceivedMessage dead = dlq.receive(1).get(0);
        assertEquals("InvalidParameter", dead.messageAttributes().get("ErrorCode").stringValue());
    }

    @Test
    void shouldDeleteAndChangeVisibilityInBatchesEntryByEntry() {
        Queue queue = bus.createQueue("batch", Map.of("VisibilityTimeout", "300"));
        for (int i = 0; i < 4; i++) {
            queue.send("m" + i);
        }
        List<ReceivedMessage> received = queue.receive(4);
        Map<String, String> deletes = new LinkedHashMap<>();
        deletes.put("first", received.get(0).receiptHandle());
        deletes.put("second", received.get(1).receiptHandle());
        deletes.put("forged", "not-a-handle");
        BatchResult<String> deleted = queue.deleteBatch(deletes);
        assertEquals(List.of("first", "second"), List.copyOf(deleted.successful().keySet()));
        assertEquals("ReceiptHandleIsInvalid", deleted.failed().get("forged").code());
        assertEquals("The input receipt handle \"not-a-handle\" is not a valid receipt handle.",
                deleted.failed().get("forged").getMessage());
        // deleting the same handle twice: the second batch reports it per entry
        assertEquals("ReceiptHandleIsInvalid", queue.deleteBatch(Map.of("again", received.get(0).receiptHandle()))
                .failed().get("again").code());

        Map<String, VisibilityChange> changes = new LinkedHashMap<>();
        changes.put("now", new VisibilityChange(received.get(2).receiptHandle(), Duration.ZERO));
        changes.put("later", new VisibilityChange(received.get(3).receiptHandle(), Duration.ofSeconds(100)));
        changes.put("gone", new VisibilityChange(received.get(0).receiptHandle(), Duration.ZERO));
        changes.put("forged", new VisibilityChange("forged", Duration.ZERO));
        changes.put("tooLong", new VisibilityChange(received.get(3).receiptHandle(), Duration.ofHours(13)));
        BatchResult<VisibilityChange> changed = queue.changeVisibilityBatch(changes);
        assertEquals(List.of("now", "later"), List.copyOf(changed.successful().keySet()));
        assertEquals("MessageNotInflight", changed.failed().get("gone").code());
        assertEquals("ReceiptHandleIsInvalid", changed.failed().get("forged").code());
        assertEquals("InvalidParameterValue", changed.failed().get("tooLong").code());
        assertEquals(List.of("m2"), queue.receive(10).stream().map(ReceivedMessage::body).toList());
        clock.advance(Duration.ofSeconds(99));
        assertEquals(List.of(), queue.receive(10));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of("m3"), queue.receive(10).stream().map(ReceivedMessage::body).toList());
    }

    @Test
    void shouldEnforceFifoThroughputLimitPerQueueOnTheClock() {
        Queue queue = bus.createQueue("paced.fifo", Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true",
                "FifoThroughputLimit", "perQueue"));
        for (int i = 0; i < 299; i++) {
            queue.send(SendRequest.builder().body("m" + i).messageGroupId("g" + i % 3).build());
        }
        Map<String, SendRequest> batch = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            batch.put("e" + i, SendRequest.builder().body("b" + i).messageGroupId("g").build());
        }
        // the 300th transaction is a batch of 10: one transaction
        assertEquals(10, queue.sendBatch(batch).successful().size());
        StratusException throttled = assertThrows(StratusException.class,
                () -> queue.send(SendRequest.builder().body("late").messageGroupId("g").build()));
        assertEquals("RequestThrottled", throttled.code());
        assertEquals("Rate exceeded for SendMessage on queue paced.fifo. Reason: FifoThroughputLimit perQueue "
                + "allows 300 transactions per second.", throttled.getMessage());
        assertEquals("RequestThrottled", assertThrows(StratusException.class, () -> queue.sendBatch(batch)).code());
        // receives have their own quota
        for (int i = 0; i < 300; i++) {
            queue.receive(1);
        }
        assertEquals("RequestThrottled", assertThrows(StratusException.class, () -> queue.receive(1)).code());
        clock.advance(Duration.ofSeconds(1));
        queue.send(SendRequest.builder().body("next second").messageGroupId("fresh").build());
        assertEquals(1, queue.receive(1).size());
    }

    @Test
    void shouldEnforceFifoThroughputLimitPerMessageGroupInHighThroughputMode() {
        Queue queue = bus.createQueue("fast.fifo", Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true",
                "DeduplicationScope", "messageGroup", "FifoThroughputLimit", "perMessageGroupId"));
        for (int i = 0; i < 300; i++) {
            queue.send(SendRequest.builder().body("a" + i).messageGroupId("a").build());
        }
        StratusException throttled = assertThrows(StratusException.class,
                () -> queue.send(SendRequest.builder().body("a-late").messageGroupId("a").build()));
        assertEquals("Rate exceeded for SendMessage on message group a. Reason: FifoThroughputLimit "
                + "perMessageGroupId allows 300 transactions per second.", throttled.getMessage());
        // another group has its own quota, and receives are not metered in this mode
        queue.send(SendRequest.builder().body("b0").messageGroupId("b").build());
        for (int i = 0; i < 400; i++) {
            queue.receive(1);
        }
        // perMessageGroupId with queue-scoped deduplication is normal throughput: one quota for the queue
        Queue normal = bus.createQueue("normal.fifo", Map.of("FifoQueue", "true", "ContentBasedDeduplication",
                "true", "FifoThroughputLimit", "perMessageGroupId"));
        for (int i = 0; i < 300; i++) {
            normal.send(SendRequest.builder().body("m" + i).messageGroupId("g" + i).build());
        }
        assertEquals("RequestThrottled", assertThrows(StratusException.class,
                () -> normal.send(SendRequest.builder().body("x").messageGroupId("fresh").build())).code());
    }

    @Test
    void shouldDeadLetterOnlyWhereTheRedriveAllowPolicyAllows() {
        Queue dlq = bus.createQueue("dlq");
        Queue allowed = bus.createQueue("allowed");
        Queue other = bus.createQueue("other");
        dlq.setAttribute("RedriveAllowPolicy", "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[\""
                + allowed.arn() + "\"]}");
        String redrive = "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\",\"maxReceiveCount\":1}";
        allowed.setAttribute("RedrivePolicy", redrive);
        StratusException denied = assertThrows(StratusException.class,
                () -> other.setAttribute("RedrivePolicy", redrive));
        assertEquals("InvalidAttributeValue", denied.code());
        assertEquals("Value " + redrive + " for parameter RedrivePolicy is invalid. Reason: The dead-letter queue's "
                + "RedriveAllowPolicy does not allow this queue as a source queue: sourceQueueArn=" + other.arn()
                + ".", denied.getMessage());
        allowed.send("poison");
        allowed.receive(1);
        clock.advance(Duration.ofSeconds(30));
        assertEquals(List.of(), allowed.receive(1));
        assertEquals("poison", dlq.receive(1).get(0).body());
        // a policy tightened later keeps messages in their source queue
        dlq.setAttribute("RedriveAllowPolicy", "{\"redrivePermission\":\"denyAll\"}");
        allowed.send("kept");
        allowed.receive(1);
        clock.advance(Duration.ofSeconds(30));
        assertEquals("kept", allowed.receive(1).get(0).body());
        assertEquals("InvalidAttributeValue", assertThrows(StratusException.class,
                () -> bus.createQueue("late", Map.of("RedrivePolicy", redrive))).code());
    }

    @Test
    void shouldKeepFifoTopicOrderWhileRetryingAFailedDelivery() {
        Topic topic = bus.createTopic("t.fifo", Map.of("FifoTopic", "true", "ContentBasedDeduplication", "true"));
        List<String> handled = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        topic.subscribe("ordered", n -> {
            if (n.message().equals("m1") && failures.incrementAndGet() <= 4) {
                throw new IllegalStateException("transient");
            }
            handled.add(n.message());
        }, Map.of());
        topic.publish(PublishRequest.builder().message("m1").messageGroupId("g").build());
        topic.publish(PublishRequest.builder().message("m2").messageGroupId("g").build());
        assertEquals(List.of(), handled);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of("m1", "m2"), handled);
    }

    @Test
    void shouldHoldBackOnlyTheFailedMessageGroupOnAFifoTopic() {
        holdBackOnlyTheFailedGroup(bus);
    }

    @Test
    void shouldHoldBackOnlyTheFailedMessageGroupWithDirectDelivery() {
        holdBackOnlyTheFailedGroup(bus.toBuilder().directDelivery().build());
    }

    private void holdBackOnlyTheFailedGroup(final Bus target) {
        Topic topic = target.createTopic("g.fifo", Map.of("FifoTopic", "true", "ContentBasedDeduplication", "true"));
        List<String> handled = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        Subscription subscription = topic.subscribe("ordered", n -> {
            if (n.message().equals("a1") && failures.incrementAndGet() <= 4) {
                throw new IllegalStateException("transient");
            }
            handled.add(n.message());
        }, Map.of());
        topic.publish(PublishRequest.builder().message("a1").messageGroupId("a").build());
        topic.publish(PublishRequest.builder().message("b1").messageGroupId("b").build());
        topic.publish(PublishRequest.builder().message("a2").messageGroupId("a").build());
        topic.publish(PublishRequest.builder().message("b2").messageGroupId("b").build());
        // group b flows while group a waits for a1's fourth retry, one second away (the first three are immediate)
        assertEquals(List.of("b1", "b2"), handled);
        assertEquals(2, subscription.stats().pending());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of("b1", "b2", "a1", "a2"), handled);
        topic.publish(PublishRequest.builder().message("a3").messageGroupId("a").build());
        assertEquals(List.of("b1", "b2", "a1", "a2", "a3"), handled);
        assertEquals(new DeliveryStats(5, 5, 0, 0, 0), subscription.stats());
    }

    @Test
    void shouldHoldBackOnlyTheFailedGroupWhenDeliveringOnTheExecutor() {
        List<Runnable> parked = new ArrayList<>();
        Bus executorBus = bus.toBuilder().executor(parked::add).build();
        Topic topic = executorBus.createTopic("e.fifo", Map.of("FifoTopic", "true",
                "ContentBasedDeduplication", "true"));
        List<String> handled = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        topic.subscribe("ordered", n -> {
            if (n.message().equals("a1") && failures.incrementAndGet() <= 4) {
                throw new IllegalStateException("transient");
            }
            handled.add(n.message());
        }, Map.of());
        for (String message : List.of("a1", "b1", "a2", "b2")) {
            topic.publish(PublishRequest.builder().message(message).messageGroupId(message.substring(0, 1)).build());
        }
        while (!parked.isEmpty()) {
            parked.remove(0).run();
        }
        assertEquals(List.of("b1", "b2"), handled);
        while (clock.pendingTimers() > 0 || !parked.isEmpty()) {
            clock.advance(Duration.ofSeconds(1));
            while (!parked.isEmpty()) {
                parked.remove(0).run();
            }
        }
        assertEquals(List.of("b1", "b2", "a1", "a2"), handled);
    }

    @Test
    void shouldAccountForEveryMessageUnderInjectedFailuresAndOverflow() {
        Bus bounded = bus.toBuilder().maxPendingPerSubscription(5).build();
        List<Runnable> parked = new ArrayList<>();
        Bus parkedBus = bounded.toBuilder().executor(parked::add).build();
        Topic topic = parkedBus.createTopic("load");
        Queue dlq = parkedBus.createQueue("load-dlq");
        RandomSource failures = RandomSource.seeded(7);
        Subscription subscription = topic.subscribe("worker", n -> {
            if (failures.nextInt(3) == 0) {
                throw new IllegalStateException("injected");
            }
        }, Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\"}"));
        for (int i = 0; i < 50; i++) {
            topic.publish("m" + i);
            if (i % 7 == 0) {
                List<Runnable> batch = new ArrayList<>(parked);
                parked.clear();
                batch.forEach(Runnable::run);
            }
            DeliveryStats stats = subscription.stats();
            assertEquals(stats.accepted(), stats.delivered() + stats.pending() + stats.deadLettered()
                    + stats.discarded());
        }
        while (!parked.isEmpty() || clock.pendingTimers() > 0) {
            List<Runnable> batch = new ArrayList<>(parked);
            parked.clear();
            batch.forEach(Runnable::run);
            clock.advance(Duration.ofSeconds(30));
        }
        DeliveryStats stats = subscription.stats();
        assertEquals(50, stats.accepted());
        assertEquals(0, stats.pending());
        assertEquals(0, stats.discarded());
        assertTrue(stats.deadLettered() > 0, stats.toString());
        assertEquals(50, stats.delivered() + stats.deadLettered());
        assertEquals(stats.deadLettered(), dlq.size());
    }

    @Test
    void shouldEnforceFilterPolicyQuotaPerTopic() {
        Bus small = bus.toBuilder().maxFilterPoliciesPerTopic(1).build();
        Topic topic = small.createTopic("t");
        Queue queue = small.createQueue("q");
        topic.subscribe(queue, Map.of("FilterPolicy", "{\"a\": [\"b\"]}"));
        Subscription plain = topic.subscribe(queue);
        StratusException e = assertThrows(StratusException.class,
                () -> plain.setAttribute("FilterPolicy", "{\"a\": [\"c\"]}"));
        assertEquals("FilterPolicyLimitExceeded", e.code());
        assertEquals(null, plain.filterPolicy());
    }

    @Test
    void shouldLongPollWithQueueDefaultWait() {
        Queue queue = bus.createQueue("lp", Map.of("ReceiveMessageWaitTimeSeconds", "20"));
        CompletableFuture<List<ReceivedMessage>> poll = queue.receiveAsync(1).toCompletableFuture();
        clock.advance(Duration.ofSeconds(19));
        assertFalse(poll.isDone());
        queue.send("now");
        assertEquals("now", poll.join().get(0).body());
    }

    @Test
    void shouldDeliverInlineWithDirectDeliveryAndStillRetryOnTheClock() {
        Bus direct = bus.toBuilder().directDelivery().build();
        Topic topic = direct.createTopic("direct");
        List<String> handled = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        Subscription subscription = topic.subscribe("fn", n -> {
            if (calls.incrementAndGet() <= 4) {
                throw new IllegalStateException("transient");
            }
            handled.add(n.message());
        }, Map.of());
        topic.publish("m1");
        assertEquals(new DeliveryStats(1, 0, 1, 0, 0), subscription.stats());
        clock.advance(Duration.ofSeconds(1));
        topic.publish("m2");
        assertEquals(List.of("m1", "m2"), handled);
        assertEquals(new DeliveryStats(2, 2, 0, 0, 0), subscription.stats());
    }

    @Test
    void shouldNotReenterAHandlerWhenItPublishesToItsOwnTopicWithDirectDelivery() {
        Bus direct = bus.toBuilder().directDelivery().build();
        Topic topic = direct.createTopic("reentrant");
        List<String> order = new ArrayList<>();
        Subscription first = topic.subscribe("first", n -> {
            order.add("first:" + n.message());
            if (n.message().equals("outer")) {
                topic.publish("inner");
            }
        }, Map.of());
        Subscription second = topic.subscribe("second", n -> order.add("second:" + n.message()), Map.of());
        topic.publish("outer");
        // "first" gets the inner message only after its handler returned; "second" had the inner message in its
        // mailbox before the outer fan-out reached it, and a mailbox keeps its order
        assertEquals(List.of("first:outer", "first:inner", "second:inner", "second:outer"), order);
        assertEquals(new DeliveryStats(2, 2, 0, 0, 0), first.stats());
        assertEquals(new DeliveryStats(2, 2, 0, 0, 0), second.stats());
    }

    @Test
    void shouldStillDeliverAPendingRetryAfterUnsubscribeWithDirectDelivery() {
        Bus direct = bus.toBuilder().directDelivery().build();
        Topic topic = direct.createTopic("leaving");
        List<String> handled = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        Subscription subscription = topic.subscribe("fn", n -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("transient");
            }
            handled.add(n.message());
        }, Map.of());
        topic.publish("m1");
        subscription.unsubscribe();
        topic.publish("m2");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of("m1"), handled);
        assertEquals(new DeliveryStats(1, 1, 0, 0, 0), subscription.stats());
    }

    @Test
    void shouldBuildBusFromFacadeSettings() {
        Stratus stratus = Stratus.builder().clock(clock).account("222222222222").region("eu-west-1")
                .bus(b -> b.executor(Runnable::run)).build();
        Topic topic = stratus.bus().createTopic("t");
        assertEquals("arn:aws:sns:eu-west-1:222222222222:t", topic.arn());
        assertTrue(stratus.bus() == stratus.bus());
    }

    @Test
    void shouldRejectBuilderMisuseNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bus.builder().maxPendingPerSubscription(0));
        assertEquals("maxPendingPerSubscription must be positive: maxPendingPerSubscription=0", e.getMessage());
        NullPointerException npe = assertThrows(NullPointerException.class, () -> Bus.builder().clock(null));
        assertEquals("clock", npe.getMessage());
    }

    private static void assertMessage(final String code, final String message, final Runnable call) {
        StratusException e = assertThrows(StratusException.class, call::run);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(message, e.getMessage());
    }
}
