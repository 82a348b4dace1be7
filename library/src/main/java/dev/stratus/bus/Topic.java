package dev.stratus.bus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.bus.internal.Attributes;
import dev.stratus.bus.internal.CompiledPolicy;
import dev.stratus.bus.internal.Digests;
import dev.stratus.bus.internal.Utf8;
import dev.stratus.bus.internal.FilterIndex;
import dev.stratus.core.StratusException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An SNS topic, standard or FIFO ({@code .fifo}, {@code FifoTopic=true}). Publishing validates the request,
 * deduplicates on FIFO topics (5-minute window, topic or message-group scope), evaluates every subscription's
 * filter policy through one index and hands the message to each matching subscription.
 *
 * <p>Thread-safe. Standard publishes run without locks; FIFO publishes are serialised so every subscription sees
 * one order.
 *
 * <p>With {@code Bus.Builder.directDelivery()}, function and HTTP subscriptions share one delivery token per topic:
 * the publisher that takes it (one compare-and-set) calls every idle subscription directly, with no atomic operation
 * per subscription; a publisher that finds it taken, and retries coming due, leave their messages in the
 * subscriptions' mailboxes, which the token holder drains before it lets go. So each subscription is still called
 * by one thread at a time, and a publish delivers before it returns unless another publisher is delivering.
 */
public final class Topic {
    private static final int MAX_MESSAGE_BYTES = 262_144;
    private static final Set<String> SETTABLE = Set.of("DisplayName", "Policy", "DeliveryPolicy", "KmsMasterKeyId",
            "SignatureVersion", "TracingConfig", "FifoTopic", "ContentBasedDeduplication", "FifoThroughputScope",
            "ArchivePolicy", "DataProtectionPolicy");

    private final Bus bus;
    private final String name;
    private final String arn;
    private final boolean fifo;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private volatile Snapshot snapshot = new Snapshot(new Subscription[0]);
    private final LinkedHashMap<String, PublishResult> deduplication = new LinkedHashMap<>();
    private final LinkedHashMap<String, Long> deduplicationExpiry = new LinkedHashMap<>();
    private long sequence;
    private volatile boolean deleted;
    private volatile dev.stratus.bus.internal.HttpDeliveryPolicy deliveryPolicy;
    private final AtomicBoolean directToken = new AtomicBoolean();
    private volatile boolean directWork;
    // direct subscriptions, kept after unsubscribe until their mailboxes are empty ("pending messages are delivered")
    private volatile Subscription[] directMembers = new Subscription[0];

    /** The subscriptions and their filter indexes, rebuilt on every change and read without locks. */
    private static final class Snapshot {
        final Subscription[] subscriptions;
        final FilterIndex attributeIndex;
        final FilterIndex bodyIndex;
        final boolean unfilteredOnly;

        Snapshot(final Subscription[] subscriptions) {
            this.subscriptions = subscriptions;
            CompiledPolicy[] policies = new CompiledPolicy[subscriptions.length];
            boolean[] body = new boolean[subscriptions.length];
            boolean[] attributes = new boolean[subscriptions.length];
            for (int i = 0; i < subscriptions.length; i++) {
                FilterPolicy policy = subscriptions[i].filterPolicy();
                policies[i] = policy == null ? null : policy.compiled();
                body[i] = policy != null && policy.scope() == FilterPolicyScope.MESSAGE_BODY;
                attributes[i] = !body[i];
            }
            this.attributeIndex = new FilterIndex(policies, body);
            this.bodyIndex = new FilterIndex(policies, attributes);
            boolean anyPolicy = false;
            for (CompiledPolicy policy : policies) {
                anyPolicy |= policy != null;
            }
            this.unfilteredOnly = !anyPolicy;
        }
    }

    Topic(final Bus bus, final String name, final Map<String, String> initial) {
        this.bus = bus;
        this.name = name;
        this.arn = bus.arn("sns", name);
        this.fifo = name.endsWith(".fifo");
        for (Map.Entry<String, String> entry : initial.entrySet()) {
            checkAttribute(entry.getKey(), entry.getValue(), true);
            attributes.put(entry.getKey(), entry.getValue());
            if (entry.getKey().equals("DeliveryPolicy")) {
                deliveryPolicy = dev.stratus.bus.internal.HttpDeliveryPolicy.parse(entry.getValue(),
                        "Invalid parameter: ");
            }
        }
        if (fifo != "true".equals(attributes.get("FifoTopic"))) {
            throw new StratusException("InvalidParameter", "Invalid parameter: Fifo Topic names must end with .fifo "
                    + "and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and "
                    + "hyphens, and must be between 1 and 256 characters long.");
        }
    }

