package dev.stratus.bus;

import dev.stratus.bus.internal.Signer;
import dev.stratus.core.Arn;
import dev.stratus.core.Clock;
import dev.stratus.core.ErrorHandler;
import dev.stratus.core.Ids;
import dev.stratus.core.RandomSource;
import dev.stratus.core.StratusException;
import dev.stratus.core.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * The Bus engine: SNS topics fanning out to SQS-style queues and Java functions, with AWS's semantics, limits and
 * error texts, on an injectable clock.
 *
 * <pre>{@code
 * Bus bus = Bus.builder().clock(ManualClock.atEpoch()).executor(Runnable::run).build();
 * Topic orders = bus.createTopic("orders");
 * Queue audit = bus.createQueue("audit");
 * orders.subscribe(audit, Map.of("RawMessageDelivery", "true"));
 * orders.publish("order 42 placed");
 * List<ReceivedMessage> received = audit.receive(10);
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops the default delivery executor.
 */
public final class Bus implements AutoCloseable {
    /** Default bound on each function subscription's pending deliveries. */
    public static final int DEFAULT_MAX_PENDING_PER_SUBSCRIPTION = 10_000;
    /** SNS's default quota of filter policies per topic. */
    public static final int DEFAULT_MAX_FILTER_POLICIES_PER_TOPIC = 200;

    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    private final Clock clock;
    private final RandomSource random;
    private final ErrorHandler errorHandler;
    private final String account;
    private final String region;
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private final int maxPendingPerSubscription;
    private final int maxFilterPoliciesPerTopic;
    private final boolean directDelivery;
    private final Ids ids;
    private final Signer signer = new Signer();
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

    private Bus(final Builder builder) {
        this.clock = builder.clock;
        this.random = builder.random != null ? builder.random : RandomSource.unseeded();
        this.errorHandler = builder.errorHandler;
        this.account = builder.account;
        this.region = builder.region;
        if (builder.executor != null) {
            this.executor = builder.executor;
            this.ownedExecutor = null;
        } else {
            this.ownedExecutor = Executors.newCachedThreadPool(r -> {
                Thread thread = new Thread(r, "stratus-bus-delivery");
                thread.setDaemon(true);
                return thread;
            });
            this.executor = ownedExecutor;
        }
        this.maxPendingPerSubscription = builder.maxPendingPerSubscription;
        this.maxFilterPoliciesPerTopic = builder.maxFilterPoliciesPerTopic;
        this.directDelivery = builder.directDelivery;
        this.ids = new Ids(random);
    }

    /** A builder with the defaults: real time, account 111111111111, region us-east-1. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this bus's settings (not its topics and queues). */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.clock = clock;
        builder.random = random;
        builder.errorHandler = errorHandler;
        builder.account = account;
        builder.region = region;
        builder.executor = ownedExecutor == null ? executor : null;
        builder.maxPendingPerSubscription = maxPendingPerSubscription;
        builder.maxFilterPoliciesPerTopic = maxFilterPoliciesPerTopic;
        builder.directDelivery = directDelivery;
        return builder;
    }

    /** Creates a standard topic, or returns the existing one of that name. */
    public Topic createTopic(final String name) {
        return createTopic(name, Map.of());
    }

    /**
     * Creates a topic, as CreateTopic does: FIFO topics end in {@code .fifo} and set {@code FifoTopic=true}.
     * Creating an existing topic with the same attributes returns it.
     *
     * @throws StratusException {@code InvalidParameter} for a bad name or attribute, or when the topic exists with
     *     different attributes
     */
    public Topic createTopic(final String name, final Map<String, String> attributes) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(attributes, "attributes");
        String base = name.endsWith(".fifo") ? name.substring(0, name.length() - 5) : name;
        if (!TOPIC_NAME.matcher(base).matches() || name.length() > 256) {
            throw new StratusException("InvalidParameter", "Invalid parameter: Topic Name");
        }
        synchronized (topics) {
            Topic existing = topics.get(arn("sns", name));
            if (existing != null) {
                Map<String, String> current = existing.attributes();
                for (Map.Entry<String, String> entry : attributes.entrySet()) {
                    if (!entry.getValue().equals(current.get(entry.getKey()))) {
                        throw new StratusException("InvalidParameter", "Invalid parameter: Attributes Reason: "
                                + "Topic already exists with different attributes");
                    }
                }
                return existing;
            }
            Topic topic = new Topic(this, name, attributes);
            topics.put(topic.arn(), topic);
            return topic;
        }
    }

    /**
     * The topic with this ARN.
     *
     * @throws StratusException {@code NotFound} ("Topic does not exist")
     */
    public Topic topic(final String topicArn) {
        Objects.requireNonNull(topicArn, "topicArn");
        Topic topic = topics.get(topicArn);
        if (topic == null) {
            throw new StratusException("NotFound", "Topic does not exist");
        }
        return topic;
    }

    /** Every topic. */
    public List<Topic> topics() {
        return new ArrayList<>(topics.values());
    }

    /**
     * Deletes a topic and its subscriptions; deleting a missing topic succeeds, as in SNS.
     */
    public void deleteTopic(final String topicArn) {
        Objects.requireNonNull(topicArn, "topicArn");
        Topic topic = topics.remove(topicArn);
        if (topic != null) {
            topic.markDeleted();
        }
    }

    /**
     * The subscription with this ARN.
     *
     * @throws StratusException {@code NotFound} ("Subscription does not exist")
     */
    public Subscription subscription(final String subscriptionArn) {
        Objects.requireNonNull(subscriptionArn, "subscriptionArn");
        Subscription subscription = subscriptions.get(subscriptionArn);
        if (subscription == null) {
            throw new StratusException("NotFound", "Subscription does not exist");
        }
        return subscription;
    }

    /** Creates a standard queue, or returns the existing one of that name. */
    public Queue createQueue(final String name) {
        return createQueue(name, Map.of());
    }

    /**
     * Creates a queue, as CreateQueue does: FIFO queues end in {@code .fifo}.
     *
     * @throws StratusException {@code InvalidParameterValue} for a bad name, {@code InvalidAttributeName} /
     *     {@code InvalidAttributeValue} for bad attributes, {@code QueueAlreadyExists} for the same name with
     *     different attributes
     */
    public Queue createQueue(final String name, final Map<String, String> attributes) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(attributes, "attributes");
        boolean fifo = name.endsWith(".fifo");
        String base = fifo ? name.substring(0, name.length() - 5) : name;
        if (!QUEUE_NAME.matcher(base).matches() || name.length() > 80) {
            throw new StratusException("InvalidParameterValue", "Can only include alphanumeric characters, "
                    + "hyphens, or underscores. 1 to 80 in length");
        }
        QueueSettings settings = QueueSettings.parse(attributes, arn("sqs", name), fifo, this);
        synchronized (queues) {
            Queue existing = queues.get(name);
            if (existing != null) {
                if (!existing.settings().raw.equals(settings.raw)) {
                    throw new StratusException("QueueAlreadyExists",
                            "A queue already exists with the same name and a different value for attribute(s)");
                }
                return existing;
            }
            Queue queue = new Queue(this, name, settings);
            queues.put(name, queue);
            return queue;
        }
    }

    /**
     * The queue with this name, URL or ARN.
     *
     * @throws StratusException {@code AWS.SimpleQueueService.NonExistentQueue}
     */
    public Queue queue(final String nameUrlOrArn) {
        Objects.requireNonNull(nameUrlOrArn, "nameUrlOrArn");
        String name = nameUrlOrArn.substring(Math.max(nameUrlOrArn.lastIndexOf('/'), nameUrlOrArn.lastIndexOf(':'))
                + 1);
        Queue queue = queues.get(name);
        if (queue == null || !(nameUrlOrArn.equals(name) || nameUrlOrArn.equals(queue.url())
                || nameUrlOrArn.equals(queue.arn()))) {
            throw new StratusException("AWS.SimpleQueueService.NonExistentQueue",
                    "The specified queue does not exist.");
        }
        return queue;
    }

    /** Every queue. */
    public List<Queue> queues() {
        return new ArrayList<>(queues.values());
    }

    /** Deletes a queue; its messages are gone and later calls on it fail with {@code NonExistentQueue}. */
    public void deleteQueue(final String nameUrlOrArn) {
        Queue queue = queue(nameUrlOrArn);
        queues.remove(queue.name());
        queue.markDeleted();
    }

    /** The PEM public key that verifies the {@code Signature} of every envelope this bus signs. */
    public String signingPublicKeyPem() {
        return signer.publicKeyPem();
    }

    /**
     * The PEM X.509 certificate (self-signed, SHA256withRSA, 10 years from first use on the bus clock) that the
     * envelopes' {@code SigningCertURL} stands for: verify signatures with it as with AWS's certificate, e.g. via
     * {@code CertificateFactory.getInstance("X.509")} or {@code openssl x509}.
     */
    public String signingCertificatePem() {
        return signer.certificatePem("sns." + region + ".amazonaws.com", clock.instant());
    }

    /** The bus's account id. */
    public String account() {
        return account;
    }

    /** The bus's region. */
    public String region() {
        return region;
    }

    /** The clock every timeout, delay and retry runs on. */
    public Clock clock() {
        return clock;
    }

    /** Stops the default delivery executor; a caller-supplied executor is left alone. */
    @Override
    public void close() {
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
    }

    @Override
    public String toString() {
        return "Bus[account=" + account + ", region=" + region + ", topics=" + topics.size() + ", queues="
                + queues.size() + "]";
    }

    // ---- package plumbing

    String arn(final String service, final String resource) {
        return Arn.of(service, region, account, resource).toString();
    }

    RandomSource random() {
        return random;
    }

    Ids ids() {
        return ids;
    }

    ErrorHandler errorHandler() {
        return errorHandler;
    }

    Executor executor() {
        return executor;
    }

    int maxPendingPerSubscription() {
        return maxPendingPerSubscription;
    }

    boolean directDelivery() {
        return directDelivery;
    }

    int maxFilterPoliciesPerTopic() {
        return maxFilterPoliciesPerTopic;
    }

    Signer signer() {
        return signer;
    }

    String signingCertUrl() {
        return "https://sns." + region + ".amazonaws.com/SimpleNotificationService-stratus.pem";
    }

    Queue findQueueByArn(final String queueArn) {
        if (queueArn == null) {
            return null;
        }
        Queue queue = queues.get(queueArn.substring(queueArn.lastIndexOf(':') + 1));
        return queue != null && queue.arn().equals(queueArn) ? queue : null;
    }

    void registerSubscription(final Subscription subscription) {
        subscriptions.put(subscription.arn(), subscription);
    }

    void forgetSubscription(final Subscription subscription) {
        subscriptions.remove(subscription.arn());
    }

    /** Settings for a {@link Bus}; each setter checks its argument at once, {@link #build()} may be repeated. */
    public static final class Builder {

        private Clock clock = Clock.system();
        private RandomSource random;
        private ErrorHandler errorHandler = ErrorHandler.logging();
        private String account = "111111111111";
        private String region = "us-east-1";
        private Executor executor;
        private int maxPendingPerSubscription = DEFAULT_MAX_PENDING_PER_SUBSCRIPTION;
        private int maxFilterPoliciesPerTopic = DEFAULT_MAX_FILTER_POLICIES_PER_TOPIC;
        private boolean directDelivery;

        private Builder() {
        }

        /**
         * Delivers to function and HTTP subscriptions on the publishing thread, skipping the mailbox when it is
         * empty (the fastest synchronous mode; retries still run on the clock). Replaces any {@link #executor}.
         */
        public Builder directDelivery() {
            this.executor = Runnable::run;
            this.directDelivery = true;
            return this;
        }

        /**
         * The quota of subscriptions with a filter policy on one topic (SNS: 200, adjustable).
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxFilterPoliciesPerTopic(final int maxFilterPoliciesPerTopic) {
            this.maxFilterPoliciesPerTopic = Checks.positive(maxFilterPoliciesPerTopic, "maxFilterPoliciesPerTopic");
            return this;
        }

        /** The clock for visibility timeouts, delays, retries and long polls. */
        public Builder clock(final Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The random source for message ids and receipt handles. Default: unseeded. */
        public Builder random(final RandomSource random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Where failed asynchronous deliveries and discarded messages are reported. */
        public Builder errorHandler(final ErrorHandler errorHandler) {
            this.errorHandler = Objects.requireNonNull(errorHandler, "errorHandler");
            return this;
        }

        /**
         * The account id in ARNs.
         *
         * @throws IllegalArgumentException if not 12 digits
         */
        public Builder account(final String account) {
            this.account = Checks.account(account);
            return this;
        }

        /**
         * The region in ARNs and URLs.
         *
         * @throws IllegalArgumentException if it does not look like us-east-1
         */
        public Builder region(final String region) {
            this.region = Checks.region(region);
            return this;
        }

        /**
         * Runs function deliveries; {@code Runnable::run} delivers on the publishing thread (deterministic with a
         * ManualClock). Default: a cached pool of daemon threads, stopped by {@link Bus#close()}.
         */
        public Builder executor(final Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            this.directDelivery = false;
            return this;
        }

        /**
         * The most deliveries one function subscription may hold (queued or awaiting retry).
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxPendingPerSubscription(final int maxPendingPerSubscription) {
            this.maxPendingPerSubscription = Checks.positive(maxPendingPerSubscription, "maxPendingPerSubscription");
            return this;
        }

        /** Builds a new, empty {@link Bus}; the builder is left as it was. */
        public Bus build() {
            return new Bus(this);
        }
    }
}
