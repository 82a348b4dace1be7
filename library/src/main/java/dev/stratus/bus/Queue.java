package dev.stratus.bus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.bus.internal.Attributes;
import dev.stratus.bus.internal.Digests;
import dev.stratus.bus.internal.ExpiryHeap;
import dev.stratus.bus.internal.MessageId;
import dev.stratus.bus.internal.Utf8;
import dev.stratus.bus.internal.QueuedMessage;
import dev.stratus.core.Clock;
import dev.stratus.core.StratusException;
import dev.stratus.core.internal.Json;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jctools.queues.MpscUnboundedArrayQueue;

/**
 * An in-memory queue with Amazon SQS semantics: standard (at-least-once, best-effort order) or FIFO (order per
 * {@code MessageGroupId}, a group is locked while one of its messages is in flight, deduplication within 5
 * minutes). Visibility timeouts, delays, retention and long polls run on the bus's {@link Clock}. A message whose
 * receive count has reached the {@code RedrivePolicy}'s {@code maxReceiveCount} moves to the dead-letter queue on
 * the next receive, when the dead-letter queue's {@code RedriveAllowPolicy} allows this queue as a source.
 *
 * <p>A FIFO queue with {@code FifoThroughputLimit} set enforces SQS's quota on the clock: 300 transactions per
 * second per action (send, receive, delete; a batch is one transaction) with {@code perQueue}; 300 sends per second
 * per message group in high-throughput mode ({@code perMessageGroupId} with {@code DeduplicationScope}
 * {@code messageGroup}). Over it, calls fail with {@code RequestThrottled}. Without the attribute there is no quota
 * (an in-process queue has no partitions to protect). Deliveries from topics are not metered.
 *
 * <p>Thread-safe. Sending to a standard queue (directly or from a topic) takes no lock: the message goes into a
 * lock-free multi-producer inbox, which the consumer side moves into the queue's structures. Receive, delete, change
 * visibility and FIFO sends take the queue's lock: a receive moves a message from visible to in flight (receipt
 * handle map, expiry heap) as one step that a concurrent delete or visibility change must see whole, and a FIFO send
 * checks deduplication and locks message groups against the same state; these run on the consumer's thread and the
 * lock is uncontended unless several consumers share a queue. Callbacks of {@link #receiveAsync} complete outside
 * the lock.
 */
public final class Queue {
    static final long DEDUP_WINDOW_NANOS = Duration.ofMinutes(5).toNanos();
    private static final int MAX_BATCH = 10;
    private static final Comparator<QueuedMessage> BY_VISIBLE_AT = Comparator
            .<QueuedMessage>comparingLong(m -> m.visibleAtNanos).thenComparingLong(m -> m.sequence);

    private final Bus bus;
    private final String name;
    private final String arn;
    private final String url;
    private final boolean fifo;
    private final String receiptSalt;
    private volatile QueueSettings settings;

    // standard queues: sends land here without a lock; every locked operation first moves them into `ready`/`delayed`
    private final MpscUnboundedArrayQueue<QueuedMessage> inbox = new MpscUnboundedArrayQueue<>(64);
    // true while long polls wait: a lock-free send then wakes them (set before the waiter re-checks the inbox)
    private volatile boolean waiting;
    private final ArrayDeque<QueuedMessage> ready = new ArrayDeque<>();
    private final PriorityQueue<QueuedMessage> delayed = new PriorityQueue<>(BY_VISIBLE_AT);
    private final ExpiryHeap inflightByExpiry = new ExpiryHeap();
    private final Map<String, QueuedMessage> inflight = new HashMap<>();
    private final LinkedHashMap<String, ArrayDeque<QueuedMessage>> groups = new LinkedHashMap<>();
    private final LinkedHashMap<String, Dedup> deduplication = new LinkedHashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private Clock.Timer wakeTimer;
    private long wakeAtNanos = Long.MAX_VALUE;
    private long sequence;
    private long receipts;
    private int stored;
    private boolean deleted;
    private long sentCount;
    private long deletedCount;
    private long deadLetteredCount;
    private long expiredCount;
    // FifoThroughputLimit: transactions per action (send, receive, delete) in the current clock second, and sends
    // per message group in high-throughput mode
    private static final int SENDS = 0;
    private static final int RECEIVES = 1;
    private static final int DELETES = 2;
    private long meterSecond = Long.MIN_VALUE;
    private final int[] transactions = new int[3];
    private final HashMap<String, int[]> groupSends = new HashMap<>();

    private record Dedup(String messageId, String sequenceNumber, long expiresAtNanos) {
    }

    private static final class Waiter {
        final int max;
        final CompletableFuture<List<ReceivedMessage>> future = new CompletableFuture<>();
        final long deadlineNanos;
        Clock.Timer timer;

        Waiter(final int max, final long deadlineNanos) {
            this.max = max;
            this.deadlineNanos = deadlineNanos;
        }
    }

    Queue(final Bus bus, final String name, final QueueSettings settings) {
        this.bus = bus;
        this.name = name;
        this.arn = bus.arn("sqs", name);
        this.url = "https://sqs." + bus.region() + ".amazonaws.com/" + bus.account() + "/" + name;
        this.fifo = name.endsWith(".fifo");
        this.settings = settings;
        this.receiptSalt = Long.toHexString(bus.random().nextLong()) + "-";
    }

    /** The queue name. */
    public String name() {
        return name;
    }

    /** The queue ARN, {@code arn:aws:sqs:region:account:name}. */
    public String arn() {
        return arn;
    }