    /** The topic name. */
    public String name() {
        return name;
    }

    /** The topic ARN. */
    public String arn() {
        return arn;
    }

    /** Whether this is a FIFO topic. */
    public boolean fifo() {
        return fifo;
    }

    /** Attributes as GetTopicAttributes returns them. */
    public synchronized Map<String, String> attributes() {
        Map<String, String> all = new LinkedHashMap<>(attributes);
        all.put("TopicArn", arn);
        all.put("Owner", bus.account());
        int pendingConfirmation = 0;
        for (Subscription subscription : snapshot.subscriptions) {
            pendingConfirmation += subscription.confirmed() ? 0 : 1;
        }
        all.put("SubscriptionsConfirmed", Integer.toString(snapshot.subscriptions.length - pendingConfirmation));
        all.put("SubscriptionsPending", Integer.toString(pendingConfirmation));
        all.put("SubscriptionsDeleted", "0");
        all.putIfAbsent("SignatureVersion", "1");
        return all;
    }

    /**
     * Sets one attribute, as SetTopicAttributes does.
     *
     * @throws StratusException {@code InvalidParameter} with SNS's message
     */
    public void setAttribute(final String attributeName, final String value) {
        Objects.requireNonNull(attributeName, "attributeName");
        Objects.requireNonNull(value, "value");
        checkNotDeleted();
        checkAttribute(attributeName, value, false);
        dev.stratus.bus.internal.HttpDeliveryPolicy policy = attributeName.equals("DeliveryPolicy")
                && !value.isEmpty() ? dev.stratus.bus.internal.HttpDeliveryPolicy.parse(value, "Invalid parameter: ")
                : null;
        synchronized (this) {
            attributes.put(attributeName, value);
            if (attributeName.equals("DeliveryPolicy")) {
                deliveryPolicy = policy;
            }
        }
    }

    private void checkAttribute(final String attributeName, final String value, final boolean creating) {
        if (!SETTABLE.contains(attributeName) || attributeName.equals("FifoTopic") && !creating) {
            throw new StratusException("InvalidParameter", "Invalid parameter: AttributeName");
        }
        boolean valid = switch (attributeName) {
            case "SignatureVersion" -> value.equals("1") || value.equals("2");
            case "TracingConfig" -> value.equals("PassThrough") || value.equals("Active");
            case "FifoTopic" -> value.equals("true") || value.equals("false");
            case "ContentBasedDeduplication" -> fifo && (value.equals("true") || value.equals("false"));
            case "FifoThroughputScope" -> fifo && (value.equals("Topic") || value.equals("MessageGroup"));
            default -> true;
        };
        if (!valid) {
            throw new StratusException("InvalidParameter", "Invalid parameter: " + attributeName);
        }
    }

    /** The topic-level HTTP delivery policy ({@code {"http": {"defaultHealthyRetryPolicy": ..}}}), or null. */
    dev.stratus.bus.internal.HttpDeliveryPolicy deliveryPolicy() {
        return deliveryPolicy;
    }

    String signatureVersion() {
        String version = attributes.get("SignatureVersion");
        return version == null ? "1" : version;
    }

    Bus bus() {
        return bus;
    }

    /** Subscribes a Bus queue; see {@link #subscribe(Queue, Map)}. */
    public Subscription subscribe(final Queue queue) {
        return subscribe(queue, Map.of());
    }

    /**
     * Subscribes a Bus queue (protocol {@code sqs}); confirmed at once, as same-account SQS subscriptions are.
     *
     * @throws StratusException {@code InvalidParameter} for a bad attribute, e.g.
     *     {@code Invalid parameter: Attributes Reason: FilterPolicy: Filter policy is too complex}
     */
    public Subscription subscribe(final Queue queue, final Map<String, String> subscriptionAttributes) {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(subscriptionAttributes, "subscriptionAttributes");
        checkNotDeleted();
        if (queue.isDeleted()) {
            throw new StratusException("InvalidParameter", "Invalid parameter: Endpoint");
        }
        if (fifo != queue.fifo() && queue.fifo()) {
            throw new StratusException("InvalidParameter", "Invalid parameter: Endpoint Reason: "
                    + "FIFO SQS Queues can not be subscribed to standard SNS topics");
        }
        return add(new Subscription(bus, this, arn + ":" + bus.ids().requestId(), "sqs", queue.arn(), queue, null,
                null), subscriptionAttributes);
    }

