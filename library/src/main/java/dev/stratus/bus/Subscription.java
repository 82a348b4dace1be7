package dev.stratus.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.bus.internal.HttpDeliveryPolicy;
import dev.stratus.bus.internal.HttpSender;
import dev.stratus.bus.internal.RetrySchedule;
import dev.stratus.bus.internal.Signer;
import dev.stratus.core.Arn;
import dev.stratus.core.StratusException;
import dev.stratus.core.internal.Json;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jctools.queues.MpscUnboundedArrayQueue;

/**
 * A subscription of a Bus queue ({@code sqs}), a Java function ({@code lambda}) or an HTTP/S endpoint to a topic.
 * Attributes as SNS has them: {@code RawMessageDelivery}, {@code FilterPolicy}, {@code FilterPolicyScope},
 * {@code RedrivePolicy}, and for HTTP/S {@code DeliveryPolicy}.
 *
 * <p>HTTP/S subscriptions first receive a signed {@code SubscriptionConfirmation} and get nothing else until
 * {@link Topic#confirmSubscription(String)} is called with its token. Notifications are POSTed in the signed SNS
 * JSON envelope with SNS's headers (raw: the bare message and {@code x-amz-sns-rawdelivery: true}); 2xx is
 * delivered, other 4xx are client errors (dead-lettered at once), 5xx, 429 and I/O failures are retried on the
 * clock per the {@code DeliveryPolicy}.
 *
 * <p>Queue deliveries happen during the publish; function and HTTP deliveries go through a per-subscription mailbox
 * drained on the bus executor one at a time, so a slow or failing endpoint delays only its own subscription. The
 * mailbox
 * holds at most the bus's {@code maxPendingPerSubscription} messages (retries included); a message arriving when it
 * is full is dead-lettered with {@code ErrorCode} {@code SubscriptionOverflow}, or discarded and reported to the
 * error handler when the subscription has no dead-letter queue. See {@link DeliveryStats} for the invariant.
 *
 * <p>On a FIFO topic a delivery waiting for its retry (or for the HTTP throttle) holds back the later deliveries
 * of its message group only, as SNS does: other groups keep flowing, and each group is delivered in the order
 * published.
 */
public final class Subscription {
    private final Bus bus;
    private final Topic topic;
    private final String arn;
    private final String protocol;
    private final String endpoint;
    private final Queue queue;
    private final NotificationHandler handler;
    private final URI httpEndpoint;
    private volatile Settings settings = new Settings(false, null, FilterPolicyScope.MESSAGE_ATTRIBUTES, false, null,
            HttpDeliveryPolicy.DEFAULT);
    private volatile boolean active = true;
    private volatile boolean confirmed;
    private final String token;
    private long throttleWindowSecond = Long.MIN_VALUE;
    private int throttleCount;

    // holds a Published on first attempt, a Retry once it failed: no wrapper allocated on the happy path
    private final MpscUnboundedArrayQueue<Object> mailbox = new MpscUnboundedArrayQueue<>(64);
    // who may consume the mailbox and call the endpoint; with direct delivery the topic's shared token, so one
    // compare-and-set per publish covers every subscription of the topic
    private final AtomicBoolean draining;
    private final boolean direct;
    // FIFO topics: groups whose head delivery waits for a retry; touched only by the holder of `draining`
    private final Map<String, Hold> holds;
    private final Runnable drain = this::drain;
    private final AtomicLong accepted = new AtomicLong();
    // queue deliveries that succeeded: accepted and delivered at once, one atomic instead of two
    private final AtomicLong enqueued = new AtomicLong();
    // single-writer counters of the thread that holds `draining`: the direct path pays no atomic for them, and
    // the draining CAS / release hand them from owner to owner
    private long ownedAccepted;
    private long ownedDelivered;
    // deliveries in the mailbox, held or awaiting a retry; a field, not an AtomicLong, so the direct path's one
    // check per subscription reads the subscription's own memory
    private volatile long pending;
    private static final VarHandle PENDING;

