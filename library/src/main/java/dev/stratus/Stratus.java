package dev.stratus;

import dev.stratus.balancer.Balancer;
import dev.stratus.bus.Bus;
import dev.stratus.bus.Queue;
import dev.stratus.bus.Topic;
import dev.stratus.core.Arn;
import dev.stratus.core.Clock;
import dev.stratus.core.ErrorHandler;
import dev.stratus.core.Ids;
import dev.stratus.core.RandomSource;
import dev.stratus.core.internal.Checks;
import dev.stratus.internal.Integrations;
import dev.stratus.metrics.Metrics;
import dev.stratus.schedule.ScheduleTarget;
import dev.stratus.schedule.Scheduler;
import dev.stratus.states.StateMachine;
import dev.stratus.states.States;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The optional facade that builds the engines on one clock, one random source and one error handler, in one
 * account and region, and wires them to each other (tasks that publish to topics, alarms that notify topics,
 * balancer counters that feed metrics). Every engine also stands alone behind its own {@code builder()}.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
 * Stratus stratus = Stratus.builder()
 *         .clock(clock)
 *         .seed(42)
 *         .bus(b -> b.maxPendingPerSubscription(10_000))
 *         .build();
 * stratus.bus().createTopic("orders");
 * }</pre>
 *
 * <p>Engines are built on first use, so a Stratus that never asks for a balancer needs no JVM flag. Each engine
 * draws from its own random stream, split from the shared source when the Stratus is built, so results do not
 * depend on which engine is used first. Immutable in configuration and thread-safe.
 */
public final class Stratus {
    /** The account id used when none is set, as in the recorded AWS cases. */
    public static final String DEFAULT_ACCOUNT = "111111111111";
    /** The region used when none is set. */
    public static final String DEFAULT_REGION = "us-east-1";


    private final Builder settings;
    private final String account;
    private final String region;
    private final Clock clock;
    private final RandomSource random;
    private final ErrorHandler errorHandler;
    private final Ids ids;
    private final Lazy<States> states;
    private final Lazy<Bus> bus;
    private final Lazy<Metrics> metrics;
    private final Lazy<Scheduler> scheduler;
    private final RandomSource balancerRandom;

    private Stratus(final Builder builder) {
        this.settings = builder.copy();
        this.account = builder.account;
        this.region = builder.region;
        this.clock = builder.clock;
        this.random = builder.random != null ? builder.random : RandomSource.unseeded();
        this.errorHandler = builder.errorHandler;
        this.ids = new Ids(random);
        RandomSource statesRandom = random.split();
        RandomSource busRandom = random.split();
        this.balancerRandom = random.split();
        this.states = new Lazy<>(() -> {
            States.Builder b = States.builder().clock(clock).random(statesRandom).errorHandler(errorHandler)
                    .account(account).region(region)
                    .handler(Integrations.SNS_PUBLISH, Integrations.snsPublish(this::bus, ids))
                    .handler(Integrations.SQS_SEND_MESSAGE, Integrations.sqsSendMessage(this::bus, ids))
                    .handler(Integrations.CLOUDWATCH_PUT_METRIC_DATA,
                            Integrations.cloudWatchPutMetricData(this::metrics));
            settings.statesCustomizer.accept(b);
            return b.build();
        });
        this.bus = new Lazy<>(() -> {
            Bus.Builder b = Bus.builder().clock(clock).random(busRandom).errorHandler(errorHandler)
                    .account(account).region(region);
            settings.busCustomizer.accept(b);
            return b.build();
        });
        this.metrics = new Lazy<>(() -> {
            Metrics.Builder b = Metrics.builder().clock(clock).account(account).region(region)
                    .errorHandler(errorHandler).actionSink(Integrations.alarmsToBus(this::bus, errorHandler));
            settings.metricsCustomizer.accept(b);
            return b.build();
        });
        this.scheduler = new Lazy<>(() -> Scheduler.builder().clock(clock).errorHandler(errorHandler).build());
    }

    /** A builder with the defaults: account {@value #DEFAULT_ACCOUNT}, region {@value #DEFAULT_REGION}, real time. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this instance's settings, for a variant. */
    public Builder toBuilder() {
        Builder builder = settings.copy();
        builder.random = random;
        return builder;
    }

    /** The 12-digit account id in every ARN this instance makes. */
    public String account() {
        return account;
    }

    /** The region in every ARN this instance makes. */
    public String region() {
        return region;
    }

    /** The clock every engine runs on. */
    public Clock clock() {
        return clock;
    }

    /** The random source every engine draws from. */
    public RandomSource random() {
        return random;
    }

    /** Generated ids (execution names, message ids, request ids) drawn from {@link #random()}. */
    public Ids ids() {
        return ids;
    }

    /** Where asynchronous failures go. */
    public ErrorHandler errorHandler() {
        return errorHandler;
    }

    /**
     * An ARN in this instance's account and region, e.g. {@code arn("sns", "orders")}.
     *
     * @throws IllegalArgumentException if {@code service} or {@code resource} is malformed
     */
    public Arn arn(final String service, final String resource) {
        return Arn.of(service, region, account, resource);
    }

    /** The States engine (Amazon States Language), customized by {@link Builder#states(Consumer)}. */
    public States states() {
        return states.get();
    }

    /** The Bus engine (SNS topics, SQS queues), customized by {@link Builder#bus(Consumer)}. */
    public Bus bus() {
        return bus.get();
    }