    /**
     * Subscribes a Java function (protocol {@code lambda}), called asynchronously on the bus executor.
     *
     * @param functionName the name shown in the subscription's endpoint ARN
     * @throws StratusException {@code InvalidParameter} for a bad attribute
     */
    public Subscription subscribe(final String functionName, final NotificationHandler handler,
            final Map<String, String> subscriptionAttributes) {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(subscriptionAttributes, "subscriptionAttributes");
        checkNotDeleted();
        return add(new Subscription(bus, this, arn + ":" + bus.ids().requestId(), "lambda",
                bus.arn("lambda", "function:" + functionName), null, handler, null), subscriptionAttributes);
    }

    /**
     * Subscribes an HTTP or HTTPS endpoint. A signed {@code SubscriptionConfirmation} is POSTed to it at once;
     * nothing else is delivered until {@link #confirmSubscription(String)} gets its token.
     *
     * @param protocol {@code http} or {@code https}
     * @param url the endpoint, whose scheme must match the protocol
     * @throws StratusException {@code InvalidParameter}: {@code Invalid parameter: Protocol} or
     *     {@code Invalid parameter: Endpoint}, or a bad attribute
     */
    public Subscription subscribe(final String protocol, final String url,
            final Map<String, String> subscriptionAttributes) {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(subscriptionAttributes, "subscriptionAttributes");
        checkNotDeleted();
        if (!protocol.equals("http") && !protocol.equals("https")) {
            throw new StratusException("InvalidParameter", "Invalid parameter: Protocol");
        }
        java.net.URI uri;
        try {
            uri = new java.net.URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new StratusException("InvalidParameter", "Invalid parameter: Endpoint");
        }
        if (!protocol.equals(uri.getScheme()) || uri.getHost() == null) {
            throw new StratusException("InvalidParameter", "Invalid parameter: Endpoint");
        }
        Subscription subscription = add(new Subscription(bus, this, arn + ":" + bus.ids().requestId(), protocol, url,
                null, null, uri), subscriptionAttributes);
        subscription.sendConfirmation("SubscriptionConfirmation");
        return subscription;
    }

    /**
     * Confirms a pending HTTP/S subscription with the token from its {@code SubscriptionConfirmation}, as
     * ConfirmSubscription does.
     *
     * @throws StratusException {@code InvalidParameter} ({@code Invalid token}) if no pending subscription has it
     */
    public Subscription confirmSubscription(final String token) {
        Objects.requireNonNull(token, "token");
        checkNotDeleted();
        for (Subscription subscription : snapshot.subscriptions) {
            if (subscription.confirm(token)) {
                return subscription;
            }
        }
        throw new StratusException("InvalidParameter", "Invalid token");
    }

    private Subscription add(final Subscription subscription, final Map<String, String> subscriptionAttributes) {
        subscription.applyInitial(subscriptionAttributes);
        synchronized (this) {
            if (subscription.filterPolicy() != null) {
                checkPolicyQuota();
            }
            Subscription[] current = snapshot.subscriptions;
            Subscription[] next = java.util.Arrays.copyOf(current, current.length + 1);
            next[current.length] = subscription;
            snapshot = new Snapshot(next);
            if (subscription.direct()) {
                Subscription[] members = java.util.Arrays.copyOf(directMembers, directMembers.length + 1);
                members[members.length - 1] = subscription;
                directMembers = members;
            }
        }
        bus.registerSubscription(subscription);
        return subscription;
    }

    /** The active subscriptions. */
    public List<Subscription> subscriptions() {
        return List.of(snapshot.subscriptions);
    }

    /** Throws when one more filter policy would exceed the topic's quota. */
    synchronized void checkPolicyQuota() {
        int policies = 0;
        for (Subscription subscription : snapshot.subscriptions) {
            policies += subscription.filterPolicy() != null ? 1 : 0;
        }
        if (policies >= bus.maxFilterPoliciesPerTopic()) {
            throw new StratusException("FilterPolicyLimitExceeded", "Indicates that the number of filter polices in "
                    + "your Amazon Web Services account exceeds the limit. To add more filter polices, submit an "
                    + "Amazon SNS Limit Increase case in the Amazon Web Services Support Center.");
        }
    }

    synchronized void subscriptionsChanged() {
        snapshot = new Snapshot(snapshot.subscriptions);
    }

    synchronized void unsubscribe(final Subscription subscription) {
        List<Subscription> remaining = new ArrayList<>(List.of(snapshot.subscriptions));
        remaining.remove(subscription);
        snapshot = new Snapshot(remaining.toArray(new Subscription[0]));
        subscription.deactivate();
        if (subscription.retired()) {
            List<Subscription> members = new ArrayList<>(List.of(directMembers));
            members.remove(subscription);
            directMembers = members.toArray(new Subscription[0]);
        }
        bus.forgetSubscription(subscription);
    }