    static {
        try {
            PENDING = MethodHandles.lookup().findVarHandle(Subscription.class, "pending", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong discarded = new AtomicLong();

    private record Settings(boolean raw, FilterPolicy filterPolicy, FilterPolicyScope scope, boolean scopeSet,
            String deadLetterTargetArn, HttpDeliveryPolicy deliveryPolicy) {
        Settings with(final boolean newRaw, final FilterPolicy newPolicy, final FilterPolicyScope newScope,
                final String newDeadLetterTargetArn) {
            return new Settings(newRaw, newPolicy, newScope, scopeSet, newDeadLetterTargetArn, deliveryPolicy);
        }
    }

    /** A FIFO group held back: the delivery waiting for its retry, and the group's later ones behind it. */
    private static final class Hold {
        Object head;
        final ArrayDeque<Object> waiting = new ArrayDeque<>();
    }

    private static final class Retry {
        final Published published;
        int retries;

        Retry(final Published published) {
            this.published = published;
        }
    }

    Subscription(final Bus bus, final Topic topic, final String arn, final String protocol, final String endpoint,
            final Queue queue, final NotificationHandler handler, final URI httpEndpoint) {
        this.bus = bus;
        this.topic = topic;
        this.arn = arn;
        this.protocol = protocol;
        this.endpoint = endpoint;
        this.queue = queue;
        this.handler = handler;
        this.httpEndpoint = httpEndpoint;
        this.direct = bus.directDelivery() && queue == null;
        this.draining = direct ? topic.directToken() : new AtomicBoolean();
        this.confirmed = httpEndpoint == null;
        this.holds = topic.fifo() ? new HashMap<>() : null;
        this.token = httpEndpoint == null ? null
                : Long.toHexString(bus.random().nextLong()) + Long.toHexString(bus.random().nextLong())
                        + Long.toHexString(bus.random().nextLong()) + Long.toHexString(bus.random().nextLong());
    }

    /** The subscription ARN, {@code topicArn:uuid}. */
    public String arn() {
        return arn;
    }

    /** The topic ARN. */
    public String topicArn() {
        return topic.arn();
    }

    /** {@code sqs}, {@code lambda}, {@code http} or {@code https}. */
    public String protocol() {
        return protocol;
    }

    /** The queue ARN, function ARN or URL. */
    public String endpoint() {
        return endpoint;
    }

    /** Whether the subscription is still active (not unsubscribed, topic not deleted). */
    public boolean active() {
        return active;
    }

    /** Whether the subscription is confirmed; HTTP/S subscriptions wait for {@link Topic#confirmSubscription}. */
    public boolean confirmed() {
        return confirmed;
    }

    /** The filter policy in force, or null. */
    public FilterPolicy filterPolicy() {
        return settings.filterPolicy;
    }

    /** Whether messages are delivered raw instead of in the SNS JSON envelope. */
    public boolean rawMessageDelivery() {
        return settings.raw;
    }

    /** Attributes as GetSubscriptionAttributes returns them. */
    public Map<String, String> attributes() {
        Settings current = settings;
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("SubscriptionArn", arn);
        attributes.put("TopicArn", topic.arn());
        attributes.put("Protocol", protocol);
        attributes.put("Endpoint", endpoint);
        attributes.put("Owner", bus.account());
        attributes.put("ConfirmationWasAuthenticated", Boolean.toString(confirmed));
        attributes.put("PendingConfirmation", Boolean.toString(!confirmed));
        attributes.put("RawMessageDelivery", Boolean.toString(current.raw));
        if (current.filterPolicy != null) {
            attributes.put("FilterPolicy", current.filterPolicy.json());
            // SNS reports the scope only once a policy is set (recorded)
            attributes.put("FilterPolicyScope", current.scope.awsName());
        }
        if (current.deadLetterTargetArn != null) {
            attributes.put("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + current.deadLetterTargetArn + "\"}");
        }
        if (httpEndpoint != null && current.deliveryPolicy != HttpDeliveryPolicy.DEFAULT) {
            attributes.put("DeliveryPolicy", current.deliveryPolicy.json());
        }
        return attributes;
    }

    /**
     * Sets one attribute, as SetSubscriptionAttributes does; an empty {@code FilterPolicy} or {@code RedrivePolicy}
     * removes it. Takes effect at once (AWS: within 15 minutes).
     *
     * @throws StratusException {@code InvalidParameter} with SNS's message, e.g.
     *     {@code Invalid parameter: FilterPolicy: Filter policy is too complex}, or {@code NotFound} once
     *     unsubscribed
     */
    public void setAttribute(final String name, final String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        checkActive();
        synchronized (topic) {
            Settings next = apply(settings, name, value, "Invalid parameter: ");
            if (settings.filterPolicy == null && next.filterPolicy != null) {
                topic.checkPolicyQuota();
            }
            settings = next;
            topic.subscriptionsChanged();
        }
    }

    void applyInitial(final Map<String, String> attributes) {
        Settings next = settings;
        String scope = attributes.get("FilterPolicyScope");
        if (scope != null) {
            next = apply(next, "FilterPolicyScope", scope, "Invalid parameter: Attributes Reason: ");
        }
        for (Map.Entry<String, String> entry : attributes.entrySet()) {
            if (!entry.getKey().equals("FilterPolicyScope")) {
                Objects.requireNonNull(entry.getValue(), entry.getKey());
                next = apply(next, entry.getKey(), entry.getValue(), "Invalid parameter: Attributes Reason: ");
            }
        }
        settings = next;
    }

    private Settings apply(final Settings current, final String name, final String value, final String prefix) {
        switch (name) {
            case "RawMessageDelivery":
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw new StratusException("InvalidParameter", prefix + "RawMessageDelivery: Invalid value ["
                            + value + "]. Must be true or false.");
                }
                return current.with(Boolean.parseBoolean(value.toLowerCase(java.util.Locale.ROOT)),
                        current.filterPolicy, current.scope, current.deadLetterTargetArn);
            case "FilterPolicy": {
                FilterPolicy policy = value.isEmpty() ? null
                        : FilterPolicy.parse(value, current.scope, prefix.startsWith("Invalid parameter: Attributes")
                                ? prefix : "Invalid parameter: ");
                return current.with(current.raw, policy, current.scope, current.deadLetterTargetArn);
            }
            case "FilterPolicyScope": {
                FilterPolicyScope scope;
                try {
                    scope = FilterPolicyScope.fromAwsName(value);
                } catch (StratusException e) {
                    throw new StratusException("InvalidParameter", prefix + "FilterPolicyScope: Invalid value ["
                            + value + "]. Please use either MessageBody or MessageAttributes");
                }
                FilterPolicy policy = current.filterPolicy == null ? null
                        : FilterPolicy.parse(current.filterPolicy.json(), scope, prefix);
                return new Settings(current.raw, policy, scope, true, current.deadLetterTargetArn,
                        current.deliveryPolicy);
            }
            case "RedrivePolicy": {
                if (value.isEmpty()) {
                    return current.with(current.raw, current.filterPolicy, current.scope, null);
                }
                JsonNode policy = Queue.parseJson(value);
                if (policy == null || !policy.isObject()) {
                    throw new StratusException("InvalidParameter", prefix + "RedrivePolicy: failed to parse JSON.");
                }
                JsonNode target = policy.get("deadLetterTargetArn");
                if (target == null || !target.isTextual() || !Arn.isArn(target.asText())
                        || !Arn.parse(target.asText()).service().equals("sqs")) {
                    throw new StratusException("InvalidParameter", prefix
                            + "RedrivePolicy: deadLetterTargetArn is not a valid SQS queue ARN: deadLetterTargetArn="
                            + (target == null ? null : target.asText()));
                }
                return current.with(current.raw, current.filterPolicy, current.scope, target.asText());
            }
            case "DeliveryPolicy": {
                if (httpEndpoint == null) {
                    throw new StratusException("InvalidParameter", prefix + "DeliveryPolicy: only HTTP/S "
                            + "subscriptions take a DeliveryPolicy: protocol=" + protocol);
                }
                HttpDeliveryPolicy policy = value.isEmpty() ? HttpDeliveryPolicy.DEFAULT
                        : HttpDeliveryPolicy.parse(value, prefix);
                return new Settings(current.raw, current.filterPolicy, current.scope, current.scopeSet,
                        current.deadLetterTargetArn, policy);
            }
            default:
                throw new StratusException("InvalidParameter", prefix + "AttributeName");
        }
    }

    /** Removes the subscription from its topic, as Unsubscribe does. Messages still pending are delivered. */
    public void unsubscribe() {
        checkActive();
        topic.unsubscribe(this);
        if (httpEndpoint != null && confirmed) {
            sendConfirmation("UnsubscribeConfirmation");
        }
    }

    /** Delivery counters; see {@link DeliveryStats} for the invariant. */
    public DeliveryStats stats() {
        long pendingNow = pending;
        // acquire: the owned counters are published by the release of `draining`
        draining.get();
        long enqueuedNow = enqueued.get();
        return new DeliveryStats(accepted.get() + enqueuedNow + ownedAccepted,
                enqueuedNow + ownedDelivered, pendingNow,
                deadLettered.get(), discarded.get());
    }

    @Override
    public String toString() {
        return "Subscription[" + arn + " -> " + endpoint + "]";
    }

    // ---- delivery

    void deactivate() {
        active = false;
    }

    FilterPolicyScope effectiveScope() {
        return settings.scope;
    }

    /** Whether this subscription takes part in its topic's direct delivery (see {@link Topic}). */
    boolean direct() {
        return direct;
    }

    /**
     * Hands one matched message to this subscription's endpoint. {@code owned}: the caller holds the topic's
     * direct-delivery token, so an idle subscription is called right here without any atomic operation; everything
     * else goes through the mailbox.
     */
    void deliver(final Published published, final boolean owned) {
        if (!confirmed) {
            // SNS sends nothing but the confirmation request until an HTTP/S subscription is confirmed
            return;
        }
        if (queue != null) {
            deliverToQueue(published);
            return;
        }
        if (owned && pending == 0) {
            // nothing in the mailbox, held or awaiting a retry: deliver now (one volatile read per subscription);
            // the message only becomes pending if this first attempt fails
            ownedAccepted++;
            attempt(published, null, false);
            return;
        }
        accepted.incrementAndGet();
        if (pending >= bus.maxPendingPerSubscription()) {
            deadLetter(published, "SubscriptionOverflow", "subscription mailbox full: maxPendingPerSubscription="
                    + bus.maxPendingPerSubscription());
            return;
        }
        PENDING.getAndAdd(this, 1L);
        mailbox.offer(published);
        schedule();
    }

    private void deliverToQueue(final Published published) {
        Settings current = settings;
        String body = current.raw ? published.messageFor("sqs") : published.envelope("sqs", arn);
        Map<String, MessageAttribute> attributes = Map.of();
        if (current.raw) {
            if (published.attributes.size() > 10) {
                accepted.incrementAndGet();
                deadLetter(published, "InvalidParameter", "raw delivery to SQS takes at most 10 message "
                        + "attributes: attributes=" + published.attributes.size());
                return;
            }
            attributes = published.attributes;
        }
        try {
            queue.deliverFromTopic(body, attributes, queue.fifo() ? published.groupId : null,
                    queue.fifo() ? published.deduplicationId : null, published.compact());
            enqueued.incrementAndGet();
        } catch (StratusException e) {
            // SQS refusing the message (deleted queue, size) is a client-side error: no retries
            accepted.incrementAndGet();
            deadLetter(published, e.code(), e.getMessage());
        }
    }

    /** Whether the mailbox has a delivery that may go now. */
    boolean hasWork() {
        return !mailbox.isEmpty();
    }

    /** Whether the subscription is gone and owes nothing more: its topic may forget it. */
    boolean retired() {
        return !active && pending == 0 && !hasWork();
    }

    private void schedule() {
        if (direct) {
            topic.drainDirect();
            return;
        }
        if (hasWork() && draining.compareAndSet(false, true)) {
            try {
                bus.executor().execute(drain);
            } catch (RuntimeException e) {
                draining.set(false);
                bus.errorHandler().onError(e);
            }
        }
    }

    private void drain() {
        try {
            drainOwned();
        } finally {
            draining.set(false);
        }
        schedule();
    }

    /** Delivers what the mailbox holds; the caller holds {@code draining}. */
    void drainOwned() {
        Object next;
        while ((next = mailbox.poll()) != null) {
            Hold hold = holds == null || holds.isEmpty() ? null : holds.get(published(next).groupId);
            if (hold == null) {
                attempt(next);
            } else if (hold.head != next) {
                // a later delivery of a held group waits behind the group's head
                hold.waiting.addLast(next);
            } else {
                // the held head is due again: deliver it, then the group's waiting deliveries until one fails
                hold.head = null;
                attempt(next);
                while (hold.head == null && !hold.waiting.isEmpty()) {
                    attempt(hold.waiting.pollFirst());
                }
                if (hold.head == null) {
                    holds.remove(published(next).groupId);
                }
            }
        }
    }

    private static Published published(final Object item) {
        return item instanceof Retry retry ? retry.published : (Published) item;
    }

    /** One attempt of a mailbox item, which holds a pending slot. */
    private void attempt(final Object item) {
        if (item instanceof Retry retry) {
            attempt(retry.published, retry, true);
        } else {
            attempt((Published) item, null, true);
        }
    }

    /** One delivery attempt; {@code counted} says whether the message already holds a pending slot. */
    private void attempt(final Published published, final Retry previous, final boolean counted) {
        if (httpEndpoint != null && throttled(published, previous)) {
            if (!counted) {
                PENDING.getAndAdd(this, 1L);
            }
            return;
        }
        try {
            if (handler != null) {
                handler.handle(published.notification());
            } else {
                post(published);
            }
            // count the outcome before releasing the pending slot, so pending == 0 means every outcome is counted;
            // attempts run only while holding `draining`, so this thread is the counter's single writer
            ownedDelivered++;
            if (counted) {
                PENDING.getAndAdd(this, -1L);
            }
        } catch (DeliveryRejectedException e) {
            bus.errorHandler().onError(e);
            deadLetter(published, e.code(), e.getMessage());
            if (counted) {
                PENDING.getAndAdd(this, -1L);
            }
        } catch (Exception e) {
            bus.errorHandler().onError(e);
            if (!counted) {
                PENDING.getAndAdd(this, 1L);
            }
            Retry item = previous != null ? previous : new Retry(published);
            item.retries++;
            Duration delay = httpEndpoint != null ? deliveryPolicy().delayBefore(item.retries)
                    : RetrySchedule.delayBefore(item.retries);
            if (delay == null) {
                deadLetter(item.published, "DeliveryFailed", "retries exhausted after " + (item.retries - 1)
                        + " retries: " + e);
                PENDING.getAndAdd(this, -1L);
            } else if (topic.fifo()) {
                holdForRetry(item, delay);
            } else if (delay.isZero()) {
                mailbox.offer(item);
                signalWork();
            } else {
                bus.clock().schedule(delay, () -> {
                    mailbox.offer(item);
                    schedule();
                });
            }
        }
    }

    /** Tells the topic's direct-delivery token holder to look at the mailboxes again before it is done. */
    private void signalWork() {
        if (direct) {
            topic.signalDirectWork();
        }
    }

    /** The subscription's DeliveryPolicy merged over the topic's default (SNS's EffectiveDeliveryPolicy). */
    private HttpDeliveryPolicy deliveryPolicy() {
        return settings.deliveryPolicy.over(topic.deliveryPolicy());
    }

    /** Holds the item's FIFO group until the item comes back through the mailbox after {@code delay}. */
    private void holdForRetry(final Object item, final Duration delay) {
        holds.computeIfAbsent(published(item).groupId, g -> new Hold()).head = item;
        if (delay.isZero()) {
            mailbox.offer(item);
            signalWork();
            return;
        }
        bus.clock().schedule(delay, () -> {
            mailbox.offer(item);
            schedule();
        });
    }

    /** Holds a delivery back to the next second once the throttle's per-second budget is spent. */
    private boolean throttled(final Published published, final Retry previous) {
        int limit = deliveryPolicy().maxReceivesPerSecond();
        if (limit <= 0) {
            return false;
        }
        long now = bus.clock().nanoTime();
        long second = Math.floorDiv(now, 1_000_000_000L);
        if (second != throttleWindowSecond) {
            throttleWindowSecond = second;
            throttleCount = 0;
        }
        if (throttleCount < limit) {
            throttleCount++;
            return false;
        }
        Object item = previous != null ? previous : published;
        Duration wait = Duration.ofNanos((second + 1) * 1_000_000_000L - now);
        if (holds != null) {
            holdForRetry(item, wait);
            return true;
        }
        bus.clock().schedule(wait, () -> {
            mailbox.offer(item);
            schedule();
        });
        return true;
    }

    private void post(final Published published) throws IOException, InterruptedException {
        boolean raw = settings.raw;
        String body = raw ? published.messageFor(protocol) : published.envelope(protocol, arn);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amz-sns-message-type", "Notification");
        headers.put("x-amz-sns-message-id", published.text());
        headers.put("x-amz-sns-topic-arn", topic.arn());
        headers.put("x-amz-sns-subscription-arn", arn);
        if (raw) {
            headers.put("x-amz-sns-rawdelivery", "true");
        }
        send(body, headers);
    }

    private void send(final String body, final Map<String, String> headers) throws IOException, InterruptedException {
        String contentType = deliveryPolicy().contentType();
        headers.put("Content-Type", contentType != null ? contentType : "text/plain; charset=UTF-8");
        int status = HttpSender.post(httpEndpoint, body, headers);
        if (status >= 200 && status < 300) {
            return;
        }
        if (status >= 400 && status < 500 && status != 429) {
            throw new DeliveryRejectedException("ClientError", "endpoint answered HTTP " + status + ": endpoint="
                    + endpoint);
        }
        throw new IOException("endpoint answered HTTP " + status + ": endpoint=" + endpoint);
    }

    /** The token the SubscriptionConfirmation carries, for tests that stand in for the endpoint. */
    String token() {
        return token;
    }

    boolean confirm(final String candidate) {
        if (token != null && token.equals(candidate)) {
            confirmed = true;
            return true;
        }
        return false;
    }

    /** Sends SubscriptionConfirmation or UnsubscribeConfirmation on the executor; failures go to the handler. */
    void sendConfirmation(final String type) {
        String messageId = bus.ids().messageId();
        String timestamp = Published.formatTimestamp(bus.clock().epochMillis());
        String action = type.equals("SubscriptionConfirmation") ? "ConfirmSubscription" : "Subscribe";
        String subscribeUrl = "https://sns." + bus.region() + ".amazonaws.com/?Action=" + action + "&TopicArn="
                + URLEncoder.encode(topic.arn(), StandardCharsets.UTF_8) + "&Token=" + token;
        String message = type.equals("SubscriptionConfirmation")
                ? "You have chosen to subscribe to the topic " + topic.arn() + ".\nTo confirm the subscription, "
                        + "visit the SubscribeURL included in this message."
                : "You have chosen to deactivate subscription " + arn + ".\nTo cancel this operation and restore "
                        + "the subscription, visit the SubscribeURL included in this message.";
        String version = topic.signatureVersion();
        ObjectNode envelope = Json.MAPPER.createObjectNode();
        envelope.put("Type", type);
        envelope.put("MessageId", messageId);
        envelope.put("Token", token);
        envelope.put("TopicArn", topic.arn());
        envelope.put("Message", message);
        envelope.put("SubscribeURL", subscribeUrl);
        envelope.put("Timestamp", timestamp);
        envelope.put("SignatureVersion", version);
        envelope.put("Signature", bus.signer().sign(Signer.stringToSign("Message", message, "MessageId", messageId,
                "SubscribeURL", subscribeUrl, "Timestamp", timestamp, "Token", token, "TopicArn", topic.arn(),
                "Type", type), version));
        envelope.put("SigningCertURL", bus.signingCertUrl());
        String body = Json.write(envelope);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amz-sns-message-type", type);
        headers.put("x-amz-sns-message-id", messageId);
        headers.put("x-amz-sns-topic-arn", topic.arn());
        bus.executor().execute(() -> {
            try {
                send(body, headers);
            } catch (IOException | RuntimeException e) {
                bus.errorHandler().onError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                bus.errorHandler().onError(e);
            }
        });
    }

    private void deadLetter(final Published published, final String code, final String message) {
        String target = settings.deadLetterTargetArn;
        Queue dlq = target == null ? null : bus.findQueueByArn(target);
        if (dlq != null) {
            Map<String, MessageAttribute> attributes = new LinkedHashMap<>(published.attributes);
            attributes.put("RequestID", MessageAttribute.string(bus.ids().requestId()));
            attributes.put("ErrorCode", MessageAttribute.string(code));
            attributes.put("ErrorMessage", MessageAttribute.string(message));
            String body = settings.raw ? published.messageFor(protocol) : published.envelope(protocol, arn);
            try {
                dlq.deliverFromTopic(body, attributes, dlq.fifo() ? published.groupId : null,
                        dlq.fifo() ? published.deduplicationId : null, published.compact());
                deadLettered.incrementAndGet();
                return;
            } catch (StratusException e) {
                bus.errorHandler().onError(e);
            }
        }
        discarded.incrementAndGet();
        bus.errorHandler().onError(new StratusException(code, "message discarded by subscription " + arn
                + " (no usable dead-letter queue): messageId=" + published.text() + ", reason=" + message));
    }

    private void checkActive() {
        if (!active) {
            throw new StratusException("NotFound", "Subscription does not exist");
        }
    }
}
