package dev.stratus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.stratus.core.ManualClock;
import dev.stratus.core.RandomSource;
import dev.stratus.core.StratusException;
import dev.stratus.core.internal.Json;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** HTTP/S subscriptions against a real local HTTP server; time is a ManualClock, deliveries run inline. */
@Timeout(30)
class HttpSubscriptionTest {
    private record Received(Map<String, String> headers, String body) {
    }

    private final ManualClock clock = ManualClock.atEpoch();
    private final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    private final Bus bus = Bus.builder().clock(clock).random(RandomSource.seeded(3)).executor(Runnable::run)
            .errorHandler(errors::add).build();
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    private HttpServer server;
    private String url;

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/sns", exchange -> {
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
            received.add(new Received(headers, new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)));
            Integer status = statuses.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/sns";
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void shouldConfirmThenDeliverSignedEnvelopeWithSnsHeaders() throws Exception {
        Topic topic = bus.createTopic("web", Map.of("SignatureVersion", "2"));
        Subscription subscription = topic.subscribe("http", url, Map.of());
        Received confirmation = received.poll();
        JsonNode request = Json.parse(confirmation.body());
        assertEquals("SubscriptionConfirmation", request.get("Type").asText());
        assertEquals("SubscriptionConfirmation", confirmation.headers().get("x-amz-sns-message-type"));
        assertTrue(verify(request, "SHA256withRSA", "Message", "MessageId", "SubscribeURL", "Timestamp", "Token",
                "TopicArn", "Type"));
        topic.publish("before confirmation");
        assertEquals(0, received.size());
        assertEquals("true", subscription.attributes().get("PendingConfirmation"));

        topic.confirmSubscription(request.get("Token").asText());
        topic.publish(PublishRequest.builder().message("hello").subject("hi").build());
        Received notification = received.poll();
        JsonNode envelope = Json.parse(notification.body());
        assertEquals("hello", envelope.get("Message").asText());
        assertEquals("Notification", notification.headers().get("x-amz-sns-message-type"));
        assertEquals(subscription.arn(), notification.headers().get("x-amz-sns-subscription-arn"));
        assertEquals("text/plain; charset=UTF-8", notification.headers().get("Content-Type"));
        assertTrue(verify(envelope, "SHA256withRSA", "Message", "MessageId", "Subject", "Timestamp", "TopicArn",
                "Type"));
        assertEquals(new DeliveryStats(1, 1, 0, 0, 0), subscription.stats());
    }

    @Test
    void shouldRetryServerErrorsOnTheClockPerDeliveryPolicy() throws Exception {
        Topic topic = bus.createTopic("web");
        Subscription subscription = confirmed(topic, Map.of("DeliveryPolicy",
                "{\"healthyRetryPolicy\": {\"numRetries\": 2, \"minDelayTarget\": 5, \"maxDelayTarget\": 5}}"));
        statuses.add(500);
        statuses.add(503);
        topic.publish("m");
        assertEquals(1, received.size());
        clock.advance(Duration.ofSeconds(4));
        assertEquals(1, received.size());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(2, received.size());
        clock.advance(Duration.ofSeconds(5));
        assertEquals(3, received.size());
        assertEquals(new DeliveryStats(1, 1, 0, 0, 0), subscription.stats());
    }

    @Test
    void shouldUseTopicDefaultDeliveryPolicyAndContentType() {
        Topic topic = bus.createTopic("web", Map.of("DeliveryPolicy", "{\"http\": {\"defaultHealthyRetryPolicy\": "
                + "{\"numRetries\": 1, \"minDelayTarget\": 2, \"maxDelayTarget\": 2}}}"));
        Subscription subscription = confirmed(topic, Map.of("DeliveryPolicy",
                "{\"requestPolicy\": {\"headerContentType\": \"application/json\"}}"));
        statuses.add(500);
        statuses.add(500);
        topic.publish("m");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(2, received.size());
        assertEquals(new DeliveryStats(1, 0, 0, 0, 1), subscription.stats());
        assertEquals("application/json", received.poll().headers().get("Content-Type"));
        StratusException bad = assertThrows(StratusException.class, () -> topic.setAttribute("DeliveryPolicy",
                "{\"http\": {\"defaultHealthyRetryPolicy\": {\"backoffFunction\": \"cubic\"}}}"));
        assertEquals("Invalid parameter: DeliveryPolicy: backoffFunction must be linear, arithmetic, geometric or "
                + "exponential: backoffFunction=cubic", bad.getMessage());
    }

    @Test
    void shouldDeadLetterClientErrorsAtOnceAndSendRawBodies() {
        Topic topic = bus.createTopic("web");
        Queue dlq = bus.createQueue("web-dlq");
        Subscription subscription = confirmed(topic, Map.of("RawMessageDelivery", "true", "RedrivePolicy",
                "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\"}"));
        statuses.add(404);
        topic.publish("raw body");
        Received raw = received.poll();
        assertEquals("raw body", raw.body());
        assertEquals("true", raw.headers().get("x-amz-sns-rawdelivery"));
        assertEquals(new DeliveryStats(1, 0, 0, 1, 0), subscription.stats());
        ReceivedMessage dead = dlq.receive(1).get(0);
        assertEquals("ClientError", dead.messageAttributes().get("ErrorCode").stringValue());
        assertEquals("raw body", dead.body());
    }

    @Test
    void shouldRejectBadHttpSubscriptionsWithAwsMessages() {
        Topic topic = bus.createTopic("web");
        StratusException endpoint = assertThrows(StratusException.class,
                () -> topic.subscribe("https", url, Map.of()));
        assertEquals("Invalid parameter: Endpoint", endpoint.getMessage());
        StratusException token = assertThrows(StratusException.class, () -> topic.confirmSubscription("nope"));
        assertEquals("Invalid token", token.getMessage());
        StratusException policy = assertThrows(StratusException.class, () -> topic.subscribe("http", url,
                Map.of("DeliveryPolicy", "{\"healthyRetryPolicy\": {\"numRetries\": 101}}")));
        assertEquals("Invalid parameter: Attributes Reason: DeliveryPolicy: numRetries must be between 0 and 100: "
                + "numRetries=101", policy.getMessage());
    }

    private Subscription confirmed(final Topic topic, final Map<String, String> attributes) {
        Subscription subscription = topic.subscribe("http", url, attributes);
        String token = Json.MAPPER.valueToTree(parse(received.poll().body())).get("Token").asText();
        topic.confirmSubscription(token);
        return subscription;
    }

    private static JsonNode parse(final String body) {
        try {
            return Json.parse(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean verify(final JsonNode envelope, final String algorithm, final String... fields)
            throws Exception {
        StringBuilder toSign = new StringBuilder();
        for (String field : fields) {
            if (envelope.has(field)) {
                toSign.append(field).append('\n').append(envelope.get(field).asText()).append('\n');
            }
        }
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder()
                .decode(bus.signingPublicKeyPem().replaceAll("-----[A-Z ]+-----", ""))));
        Signature signature = Signature.getInstance(algorithm);
        signature.initVerify(key);
        signature.update(toSign.toString().getBytes(StandardCharsets.UTF_8));
        return signature.verify(Base64.getDecoder().decode(envelope.get("Signature").asText()));
    }
}
