package dev.stratus.bus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.bus.internal.RetrySchedule;
import dev.stratus.core.Arn;
import dev.stratus.core.StratusException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A subscription of a Bus queue ({@code sqs}) or a Java function ({@code lambda}) to a topic. Attributes as SNS
 * has them: {@code RawMessageDelivery}, {@code FilterPolicy}, {@code FilterPolicyScope}, {@code RedrivePolicy}.
 *
 * <p>Queue deliveries happen during the publish; function deliveries go through a per-subscription mailbox drained
 * on the bus executor one at a time, so a slow or failing function delays only its own subscription. The mailbox
 * holds at most the bus's {@code maxPendingPerSubscription} messages (retries included); a message arriving when it
 * is full is dead-lettered with {@code ErrorCode} {@code SubscriptionOverflow}, or discarded and reported to the
 * error handler when the subscription has no dead-letter queue. See {@link DeliveryStats} for the invariant.
 */
public final class Subscription {
    private final Bus bus;
    private final Topic topic;
    private final String arn;
    private final String protocol;
    private final String endpoint;
    private final Queue queue;
    private final NotificationHandler handler;
    private volatile Settings settings = new Settings(false, null, FilterPolicyScope.MESSAGE_ATTRIBUTES, false, null);
    private volatile boolean active = true;

    private final ConcurrentLinkedQueue<Pending> mailbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Runnable drain = this::drain;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong discarded = new AtomicLong();

    private record Settings(boolean raw, FilterPolicy filterPolicy, FilterPolicyScope scope, boolean scopeSet,
            String deadLetterTargetArn) {
    }

    private static final class Pending {
        final Published published;
        int retries;

        Pending(final Published published) {
            this.published = published;
        }
    }

    Subscription(final Bus bus, final Topic topic, final String arn, final Queue queue,
            final NotificationHandler handler, final String functionName) {
        this.bus = bus;
        this.topic = topic;
        this.arn = arn;
        this.queue = queue;
        this.handler = handler;
        this.protocol = queue != null ? "sqs" : "lambda";
        this.endpoint = queue != null ? queue.arn() : bus.arn("lambda", "function:" + functionName);
    }

    /** The subscription ARN, {@code topicArn:uuid}. */
    public String arn() {
        return arn;
    }

    /** The topic ARN. */
    public String topicArn() {
        return topic.arn();
    }

    /** {@code sqs} or {@code lambda}. */
    public String protocol() {
        return protocol;
    }

    /** The queue ARN or function ARN. */
    public String endpoint() {
        return endpoint;
    }

