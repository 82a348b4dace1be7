package dev.stratus.junit;

import dev.stratus.Stratus;
import dev.stratus.core.ManualClock;
import dev.stratus.bus.Queue;
import dev.stratus.bus.ReceivedMessage;
import dev.stratus.core.RandomSource;
import dev.stratus.metrics.Datapoint;
import dev.stratus.metrics.GetMetricStatisticsRequest;
import dev.stratus.metrics.MetricKey;
import dev.stratus.metrics.Statistic;
import dev.stratus.states.Execution;
import dev.stratus.states.StateMachine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives each test a fresh {@link Stratus} on a {@link ManualClock}: an in-memory AWS
 * that starts in microseconds and runs a one-hour workflow in milliseconds, deterministically. JUnit is an optional
 * dependency of Stratus: this class needs {@code junit-jupiter-api} on the test class path.
 *
 * <pre>{@code
 * class CheckoutTest {
 *     @RegisterExtension
 *     final StratusExtension aws = StratusExtension.builder().seed(7).build();
 *
 *     @Test
 *     void shouldRemindAfterOneHour() {
 *         Stratus stratus = aws.stratus();
 *         ...
 *         aws.advance(Duration.ofHours(1));
 *     }
 * }
 * }</pre>
 *
 * <p>Test methods may also declare {@code Stratus} or {@code ManualClock} parameters. Helpers advance time
 * ({@link #advance(Duration)}) and inspect what happened: {@link #executions(StateMachine)}, {@link #drain(Queue)},
 * {@link #statistic(MetricKey, Statistic, Duration)}, {@link #errors()}.
 */
public final class StratusExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    /** Where the clock starts when no start is set. */
    public static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");

    private final Instant start;
    private final long seed;
    private final String account;
    private final String region;
    private final Consumer<Stratus.Builder> customizer;
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private ManualClock clock;
    private Stratus stratus;

    private StratusExtension(final Builder builder) {
        this.start = builder.start;
        this.seed = builder.seed;
        this.account = builder.account;
        this.region = builder.region;
        this.customizer = builder.customizer;
    }

    /** A builder: clock at {@link #DEFAULT_START}, seed 0, the default account and region. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this extension's settings. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.start = start;
        builder.seed = seed;
        builder.account = account;
        builder.region = region;
        builder.customizer = customizer;
        return builder;
    }

    @Override
    public void beforeEach(final ExtensionContext context) {
        clock = ManualClock.at(start);
        Stratus.Builder builder = Stratus.builder().clock(clock).random(RandomSource.seeded(seed))
                .account(account).region(region).errorHandler(errors::add);
        customizer.accept(builder);
        stratus = builder.build();
    }

    @Override
    public void afterEach(final ExtensionContext context) {
        stratus = null;
        clock = null;
        List<Throwable> unexpected = List.copyOf(errors);
        errors.clear();
        if (!unexpected.isEmpty()) {
            AssertionError failure = new AssertionError(unexpected.size()
                    + " asynchronous failure(s) reached the error handler; the first: " + unexpected.get(0));
            unexpected.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    /**
     * The asynchronous failures reported so far in this test (failing handlers, subscribers, targets). The test
     * fails after it ends if any are left: a test that expects them takes them with {@link #takeErrors()}.
     */
    public List<Throwable> errors() {
        return List.copyOf(errors);
    }

    /** Returns and clears the asynchronous failures reported so far in this test. */
    public List<Throwable> takeErrors() {
        List<Throwable> taken = List.copyOf(errors);
        errors.clear();
        return taken;
    }

    /**
     * This test's Stratus.
     *
     * @throws IllegalStateException outside a test
     */
    public Stratus stratus() {
        if (stratus == null) {
            throw new IllegalStateException("StratusExtension is not active: register it with @RegisterExtension"
                    + " and call stratus() inside a test");
        }
        return stratus;
    }

    /**
     * This test's clock.
     *
     * @throws IllegalStateException outside a test
     */
    public ManualClock clock() {
        stratus();
        return clock;
    }

    /** Advances this test's clock, firing every timer due on the way; returns the new time. */
    public Instant advance(final Duration duration) {
        clock().advance(duration);
        return clock.instant();
    }

    /** Advances this test's clock to {@code instant}, firing every timer due on the way. */
    public Instant advanceTo(final Instant instant) {
        clock().advanceTo(instant);
        return clock.instant();
    }

    /** Every execution of {@code machine} this test started, oldest first. */
    public List<Execution> executions(final StateMachine machine) {
        return stratus().states().executions(machine);
    }

    /**
     * Receives and deletes every message visible in {@code queue} now, and returns their bodies in order: what the
     * queue's subscribers and senders delivered so far.
     */
    public List<String> drain(final Queue queue) {
        Objects.requireNonNull(queue, "queue");
        List<String> bodies = new ArrayList<>();
        for (List<ReceivedMessage> batch = queue.receive(10); !batch.isEmpty(); batch = queue.receive(10)) {
            for (ReceivedMessage message : batch) {
                bodies.add(message.body());
                queue.delete(message.receiptHandle());
            }
        }
        return bodies;
    }

    /**
     * One statistic of a metric over the last {@code window} of this test's clock, as a single CloudWatch period
     * (the window must be a valid period: 1, 5, 10, 20, 30 s or a multiple of 60 s); empty when no data fell in it.
     */
    public Optional<Double> statistic(final MetricKey metric, final Statistic statistic, final Duration window) {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(statistic, "statistic");
        Objects.requireNonNull(window, "window");
        Instant end = clock().instant();
        List<Datapoint> points = stratus().metrics().getMetricStatistics(GetMetricStatisticsRequest.builder()
                .metric(metric).startTime(end.minus(window)).endTime(end).period((int) window.toSeconds())
                .statistics(statistic).build()).datapoints();
        return points.isEmpty() ? Optional.empty() : Optional.ofNullable(points.get(0).value(statistic));
    }

    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Stratus.class || type == ManualClock.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
        return parameter.getParameter().getType() == Stratus.class ? stratus() : clock();
    }

    /** Settings of a {@link StratusExtension}. */
    public static final class Builder {
        private Instant start = DEFAULT_START;
        private long seed;
        private String account = Stratus.DEFAULT_ACCOUNT;
        private String region = Stratus.DEFAULT_REGION;
        private Consumer<Stratus.Builder> customizer = b -> { };

        private Builder() {
        }

        /** Where each test's clock starts. */
        public Builder start(final Instant start) {
            this.start = Objects.requireNonNull(start, "start");
            return this;
        }

        /** The random seed of each test's Stratus: the same seed gives the same ids and jitter. */
        public Builder seed(final long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The account id.
         *
         * @throws IllegalArgumentException if not 12 digits
         */
        public Builder account(final String account) {
            Stratus.builder().account(account);
            this.account = account;
            return this;
        }

        /**
         * The region.
         *
         * @throws IllegalArgumentException if it does not look like {@code us-east-1}
         */
        public Builder region(final String region) {
            Stratus.builder().region(region);
            this.region = region;
            return this;
        }

        /** Further settings applied to each test's {@link Stratus.Builder}, e.g. engine customizers. */
        public Builder configure(final Consumer<Stratus.Builder> customizer) {
            this.customizer = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /** Builds the extension. */
        public StratusExtension build() {
            return new StratusExtension(this);
        }
    }
}