    /** The queue URL as SQS returns it. */
    public String url() {
        return url;
    }

    /** Whether this is a FIFO queue (name ends in {@code .fifo}). */
    public boolean fifo() {
        return fifo;
    }

    /** Settable and computed attributes, as GetQueueAttributes returns them (All). */
    public Map<String, String> attributes() {
        Map<String, String> attributes = new LinkedHashMap<>(settings.toAttributes());
        attributes.put("QueueArn", arn);
        synchronized (this) {
            long now = bus.clock().nanoTime();
            promoteDue(now);
            attributes.put("ApproximateNumberOfMessages", Integer.toString(visibleCount(now)));
            attributes.put("ApproximateNumberOfMessagesNotVisible", Integer.toString(inflight.size()));
            attributes.put("ApproximateNumberOfMessagesDelayed", Integer.toString(delayedCount(now)));
        }
        return attributes;
    }

    /**
     * Sets one attribute, as SetQueueAttributes does.
     *
     * @throws StratusException {@code InvalidAttributeName} or {@code InvalidAttributeValue} with SQS's message
     */
    public void setAttribute(final String attributeName, final String value) {
        Objects.requireNonNull(attributeName, "attributeName");
        Objects.requireNonNull(value, "value");
        checkNotDeleted();
        Map<String, String> changed = new HashMap<>(settings.toAttributes());
        changed.put(attributeName, value);
        QueueSettings next = QueueSettings.parse(changed, arn, fifo, bus);
        synchronized (this) {
            settings = next;
        }
    }

    /** Messages available to receive now. */
    public int approximateNumberOfMessages() {
        synchronized (this) {
            long now = bus.clock().nanoTime();
            promoteDue(now);
            return visibleCount(now);
        }
    }

    /** Messages received and not yet deleted or visible again. */
    public int approximateNumberOfMessagesNotVisible() {
        synchronized (this) {
            promoteDue(bus.clock().nanoTime());
            return inflight.size();
        }
    }

    /** Messages stored in any state (visible, delayed, in flight). */
    public int size() {
        synchronized (this) {
            takeInbox(bus.clock().nanoTime());
            return stored;
        }
    }

    /** Sends a message with just a body. See {@link #send(SendRequest)}. */
    public SendResult send(final String body) {
        return send(SendRequest.of(body));
    }

    /**
     * Sends one message.
     *
     * @throws StratusException with SQS's code and message: {@code InvalidParameterValue} (too long, bad
     *     attribute, bad delay), {@code InvalidMessageContents}, {@code MissingParameter} (FIFO group id), or
     *     {@code AWS.SimpleQueueService.NonExistentQueue} once deleted
     */
    public SendResult send(final SendRequest request) {
        return send(request, true);
    }

    private SendResult send(final SendRequest request, final boolean metered) {
        Objects.requireNonNull(request, "request");
        checkNotDeleted();
        QueueSettings current = settings;
        validate(request, current);
        String dedupId = request.messageDeduplicationId();
        if (fifo && dedupId == null) {
            dedupId = Digests.sha256Hex(request.body());
        }
        long delayNanos = request.delay() != null ? request.delay().toNanos() : current.delayNanos;
        if (!fifo) {
            String messageId = bus.ids().messageId();
            offer(MessageId.of(messageId), request.body(), request.messageAttributes(), delayNanos);
            return new SendResult(messageId, Digests.md5Hex(request.body()), null);
        }
        List<Runnable> completions;
        SendResult result;
        synchronized (this) {
            checkNotDeleted();
            long now = bus.clock().nanoTime();
            if (metered && fifo) {
                meterSends("SendMessage", List.of(String.valueOf(request.messageGroupId())), now);
            }
            String key = current.perGroupDeduplication ? request.messageGroupId() + "\u0000" + dedupId : dedupId;
            expireDeduplication(now);
            Dedup seen = deduplication.get(key);
            if (seen != null) {
                return new SendResult(seen.messageId, Digests.md5Hex(request.body()), seen.sequenceNumber);
            }
            MessageId messageId = MessageId.of(bus.ids().messageId());
            QueuedMessage message = enqueue(messageId, request.body(), request.messageAttributes(),
                    request.messageGroupId(), dedupId, now, delayNanos);
            String sequenceNumber = sequenceNumber(message.sequence);
            deduplication.put(key, new Dedup(messageId.toString(), sequenceNumber, now + DEDUP_WINDOW_NANOS));
            result = new SendResult(messageId.toString(), Digests.md5Hex(request.body()), sequenceNumber);
            completions = serveWaiters(now);
        }
        completions.forEach(Runnable::run);
        return result;
    }