    void markDeleted() {
        deleted = true;
        for (Subscription subscription : snapshot.subscriptions) {
            unsubscribe(subscription);
        }
    }

    /** Publishes a plain message. See {@link #publish(PublishRequest)}. */
    public PublishResult publish(final String message) {
        return publish(PublishRequest.of(message));
    }

    /**
     * Publishes one message to every subscription whose filter policy matches.
     *
     * @throws StratusException {@code InvalidParameter} (empty or too long message, bad subject, bad
     *     {@code MessageStructure}, FIFO ids), {@code InvalidParameterValue} (bad attribute) or {@code NotFound}
     *     once the topic is deleted
     */
    public PublishResult publish(final PublishRequest request) {
        // kept small so it inlines into the caller: a publisher that ignores the result then allocates none
        return fifo ? publishFifo(request) : new PublishResult(publishStandard(request), null);
    }

    /** Validates and fans out a standard publish; the publish is its own message id (no id object, no text). */
    private Published publishStandard(final PublishRequest request) {
        Objects.requireNonNull(request, "request");
        checkNotDeleted();
        JsonNode structure = validate(request);
        Published published = new Published(this, bus.random().uuid(), request, structure,
                bus.clock().epochMillis(), null, null);
        fanOut(published);
        return published;
    }

    private PublishResult publishFifo(final PublishRequest request) {
        Objects.requireNonNull(request, "request");
        checkNotDeleted();
        JsonNode structure = validate(request);
        String dedupId = request.messageDeduplicationId() != null ? request.messageDeduplicationId()
                : Digests.sha256Hex(request.message());
        String key = "MessageGroup".equals(attributes.get("FifoThroughputScope"))
                ? request.messageGroupId() + "\u0000" + dedupId : dedupId;
        synchronized (this) {
            long now = bus.clock().nanoTime();
            for (Iterator<Map.Entry<String, Long>> it = deduplicationExpiry.entrySet().iterator(); it.hasNext();) {
                Map.Entry<String, Long> entry = it.next();
                if (entry.getValue() > now) {
                    break;
                }
                it.remove();
                deduplication.remove(entry.getKey());
            }
            PublishResult seen = deduplication.get(key);
            if (seen != null) {
                return seen;
            }
            String sequenceNumber = String.format("%020d", ++sequence);
            Published published = new Published(this, bus.random().uuid(), request, structure,
                    bus.clock().epochMillis(), dedupId, sequenceNumber);
            PublishResult result = new PublishResult(published.compact(), sequenceNumber);
            deduplication.put(key, result);
            deduplicationExpiry.put(key, now + Queue.DEDUP_WINDOW_NANOS);
            fanOut(published);
            return result;
        }
    }

    /**
     * Publishes up to 10 messages (256 KiB in total); each entry succeeds or fails on its own.
     *
     * @throws StratusException {@code EmptyBatchRequest}, {@code TooManyEntriesInBatchRequest},
     *     {@code InvalidBatchEntryId} or {@code BatchRequestTooLong}
     */
    public BatchResult<PublishResult> publishBatch(final Map<String, PublishRequest> entries) {
        Objects.requireNonNull(entries, "entries");
        checkNotDeleted();
        if (entries.isEmpty()) {
            throw new StratusException("EmptyBatchRequest", "The batch request doesn't contain any entries.");
        }
        if (entries.size() > 10) {
            throw new StratusException("TooManyEntriesInBatchRequest",
                    "The batch request contains more entries than permissible.");
        }
        long total = 0;
        for (Map.Entry<String, PublishRequest> entry : entries.entrySet()) {
            String id = entry.getKey();
            if (id.isEmpty() || id.length() > 80 || !id.matches("[A-Za-z0-9_-]+")) {
                throw new StratusException("InvalidBatchEntryId",
                        "The Id of a batch entry in a batch request doesn't abide by the specification.");
            }
            total += Utf8.length(entry.getValue().message())
                    + Attributes.validate(entry.getValue().messageAttributes());
        }
        if (total > MAX_MESSAGE_BYTES) {
            throw new StratusException("BatchRequestTooLong",
                    "The length of all the messages put together is more than the limit.");
        }
        Map<String, PublishResult> successful = new LinkedHashMap<>();
        Map<String, StratusException> failed = new LinkedHashMap<>();
        for (Map.Entry<String, PublishRequest> entry : entries.entrySet()) {
            try {
                successful.put(entry.getKey(), publish(entry.getValue()));
            } catch (StratusException e) {
                failed.put(entry.getKey(), e);
            }
        }
        return new BatchResult<>(successful, failed);
    }