    /** Whether the subscription is still active (not unsubscribed, topic not deleted). */
    public boolean active() {
        return active;
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
        attributes.put("ConfirmationWasAuthenticated", "true");
        attributes.put("PendingConfirmation", "false");
        attributes.put("RawMessageDelivery", Boolean.toString(current.raw));
        if (current.filterPolicy != null) {
            attributes.put("FilterPolicy", current.filterPolicy.json());
            // SNS reports the scope only once a policy is set (recorded)
            attributes.put("FilterPolicyScope", current.scope.awsName());
        }
        if (current.deadLetterTargetArn != null) {
            attributes.put("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + current.deadLetterTargetArn + "\"}");
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
        synchronized (this) {
            settings = apply(settings, name, value, "Invalid parameter: ");
        }
        topic.subscriptionsChanged();
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
                return new Settings(Boolean.parseBoolean(value.toLowerCase(java.util.Locale.ROOT)),
                        current.filterPolicy, current.scope, current.scopeSet, current.deadLetterTargetArn);
            case "FilterPolicy": {
                FilterPolicy policy = value.isEmpty() ? null
                        : FilterPolicy.parse(value, current.scope, prefix.startsWith("Invalid parameter: Attributes")
                                ? prefix : "Invalid parameter: ");
                return new Settings(current.raw, policy, current.scope, current.scopeSet,
                        current.deadLetterTargetArn);
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
                return new Settings(current.raw, policy, scope, true, current.deadLetterTargetArn);
            }
            case "RedrivePolicy": {
                if (value.isEmpty()) {
                    return new Settings(current.raw, current.filterPolicy, current.scope, current.scopeSet, null);
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
                return new Settings(current.raw, current.filterPolicy, current.scope, current.scopeSet,
                        target.asText());
            }
            case "DeliveryPolicy":
                throw new StratusException("InvalidParameter", prefix + "DeliveryPolicy: only HTTP/S subscriptions "
                        + "take a DeliveryPolicy: protocol=" + protocol);
            default:
                throw new StratusException("InvalidParameter", prefix + "AttributeName");
        }
    }

    /** Removes the subscription from its topic, as Unsubscribe does. Messages still pending are delivered. */
    public void unsubscribe() {
        checkActive();
        topic.unsubscribe(this);
    }

    /** Delivery counters; see {@link DeliveryStats} for the invariant. */
    public DeliveryStats stats() {
        return new DeliveryStats(accepted.get(), delivered.get(), pending.get(), deadLettered.get(),
                discarded.get());
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

    /** Hands one matched message to this subscription's endpoint. */
    void deliver(final Published published) {
        accepted.incrementAndGet();
        if (queue != null) {
            deliverToQueue(published);
            return;
        }
        if (pending.get() >= bus.maxPendingPerSubscription()) {
            deadLetter(published, "SubscriptionOverflow", "subscription mailbox full: maxPendingPerSubscription="
                    + bus.maxPendingPerSubscription());
            return;
        }
        pending.incrementAndGet();
        mailbox.add(new Pending(published));
        schedule();
    }

    private void deliverToQueue(final Published published) {
        Settings current = settings;
        String body = current.raw ? published.messageFor("sqs") : published.envelope("sqs", arn);
        Map<String, MessageAttribute> attributes = Map.of();
        if (current.raw) {
            if (published.attributes.size() > 10) {
                deadLetter(published, "InvalidParameter", "raw delivery to SQS takes at most 10 message "
                        + "attributes: attributes=" + published.attributes.size());
                return;
            }
            attributes = published.attributes;
        }
        try {
            queue.deliverFromTopic(body, attributes, queue.fifo() ? published.groupId : null,
                    queue.fifo() ? published.deduplicationId : null, published.messageId);
            delivered.incrementAndGet();
        } catch (StratusException e) {
            // SQS refusing the message (deleted queue, size) is a client-side error: no retries
            deadLetter(published, e.code(), e.getMessage());
        }
    }

    private void schedule() {
        if (!mailbox.isEmpty() && draining.compareAndSet(false, true)) {
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
            Pending next;
            while ((next = mailbox.poll()) != null) {
                attempt(next);
            }
        } finally {
            draining.set(false);
        }
        schedule();
    }

    private void attempt(final Pending item) {
        try {
            handler.handle(item.published.notification(arn));
            pending.decrementAndGet();
            delivered.incrementAndGet();
        } catch (DeliveryRejectedException e) {
            pending.decrementAndGet();
            bus.errorHandler().onError(e);
            deadLetter(item.published, e.code(), e.getMessage());
        } catch (Exception e) {
            bus.errorHandler().onError(e);
            item.retries++;
            Duration delay = RetrySchedule.delayBefore(item.retries);
            if (delay == null) {
                pending.decrementAndGet();
                deadLetter(item.published, "DeliveryFailed", "retries exhausted after " + RetrySchedule.TOTAL
                        + " attempts: " + e);
            } else if (delay.isZero()) {
                mailbox.add(item);
            } else {
                bus.clock().schedule(delay, () -> {
                    mailbox.add(item);
                    schedule();
                });
            }
        }
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
                        dlq.fifo() ? published.deduplicationId : null, published.messageId);
                deadLettered.incrementAndGet();
                return;
            } catch (StratusException e) {
                bus.errorHandler().onError(e);
            }
        }
        discarded.incrementAndGet();
        bus.errorHandler().onError(new StratusException(code, "message discarded by subscription " + arn
                + " (no usable dead-letter queue): messageId=" + published.messageId + ", reason=" + message));
    }

    private void checkActive() {
        if (!active) {
            throw new StratusException("NotFound", "Subscription does not exist");
        }
    }
}