    /**
     * Sends up to 10 messages; each entry succeeds or fails on its own, as SendMessageBatch reports.
     *
     * Entry ids are the map's keys, so they are distinct by construction (SQS's {@code BatchEntryIdsNotDistinct}).
     *
     * @throws StratusException {@code AWS.SimpleQueueService.EmptyBatchRequest},
     *     {@code AWS.SimpleQueueService.TooManyEntriesInBatchRequest},
     *     {@code AWS.SimpleQueueService.InvalidBatchEntryId} or {@code AWS.SimpleQueueService.BatchRequestTooLong}
     */
    public BatchResult<SendResult> sendBatch(final Map<String, SendRequest> entries) {
        Objects.requireNonNull(entries, "entries");
        checkBatch(entries.size(), "SendMessageBatchRequestEntry");
        long total = 0;
        for (Map.Entry<String, SendRequest> entry : entries.entrySet()) {
            checkBatchId(entry.getKey());
            total += Utf8.length(entry.getValue().body());
        }
        if (total > settings.maxMessageBytes) {
            throw new StratusException("AWS.SimpleQueueService.BatchRequestTooLong",
                    "Batch requests cannot be longer than " + settings.maxMessageBytes + " bytes. You have sent "
                            + total + " bytes.");
        }
        if (fifo && settings.sendsPerSecond > 0) {
            List<String> groups = new ArrayList<>();
            for (SendRequest request : entries.values()) {
                groups.add(String.valueOf(request.messageGroupId()));
            }
            synchronized (this) {
                meterSends("SendMessageBatch", groups, bus.clock().nanoTime());
            }
        }
        Map<String, SendResult> successful = new LinkedHashMap<>();
        Map<String, StratusException> failed = new LinkedHashMap<>();
        for (Map.Entry<String, SendRequest> entry : entries.entrySet()) {
            try {
                successful.put(entry.getKey(), send(entry.getValue(), false));
            } catch (StratusException e) {
                failed.put(entry.getKey(), e);
            }
        }
        return new BatchResult<>(successful, failed);
    }