    private void fanOut(final Published published) {
        Snapshot current = snapshot;
        if (current.subscriptions.length == 0) {
            return;
        }
        if (directMembers.length > 0 && directToken.compareAndSet(false, true)) {
            try {
                fanOut(current, published, true);
            } finally {
                directToken.set(false);
            }
            if (directWork) {
                drainDirect();
            }
        } else {
            fanOut(current, published, false);
        }
    }

    private static void fanOut(final Snapshot current, final Published published, final boolean owned) {
        Subscription[] subscriptions = current.subscriptions;
        if (current.unfilteredOnly) {
            for (Subscription subscription : subscriptions) {
                subscription.deliver(published, owned);
            }
            return;
        }
        long[] matched = current.attributeIndex.newMatchSet();
        if (!current.attributeIndex.isEmpty()) {
            current.attributeIndex.match(published.attributeFields(), matched);
        }
        if (!current.bodyIndex.isEmpty()) {
            current.bodyIndex.match(published.bodyFields(), matched);
        }
        for (int word = 0; word < matched.length; word++) {
            long bits = matched[word];
            while (bits != 0) {
                int index = (word << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                subscriptions[index].deliver(published, owned);
            }
        }
    }

    /** The token direct subscriptions of this topic share as their {@code draining} flag. */
    AtomicBoolean directToken() {
        return directToken;
    }

    /** Called by the token holder: there is mailbox work to look at before letting go of the token. */
    void signalDirectWork() {
        directWork = true;
    }

    /**
     * Drains the direct subscriptions' mailboxes if the token is free; otherwise the holder does it after releasing
     * it (it re-reads {@code directWork}, set here before the compare-and-set, so no message is left behind).
     */
    void drainDirect() {
        directWork = true;
        while (directWork && directToken.compareAndSet(false, true)) {
            boolean retired = false;
            try {
                directWork = false;
                for (Subscription subscription : directMembers) {
                    if (subscription.hasWork()) {
                        subscription.drainOwned();
                    }
                    retired |= subscription.retired();
                }
            } finally {
                directToken.set(false);
            }
            if (retired) {
                forgetRetired();
            }
        }
    }

    private synchronized void forgetRetired() {
        List<Subscription> members = new ArrayList<>(List.of(directMembers));
        members.removeIf(Subscription::retired);
        directMembers = members.toArray(new Subscription[0]);
    }

    private JsonNode validate(final PublishRequest request) {
        String message = request.message();
        if (message.isEmpty()) {
            throw new StratusException("InvalidParameter", "Invalid parameter: Empty message");
        }
        int attributeBytes = Attributes.validate(request.messageAttributes());
        if (Utf8.length(message) + attributeBytes > MAX_MESSAGE_BYTES) {
            throw new StratusException("InvalidParameter", "Invalid parameter: Message too long");
        }
        String subject = request.subject();
        if (subject != null) {
            boolean valid = !subject.isEmpty() && subject.length() <= 100;
            for (int i = 0; i < subject.length() && valid; i++) {
                char c = subject.charAt(i);
                valid = c >= 0x20 && c < 0x7F;
            }
            if (!valid) {
                throw new StratusException("InvalidParameter", "Invalid parameter: Subject");
            }
        }
        JsonNode structure = null;
        if (request.jsonStructure()) {
            structure = Queue.parseJson(message);
            if (structure == null || !structure.isObject()) {
                throw new StratusException("InvalidParameter",
                        "Invalid parameter: Message Structure - JSON message body failed to parse");
            }
            if (!structure.has("default") || !structure.get("default").isTextual()) {
                throw new StratusException("InvalidParameter",
                        "Invalid parameter: Message Structure - No default entry in JSON message body");
            }
        }
        if (fifo) {
            if (request.messageGroupId() == null) {
                throw new StratusException("InvalidParameter",
                        "Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
            }
            boolean contentBased = "true".equals(attributes.get("ContentBasedDeduplication"));
            if (request.messageDeduplicationId() == null && !contentBased) {
                throw new StratusException("InvalidParameter", "Invalid parameter: The topic should either have "
                        + "ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
            }
        } else if (request.messageDeduplicationId() != null) {
            throw new StratusException("InvalidParameter", "Invalid parameter: MessageDeduplicationId Reason: The "
                    + "request includes MessageDeduplicationId parameter that is not valid for this topic type");
        }
        return structure;
    }

    private void checkNotDeleted() {
        if (deleted) {
            throw new StratusException("NotFound", "Topic does not exist");
        }
    }

    @Override
    public String toString() {
        return "Topic[" + arn + "]";
    }
}