    /** The Metrics engine (CloudWatch metrics and alarms), customized by {@link Builder#metrics(Consumer)}. */
    public Metrics metrics() {
        return metrics.get();
    }

    /** The Scheduler (EventBridge-style rate and cron rules) on this instance's clock. */
    public Scheduler scheduler() {
        return scheduler.get();
    }

    /**
     * A {@link Balancer} builder on this instance's clock, random source and error handler. Building it needs the
     * JVM option {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}; nothing else in Stratus does.
     */
    public Balancer.Builder balancer() {
        return Balancer.builder().clock(clock).random(balancerRandom.split()).errorHandler(errorHandler);
    }

    /**
     * Publishes a balancer's counters (namespace {@code AWS/NetworkELB}: NewFlowCount, ActiveFlowCount,
     * ProcessedBytes, HealthyHostCount, UnHealthyHostCount, TCP_ELB_Reset_Count, ConsumedLCUs) to {@link #metrics()}
     * every {@code period} of this instance's clock, as NLB does every minute.
     *
     * @return a handle that stops the publishing
     * @throws IllegalArgumentException if {@code period} is not positive
     */
    public Clock.Timer publishMetrics(final Balancer balancer, final Duration period) {
        Objects.requireNonNull(balancer, "balancer");
        Objects.requireNonNull(period, "period");
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("period must be positive: period=" + period);
        }
        Integrations.Poller poller = Integrations.pollBalancer(balancer.metrics(), this::metrics, clock, period,
                errorHandler);
        return () -> {
            poller.stop();
            return true;
        };
    }

    /** A scheduler target that starts an execution of {@code machine} with the rule's input. */
    public ScheduleTarget startExecutionTarget(final StateMachine machine) {
        Objects.requireNonNull(machine, "machine");
        return invocation -> states().start(machine, invocation.input());
    }

    /** A scheduler target that publishes the rule's input to {@code topic}. */
    public ScheduleTarget publishTarget(final Topic topic) {
        Objects.requireNonNull(topic, "topic");
        return invocation -> topic.publish(invocation.input());
    }

    /** A scheduler target that sends the rule's input to {@code queue}. */
    public ScheduleTarget sendTarget(final Queue queue) {
        Objects.requireNonNull(queue, "queue");
        return invocation -> queue.send(invocation.input());
    }

    @Override
    public String toString() {
        return "Stratus[account=" + account + ", region=" + region + ", clock=" + clock + "]";
    }

    /** Builds a value once, on first use. */
    private static final class Lazy<T> {
        private final Supplier<T> factory;
        private volatile T value;

        Lazy(final Supplier<T> factory) {
            this.factory = factory;
        }

        T get() {
            T current = value;
            if (current == null) {
                synchronized (this) {
                    current = value;
                    if (current == null) {
                        current = factory.get();
                        value = current;
                    }
                }
            }
            return current;
        }
    }

    /** Settings for a {@link Stratus}; each setter checks its argument at once, {@link #build()} may be repeated. */
    public static final class Builder {
        private String account = DEFAULT_ACCOUNT;
        private String region = DEFAULT_REGION;
        private Clock clock = Clock.system();
        private RandomSource random;
        private ErrorHandler errorHandler = ErrorHandler.logging();
        private Consumer<States.Builder> statesCustomizer = b -> { };
        private Consumer<Bus.Builder> busCustomizer = b -> { };
        private Consumer<Metrics.Builder> metricsCustomizer = b -> { };

        private Builder() {
        }

        private Builder copy() {
            Builder copy = new Builder();
            copy.account = account;
            copy.region = region;
            copy.clock = clock;
            copy.random = random;
            copy.errorHandler = errorHandler;
            copy.statesCustomizer = statesCustomizer;
            copy.busCustomizer = busCustomizer;
            copy.metricsCustomizer = metricsCustomizer;
            return copy;
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
         * The region in ARNs.
         *
         * @throws IllegalArgumentException if it does not look like {@code us-east-1}
         */
        public Builder region(final String region) {
            this.region = Checks.region(region);
            return this;
        }

        /** The clock for every engine; a {@link dev.stratus.core.ManualClock} makes runs deterministic. */
        public Builder clock(final Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The random source for every engine. Default: {@link RandomSource#unseeded()}. */
        public Builder random(final RandomSource random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Shorthand for {@code random(RandomSource.seeded(seed))}. */
        public Builder seed(final long seed) {
            this.random = RandomSource.seeded(seed);
            return this;
        }

        /** Where asynchronous failures go. Default: {@link ErrorHandler#logging()}. */
        public Builder errorHandler(final ErrorHandler errorHandler) {
            this.errorHandler = Objects.requireNonNull(errorHandler, "errorHandler");
            return this;
        }

        /** Customizes the States engine (task handlers, activities, objects) before it is built. */
        public Builder states(final Consumer<States.Builder> customizer) {
            this.statesCustomizer = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /** Customizes the Bus engine (executor, pending bounds) before it is built. */
        public Builder bus(final Consumer<Bus.Builder> customizer) {
            this.busCustomizer = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /** Customizes the Metrics engine (series limit, alarm action sink) before it is built. */
        public Builder metrics(final Consumer<Metrics.Builder> customizer) {
            this.metricsCustomizer = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /** Builds a new {@link Stratus}; the builder is left as it was. */
        public Stratus build() {
            return new Stratus(this);
        }
    }
}