    /**
     * Deletes up to 10 received messages, as DeleteMessageBatch does; each entry succeeds or fails on its own (a
     * failed entry carries {@code ReceiptHandleIsInvalid}). Entry ids are the map's keys, so they are distinct.
     *
     * @param receiptHandles entry id to receipt handle
     * @return per entry: the receipt handle deleted, or the error
     * @throws StratusException {@code AWS.SimpleQueueService.EmptyBatchRequest},
     *     {@code AWS.SimpleQueueService.TooManyEntriesInBatchRequest} or
     *     {@code AWS.SimpleQueueService.InvalidBatchEntryId}, checked before any entry runs
     */
    public BatchResult<String> deleteBatch(final Map<String, String> receiptHandles) {
        Objects.requireNonNull(receiptHandles, "receiptHandles");
        checkBatch(receiptHandles.size(), "DeleteMessageBatchRequestEntry");
        for (Map.Entry<String, String> entry : receiptHandles.entrySet()) {
            checkBatchId(entry.getKey());
            Objects.requireNonNull(entry.getValue(), entry.getKey());
        }
        checkNotDeleted();
        synchronized (this) {
            meter(DELETES, "DeleteMessageBatch", bus.clock().nanoTime());
        }
        Map<String, String> successful = new LinkedHashMap<>();
        Map<String, StratusException> failed = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : receiptHandles.entrySet()) {
            try {
                delete(entry.getValue(), false);
                successful.put(entry.getKey(), entry.getValue());
            } catch (StratusException e) {
                failed.put(entry.getKey(), e);
            }
        }
        return new BatchResult<>(successful, failed);
    }

    /**
     * Changes the visibility timeout of up to 10 received messages, as ChangeMessageVisibilityBatch does; each entry
     * succeeds or fails on its own ({@code ReceiptHandleIsInvalid}, {@code MessageNotInflight},
     * {@code InvalidParameterValue}). Entry ids are the map's keys, so they are distinct.
     *
     * @return per entry: the change applied, or the error
     * @throws StratusException {@code AWS.SimpleQueueService.EmptyBatchRequest},
     *     {@code AWS.SimpleQueueService.TooManyEntriesInBatchRequest} or
     *     {@code AWS.SimpleQueueService.InvalidBatchEntryId}, checked before any entry runs
     */
    public BatchResult<VisibilityChange> changeVisibilityBatch(final Map<String, VisibilityChange> entries) {
        Objects.requireNonNull(entries, "entries");
        checkBatch(entries.size(), "ChangeMessageVisibilityBatchRequestEntry");
        for (Map.Entry<String, VisibilityChange> entry : entries.entrySet()) {
            checkBatchId(entry.getKey());
            Objects.requireNonNull(entry.getValue(), entry.getKey());
        }
        checkNotDeleted();
        Map<String, VisibilityChange> successful = new LinkedHashMap<>();
        Map<String, StratusException> failed = new LinkedHashMap<>();
        for (Map.Entry<String, VisibilityChange> entry : entries.entrySet()) {
            try {
                changeVisibility(entry.getValue().receiptHandle(), entry.getValue().timeout());
                successful.put(entry.getKey(), entry.getValue());
            } catch (StratusException e) {
                failed.put(entry.getKey(), e);
            }
        }
        return new BatchResult<>(successful, failed);
    }

    static void checkBatch(final int size, final String entryType) {
        if (size == 0) {
            throw new StratusException("AWS.SimpleQueueService.EmptyBatchRequest",
                    "There should be at least one " + entryType + " in the request.");
        }
        if (size > MAX_BATCH) {
            throw new StratusException("AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
                    "Maximum number of entries per request are 10. You have sent " + size + ".");
        }
    }

    static void checkBatchId(final String id) {
        if (id.isEmpty() || id.length() > 80 || !id.matches("[A-Za-z0-9_-]+")) {
            throw new StratusException("AWS.SimpleQueueService.InvalidBatchEntryId",
                    "A batch entry id can only contain alphanumeric characters, hyphens and underscores. "
                            + "It can be at most 80 letters long.");
        }
    }

    /** Receives up to {@code maxMessages} visible now, without waiting (short polling). */
    public List<ReceivedMessage> receive(final int maxMessages) {
        checkMax(maxMessages);
        checkNotDeleted();
        List<QueuedMessage> moves = new ArrayList<>();
        List<ReceivedMessage> received;
        synchronized (this) {
            long now = bus.clock().nanoTime();
            meter(RECEIVES, "ReceiveMessage", now);
            received = take(maxMessages, now, moves);
        }
        moveToDeadLetterQueue(moves);
        return received;
    }

    /**
     * Receives up to {@code maxMessages}, completing as soon as at least one is available or when {@code wait}
     * has passed on the clock (long polling; with a {@code ManualClock}, advance it). {@code wait} zero polls once.
     *
     * @throws StratusException {@code InvalidParameterValue} if {@code maxMessages} is not 1..10 or {@code wait}
     *     exceeds 20 seconds
     */
    public CompletionStage<List<ReceivedMessage>> receiveAsync(final int maxMessages, final Duration wait) {
        checkMax(maxMessages);
        Objects.requireNonNull(wait, "wait");
        if (wait.isNegative() || wait.compareTo(Duration.ofSeconds(20)) > 0) {
            throw new StratusException("InvalidParameterValue", "Value " + wait.toSeconds()
                    + " for parameter WaitTimeSeconds is invalid. Reason: must be <= 20.");
        }
        checkNotDeleted();
        List<QueuedMessage> moves = new ArrayList<>();
        CompletableFuture<List<ReceivedMessage>> result;
        List<Runnable> completions = List.of();
        synchronized (this) {
            long now = bus.clock().nanoTime();
            meter(RECEIVES, "ReceiveMessage", now);
            List<ReceivedMessage> received = take(maxMessages, now, moves);
            if (!received.isEmpty() || wait.isZero()) {
                result = CompletableFuture.completedFuture(received);
            } else {
                Waiter waiter = new Waiter(maxMessages, now + wait.toNanos());
                waiters.add(waiter);
                waiter.timer = bus.clock().schedule(wait, () -> expireWaiter(waiter));
                // flag first, then look at the inbox again: a lock-free send that missed the flag is seen here
                waiting = true;
                completions = serveWaiters(now);
                result = waiter.future;
            }
        }
        completions.forEach(Runnable::run);
        // outside the lock: the dead-letter queue takes its own
        moveToDeadLetterQueue(moves);
        return result;
    }

    /** {@link #receiveAsync(int, Duration)} with the queue's {@code ReceiveMessageWaitTimeSeconds}. */
    public CompletionStage<List<ReceivedMessage>> receiveAsync(final int maxMessages) {
        return receiveAsync(maxMessages, Duration.ofNanos(settings.waitNanos));
    }

    /** Long polling that blocks the calling thread; with a {@code ManualClock} another thread must advance it. */
    public List<ReceivedMessage> receive(final int maxMessages, final Duration wait) {
        return receiveAsync(maxMessages, wait).toCompletableFuture().join();
    }

    /**
     * Deletes a received message.
     *
     * @throws StratusException {@code ReceiptHandleIsInvalid} if the handle is unknown or no longer current
     */
    public void delete(final String receiptHandle) {
        delete(receiptHandle, true);
    }

    private void delete(final String receiptHandle, final boolean metered) {
        Objects.requireNonNull(receiptHandle, "receiptHandle");
        checkNotDeleted();
        List<Runnable> completions;
        synchronized (this) {
            long now = bus.clock().nanoTime();
            if (metered) {
                meter(DELETES, "DeleteMessage", now);
            }
            promoteDue(now);
            QueuedMessage message = inflight.remove(receiptHandle);
            if (message == null) {
                throw new StratusException("ReceiptHandleIsInvalid",
                        "The input receipt handle \"" + receiptHandle + "\" is not a valid receipt handle.");
            }
            message.deleted = true;
            message.inflight = false;
            if (!fifo) {
                inflightByExpiry.remove(message);
            }
            if (fifo) {
                ArrayDeque<QueuedMessage> group = groups.get(message.groupId);
                group.remove(message);
                if (group.isEmpty()) {
                    groups.remove(message.groupId);
                }
            }
            stored--;
            deletedCount++;
            // a FIFO delete can unlock its group for a waiting long poll
            completions = serveWaiters(now);
        }
        completions.forEach(Runnable::run);
    }

    /**
     * Restarts a received message's visibility timeout from now; zero makes it visible at once.
     *
     * @throws StratusException {@code ReceiptHandleIsInvalid} (a handle this queue never issued),
     *     {@code MessageNotInflight} (deleted, visible again or received since) or {@code InvalidParameterValue}
     *     (over 12 hours)
     */
    public void changeVisibility(final String receiptHandle, final Duration timeout) {
        Objects.requireNonNull(receiptHandle, "receiptHandle");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.compareTo(Duration.ofHours(12)) > 0) {
            throw new StratusException("InvalidParameterValue", "Value " + timeout.toSeconds()
                    + " for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200.");
        }
        checkNotDeleted();
        synchronized (this) {
            long now = bus.clock().nanoTime();
            promoteDue(now);
            QueuedMessage message = inflight.get(receiptHandle);
            if (message == null && !issued(receiptHandle)) {
                throw new StratusException("ReceiptHandleIsInvalid",
                        "The input receipt handle \"" + receiptHandle + "\" is not a valid receipt handle.");
            }
            if (message == null) {
                throw new StratusException("MessageNotInflight",
                        "Message does not exist or is not available for visibility timeout change.");
            }
            if (!fifo) {
                inflightByExpiry.remove(message);
            }
            message.visibleAtNanos = now + timeout.toNanos();
            if (!fifo) {
                inflightByExpiry.add(message);
            }
        }
        wake();
    }

    /**
     * Counts one send transaction against the FIFO quota: per queue, or per message group (each distinct group of a
     * batch once) in high-throughput mode. Caller holds the lock.
     *
     * @throws StratusException {@code RequestThrottled} once the quota of this clock second is spent
     */
    private void meterSends(final String action, final List<String> groupIds, final long now) {
        QueueSettings current = settings;
        if (!fifo || current.sendsPerSecond == 0) {
            return;
        }
        if (!current.perGroupThroughput) {
            meter(SENDS, action, now);
            return;
        }
        startMeterSecond(now);
        List<String> distinct = groupIds.stream().distinct().toList();
        for (String group : distinct) {
            int[] count = groupSends.get(group);
            if (count != null && count[0] >= current.sendsPerSecond) {
                throw throttled(action, "message group " + group, "perMessageGroupId", current.sendsPerSecond);
            }
        }
        for (String group : distinct) {
            groupSends.computeIfAbsent(group, g -> new int[1])[0]++;
        }
    }

    /** Counts one transaction of a per-queue FIFO quota (normal throughput mode); caller holds the lock. */
    private void meter(final int kind, final String action, final long now) {
        QueueSettings current = settings;
        if (!fifo || current.sendsPerSecond == 0 || current.perGroupThroughput && kind != SENDS) {
            return;
        }
        startMeterSecond(now);
        if (transactions[kind] >= current.sendsPerSecond) {
            throw throttled(action, "queue " + name, "perQueue", current.sendsPerSecond);
        }
        transactions[kind]++;
    }

    private void startMeterSecond(final long now) {
        long second = Math.floorDiv(now, 1_000_000_000L);
        if (second != meterSecond) {
            meterSecond = second;
            Arrays.fill(transactions, 0);
            groupSends.clear();
        }
    }

    private static StratusException throttled(final String action, final String scope, final String limit,
            final int perSecond) {
        return new StratusException("RequestThrottled", "Rate exceeded for " + action + " on " + scope
                + ". Reason: FifoThroughputLimit " + limit + " allows " + perSecond + " transactions per second.");
    }

    /** Whether this queue handed out the receipt handle (it may since have gone stale). */
    private boolean issued(final String receiptHandle) {
        if (!receiptHandle.startsWith(receiptSalt) || receiptHandle.length() == receiptSalt.length()
                || receiptHandle.length() > receiptSalt.length() + 19) {
            return false;
        }
        long number = 0;
        for (int i = receiptSalt.length(); i < receiptHandle.length(); i++) {
            char c = receiptHandle.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            number = number * 10 + (c - '0');
        }
        return number >= 1 && number <= receipts;
    }

    /** Deletes every message, as PurgeQueue does. */
    public void purge() {
        checkNotDeleted();
        synchronized (this) {
            takeInbox(bus.clock().nanoTime());
            ready.clear();
            delayed.clear();
            inflightByExpiry.clear();
            inflight.clear();
            groups.clear();
            stored = 0;
        }
    }

    /**
     * Moves every message of this dead-letter queue back to the queue it came from (StartMessageMoveTask without a
     * destination); returns how many moved.
     */
    public int redrive() {
        return redriveTo(null);
    }

    /**
     * Moves every visible message to {@code destination}, or to its source queue when null; returns how many moved.
     * Messages whose source no longer exists stay here.
     */
    public int redriveTo(final Queue destination) {
        checkNotDeleted();
        List<QueuedMessage> taken = new ArrayList<>();
        synchronized (this) {
            long now = bus.clock().nanoTime();
            promoteDue(now);
            for (Iterator<QueuedMessage> it = visibleMessages(now); it.hasNext();) {
                QueuedMessage message = it.next();
                Queue target = destination != null ? destination : bus.findQueueByArn(message.deadLetterSourceArn);
                if (target != null && target != this) {
                    taken.add(message);
                    it.remove();
                    stored--;
                }
            }
        }
        for (QueuedMessage message : taken) {
            Queue target = destination != null ? destination : bus.findQueueByArn(message.deadLetterSourceArn);
            target.accept(message, null);
        }
        return taken.size();
    }

    /** Counters since creation: sent, deleted, dead-lettered (moved out), expired by retention. */
    public synchronized Map<String, Long> counters() {
        takeInbox(bus.clock().nanoTime());
        return Map.of("sent", sentCount, "deleted", deletedCount, "deadLettered", deadLetteredCount,
                "expired", expiredCount);
    }

    @Override
    public String toString() {
        return "Queue[" + arn + "]";
    }

    // ---- internals used by Topic and Bus

    /** Enqueues a message arriving from SNS or a move, skipping request validation done by the sender. */
    void deliverFromTopic(final String body, final Map<String, MessageAttribute> attributes, final String groupId,
            final String dedupId, final MessageId messageId) {
        checkNotDeleted();
        QueueSettings current = settings;
        // a char takes at most 3 UTF-8 bytes (a surrogate pair 4 for 2 chars): short bodies need no count
        if (body.length() * 3L > current.maxMessageBytes && Utf8.length(body) > current.maxMessageBytes) {
            throw new StratusException("InvalidParameterValue", "One or more parameters are invalid. Reason: "
                    + "Message must be shorter than " + current.maxMessageBytes + " bytes.");
        }
        if (!fifo) {
            offer(messageId, body, attributes, current.delayNanos);
            return;
        }
        List<Runnable> completions;
        synchronized (this) {
            checkNotDeleted();
            long now = bus.clock().nanoTime();
            String group = groupId != null ? groupId : "default";
            String dedup = dedupId != null ? dedupId : Digests.sha256Hex(body);
            String key = current.perGroupDeduplication ? group + "\u0000" + dedup : dedup;
            expireDeduplication(now);
            if (deduplication.containsKey(key)) {
                return;
            }
            QueuedMessage message = enqueue(messageId, body, attributes, group, dedup, now, current.delayNanos);
            deduplication.put(key, new Dedup(messageId.toString(), sequenceNumber(message.sequence),
                    now + DEDUP_WINDOW_NANOS));
            completions = serveWaiters(now);
        }
        completions.forEach(Runnable::run);
    }

    /** A standard-queue send: into the inbox without a lock; long polls waiting are woken. */
    private void offer(final MessageId messageId, final String body, final Map<String, MessageAttribute> attributes,
            final long delayNanos) {
        long now = bus.clock().nanoTime();
        inbox.offer(new QueuedMessage(messageId, body, attributes, null, null, 0, bus.clock().epochMillis(), now,
                now + delayNanos));
        // the offer's index update and this read are both sequentially consistent, as are the waiter's flag write
        // and its re-check of the inbox: one of the two sides sees the other
        if (waiting) {
            wake();
        }
    }

    /** Moves the inbox's messages into the queue, in arrival order; caller holds the lock. */
    private void takeInbox(final long now) {
        QueuedMessage message;
        while ((message = inbox.poll()) != null) {
            message.sequence = ++sequence;
            sentCount++;
            store(message, now);
        }
    }

    private void accept(final QueuedMessage moved, final String sourceArn) {
        List<Runnable> completions;
        synchronized (this) {
            long now = bus.clock().nanoTime();
            QueuedMessage copy = new QueuedMessage(moved.messageId, moved.body, moved.messageAttributes,
                    fifo ? (moved.groupId != null ? moved.groupId : "default") : null, moved.deduplicationId,
                    ++sequence, moved.sentMillis, moved.sentNanos, now);
            copy.deadLetterSourceArn = sourceArn;
            store(copy, now);
            completions = serveWaiters(now);
        }
        completions.forEach(Runnable::run);
    }

    void markDeleted() {
        List<Waiter> pending;
        synchronized (this) {
            deleted = true;
            pending = new ArrayList<>(waiters);
            waiters.clear();
            waiting = false;
        }
        for (Waiter waiter : pending) {
            waiter.timer.cancel();
            waiter.future.complete(List.of());
        }
    }

    boolean isDeleted() {
        return deleted;
    }

    QueueSettings settings() {
        return settings;
    }

    // ---- storage

    private QueuedMessage enqueue(final MessageId messageId, final String body,
            final Map<String, MessageAttribute> attributes, final String groupId, final String dedupId,
            final long now, final long delayNanos) {
        QueuedMessage message = new QueuedMessage(messageId, body, attributes, groupId, dedupId, ++sequence,
                bus.clock().epochMillis(), now, now + delayNanos);
        store(message, now);
        sentCount++;
        return message;
    }

    private void store(final QueuedMessage message, final long now) {
        stored++;
        if (fifo) {
            groups.computeIfAbsent(message.groupId, g -> new ArrayDeque<>()).addLast(message);
        } else if (message.visibleAtNanos > now) {
            delayed.add(message);
        } else {
            ready.addLast(message);
        }
    }

    private List<ReceivedMessage> take(final int max, final long now, final List<QueuedMessage> moves) {
        promoteDue(now);
        dropExpired(now);
        List<ReceivedMessage> received = new ArrayList<>(Math.min(max, 10));
        QueueSettings current = settings;
        // one clock read per receive, not per message: ReceiveMessage stamps a batch with one time
        long nowMillis = bus.clock().epochMillis();
        if (fifo) {
            for (Iterator<ArrayDeque<QueuedMessage>> groupIt = groups.values().iterator();
                    groupIt.hasNext() && received.size() < max;) {
                ArrayDeque<QueuedMessage> group = groupIt.next();
                for (Iterator<QueuedMessage> it = group.iterator(); it.hasNext() && received.size() < max;) {
                    QueuedMessage message = it.next();
                    if (message.inflight || message.visibleAtNanos > now) {
                        break;
                    }
                    if (shouldDeadLetter(message, current)) {
                        it.remove();
                        stored--;
                        moves.add(message);
                        continue;
                    }
                    received.add(markReceived(message, now, nowMillis, current));
                }
                if (group.isEmpty()) {
                    groupIt.remove();
                }
            }
        } else {
            while (received.size() < max && !ready.isEmpty()) {
                QueuedMessage message = ready.pollFirst();
                if (message.sentNanos + current.retentionNanos <= now) {
                    stored--;
                    expiredCount++;
                    continue;
                }
                if (shouldDeadLetter(message, current)) {
                    stored--;
                    moves.add(message);
                    continue;
                }
                received.add(markReceived(message, now, nowMillis, current));
                inflightByExpiry.add(message);
            }
        }
        return received;
    }

    private boolean shouldDeadLetter(final QueuedMessage message, final QueueSettings current) {
        if (current.deadLetterTargetArn == null || message.receiveCount < current.maxReceiveCount) {
            return false;
        }
        // the dead-letter queue may have gone, or have changed its RedriveAllowPolicy since: then the message stays
        Queue target = bus.findQueueByArn(current.deadLetterTargetArn);
        return target != null && target.settings().allowsSource(arn);
    }

    private ReceivedMessage markReceived(final QueuedMessage message, final long now, final long nowMillis,
            final QueueSettings current) {
        message.receiveCount++;
        if (message.receiveCount == 1) {
            message.firstReceiveMillis = nowMillis;
        }
        message.inflight = true;
        message.visibleAtNanos = now + current.visibilityNanos;
        message.receiptHandle = receiptSalt + (++receipts);
        inflight.put(message.receiptHandle, message);
        return new ReceivedMessage(message.messageId, message.receiptHandle, message.body, message.receiveCount,
                message.sentMillis, message.firstReceiveMillis, fifo ? message.groupId : null,
                message.deduplicationId, fifo ? sequenceNumber(message.sequence) : null,
                message.deadLetterSourceArn, message.messageAttributes);
    }

    /** Moves due delayed messages to ready and expired in-flight ones back to visible. */
    private void promoteDue(final long now) {
        if (fifo) {
            for (ArrayDeque<QueuedMessage> group : groups.values()) {
                for (QueuedMessage message : group) {
                    if (!message.inflight) {
                        break;
                    }
                    if (message.visibleAtNanos <= now) {
                        inflight.remove(message.receiptHandle);
                        message.inflight = false;
                    }
                }
            }
            return;
        }
        takeInbox(now);
        while (!delayed.isEmpty() && delayed.peek().visibleAtNanos <= now) {
            ready.addLast(delayed.poll());
        }
        while (!inflightByExpiry.isEmpty() && inflightByExpiry.peek().visibleAtNanos <= now) {
            QueuedMessage message = inflightByExpiry.poll();
            if (message.deleted || !message.inflight) {
                continue;
            }
            inflight.remove(message.receiptHandle);
            message.inflight = false;
            // a message whose visibility expired goes back to the front: it is the oldest
            ready.addFirst(message);
        }
    }

    private void dropExpired(final long now) {
        long retention = settings.retentionNanos;
        if (fifo) {
            for (Iterator<ArrayDeque<QueuedMessage>> groupIt = groups.values().iterator(); groupIt.hasNext();) {
                ArrayDeque<QueuedMessage> group = groupIt.next();
                while (!group.isEmpty() && !group.peekFirst().inflight
                        && group.peekFirst().sentNanos + retention <= now) {
                    group.pollFirst();
                    stored--;
                    expiredCount++;
                }
                if (group.isEmpty()) {
                    groupIt.remove();
                }
            }
            return;
        }
        // ready is in arrival order, so expired messages gather at the head; take() drops any it meets later
        while (!ready.isEmpty() && ready.peekFirst().sentNanos + retention <= now) {
            ready.pollFirst();
            stored--;
            expiredCount++;
        }
    }

    private Iterator<QueuedMessage> visibleMessages(final long now) {
        if (!fifo) {
            return ready.iterator();
        }
        List<QueuedMessage> visible = new ArrayList<>();
        for (ArrayDeque<QueuedMessage> group : groups.values()) {
            for (QueuedMessage message : group) {
                if (!message.inflight && message.visibleAtNanos <= now) {
                    visible.add(message);
                }
            }
        }
        return new Iterator<>() {
            private final Iterator<QueuedMessage> delegate = visible.iterator();
            private QueuedMessage current;

            @Override
            public boolean hasNext() {
                return delegate.hasNext();
            }

            @Override
            public QueuedMessage next() {
                current = delegate.next();
                return current;
            }

            @Override
            public void remove() {
                ArrayDeque<QueuedMessage> group = groups.get(current.groupId);
                group.remove(current);
                if (group.isEmpty()) {
                    groups.remove(current.groupId);
                }
            }
        };
    }

    private int visibleCount(final long now) {
        if (!fifo) {
            return ready.size();
        }
        int count = 0;
        for (ArrayDeque<QueuedMessage> group : groups.values()) {
            for (QueuedMessage message : group) {
                if (!message.inflight && message.visibleAtNanos <= now) {
                    count++;
                }
            }
        }
        return count;
    }

    private int delayedCount(final long now) {
        if (!fifo) {
            return delayed.size();
        }
        int count = 0;
        for (ArrayDeque<QueuedMessage> group : groups.values()) {
            for (QueuedMessage message : group) {
                if (!message.inflight && message.visibleAtNanos > now) {
                    count++;
                }
            }
        }
        return count;
    }

    private void expireDeduplication(final long now) {
        for (Iterator<Dedup> it = deduplication.values().iterator(); it.hasNext();) {
            if (it.next().expiresAtNanos > now) {
                break;
            }
            it.remove();
        }
    }

    private void moveToDeadLetterQueue(final List<QueuedMessage> moves) {
        if (moves.isEmpty()) {
            return;
        }
        Queue target = bus.findQueueByArn(settings.deadLetterTargetArn);
        if (target == null || target.isDeleted()) {
            // the dead-letter queue vanished after the receive picked these: keep them here rather than lose them
            for (QueuedMessage message : moves) {
                accept(message, message.deadLetterSourceArn);
            }
            return;
        }
        synchronized (this) {
            deadLetteredCount += moves.size();
        }
        for (QueuedMessage message : moves) {
            target.accept(message, arn);
        }
    }

    // ---- long polling

    private List<Runnable> serveWaiters(final long now) {
        if (waiters.isEmpty()) {
            return List.of();
        }
        List<Runnable> completions = new ArrayList<>();
        List<QueuedMessage> moves = new ArrayList<>();
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext();) {
            Waiter waiter = it.next();
            List<ReceivedMessage> received = take(waiter.max, now, moves);
            if (received.isEmpty()) {
                break;
            }
            it.remove();
            waiter.timer.cancel();
            completions.add(() -> waiter.future.complete(received));
        }
        if (!moves.isEmpty()) {
            completions.add(() -> moveToDeadLetterQueue(moves));
        }
        waiting = !waiters.isEmpty();
        scheduleWake(now);
        return completions;
    }

    private void wake() {
        List<Runnable> completions;
        synchronized (this) {
            completions = serveWaiters(bus.clock().nanoTime());
        }
        completions.forEach(Runnable::run);
    }

    private void expireWaiter(final Waiter waiter) {
        synchronized (this) {
            if (!waiters.remove(waiter)) {
                return;
            }
            waiting = !waiters.isEmpty();
        }
        waiter.future.complete(List.of());
    }

    /** While long polls wait, a clock timer fires when the next delayed or in-flight message becomes visible. */
    private void scheduleWake(final long now) {
        if (waiters.isEmpty()) {
            return;
        }
        long next = Long.MAX_VALUE;
        if (fifo) {
            for (ArrayDeque<QueuedMessage> group : groups.values()) {
                QueuedMessage head = group.peekFirst();
                if (head != null && head.visibleAtNanos > now) {
                    next = Math.min(next, head.visibleAtNanos);
                }
            }
        } else {
            if (!delayed.isEmpty()) {
                next = delayed.peek().visibleAtNanos;
            }
            if (!inflightByExpiry.isEmpty()) {
                next = Math.min(next, inflightByExpiry.peek().visibleAtNanos);
            }
        }
        if (next == Long.MAX_VALUE || next >= wakeAtNanos && wakeTimer != null) {
            return;
        }
        if (wakeTimer != null) {
            wakeTimer.cancel();
        }
        wakeAtNanos = next;
        wakeTimer = bus.clock().schedule(Duration.ofNanos(next - now), () -> {
            synchronized (this) {
                wakeTimer = null;
                wakeAtNanos = Long.MAX_VALUE;
            }
            wake();
        });
    }

    // ---- validation

    private void validate(final SendRequest request, final QueueSettings current) {
        String body = request.body();
        if (body.isEmpty()) {
            throw new StratusException("MissingParameter", "The request must contain the parameter MessageBody.");
        }
        checkContents(body);
        int attributeBytes = Attributes.validate(request.messageAttributes());
        if (request.messageAttributes().size() > 10) {
            throw new StratusException("InvalidParameterValue", "Number of message attributes ["
                    + request.messageAttributes().size() + "] exceeds the allowed maximum [10].");
        }
        int size = Utf8.length(body) + attributeBytes;
        if (size > current.maxMessageBytes) {
            throw new StratusException("InvalidParameterValue", "One or more parameters are invalid. Reason: "
                    + "Message must be shorter than " + current.maxMessageBytes + " bytes.");
        }
        if (request.delay() != null) {
            long seconds = request.delay().toSeconds();
            if (fifo) {
                throw new StratusException("InvalidParameterValue", "Value " + seconds + " for parameter "
                        + "DelaySeconds is invalid. Reason: The request include parameter that is not valid for "
                        + "this queue type.");
            }
            if (seconds > 900) {
                throw new StratusException("InvalidParameterValue", "Value " + seconds + " for parameter "
                        + "DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.");
            }
        }
        if (fifo) {
            if (request.messageGroupId() == null) {
                throw new StratusException("MissingParameter",
                        "The request must contain the parameter MessageGroupId.");
            }
            checkFifoId("MessageGroupId", request.messageGroupId());
            if (request.messageDeduplicationId() == null && !current.contentBasedDeduplication) {
                throw new StratusException("InvalidParameterValue", "The queue should either have "
                        + "ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
            }
            if (request.messageDeduplicationId() != null) {
                checkFifoId("MessageDeduplicationId", request.messageDeduplicationId());
            }
        } else if (request.messageDeduplicationId() != null) {
            throw new StratusException("InvalidParameterValue", "The request include parameter "
                    + "MessageDeduplicationId that is not valid for this queue type");
        }
    }

    static void checkFifoId(final String field, final String value) {
        if (value.isEmpty() || value.length() > 128) {
            throw new StratusException("InvalidParameterValue", "Value " + value + " for parameter " + field
                    + " is invalid. Reason: " + field + " can only include alphanumeric and punctuation characters. "
                    + "1 to 128 in length.");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new StratusException("InvalidParameterValue", "Value " + value + " for parameter " + field
                        + " is invalid. Reason: " + field + " can only include alphanumeric and punctuation "
                        + "characters. 1 to 128 in length.");
            }
        }
    }

    static void checkContents(final String body) {
        for (int i = 0; i < body.length(); i++) {
            int c = body.codePointAt(i);
            boolean valid = c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF
                    || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF;
            if (!valid) {
                throw new StratusException("InvalidMessageContents", "Invalid characters found. Valid unicode "
                        + "characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF");
            }
            if (c >= 0x10000) {
                i++;
            }
        }
    }

    private static void checkMax(final int maxMessages) {
        if (maxMessages < 1 || maxMessages > MAX_BATCH) {
            throw new StratusException("InvalidParameterValue", "Value " + maxMessages + " for parameter "
                    + "MaxNumberOfMessages is invalid. Reason: must be between 1 and 10, if provided.");
        }
    }

    private void checkNotDeleted() {
        if (deleted) {
            throw new StratusException("AWS.SimpleQueueService.NonExistentQueue",
                    "The specified queue does not exist.");
        }
    }

    private static String sequenceNumber(final long sequence) {
        return String.format("%020d", sequence);
    }

    static JsonNode parseJson(final String text) {
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
