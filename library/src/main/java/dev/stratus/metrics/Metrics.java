package dev.stratus.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.Clock;
import dev.stratus.core.ErrorHandler;
import dev.stratus.core.internal.Checks;
import dev.stratus.core.internal.Json;
import dev.stratus.metrics.internal.ActiveSeries;
import dev.stratus.metrics.internal.Agg;
import dev.stratus.metrics.internal.AlarmEngine;
import dev.stratus.metrics.internal.DataQueries;
import dev.stratus.metrics.internal.MetricStore;
import dev.stratus.metrics.internal.SecondTicker;
import dev.stratus.metrics.internal.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Metrics engine: CloudWatch custom metrics and alarms in one JVM, on an injectable clock.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
 * Metrics metrics = Metrics.builder().clock(clock).actionSink((arn, message) -> System.out.println(message)).build();
 * metrics.putMetricData("ECS", List.of(MetricDatum.builder("PendingTaskCount")
 *         .dimension("ClusterName", "prod").value(3).unit(Unit.COUNT).storageResolution(1).build()));
 * Recorder latency = metrics.recorder(MetricKey.of("Checkout", "Latency"), Unit.MILLISECONDS);
 * latency.record(12.5);
 * }</pre>
 *
 * <p>Request-shaped operations throw {@link dev.stratus.core.StratusException} with CloudWatch's error code
 * ({@code InvalidParameterValue}, {@code InvalidParameterCombination}, {@code MissingParameter},
 * {@code ResourceNotFound}, {@code ValidationError}, {@code LimitExceeded}) and message. Alarms are evaluated on
 * the clock: every 10 s for periods under a minute, every minute otherwise; closed seconds of {@link Recorder}s
 * roll into storage every second. Thread-safe.
 */
public final class Metrics implements AutoCloseable {
    /** Default maximum number of series (metric key and unit). */
    public static final int DEFAULT_SERIES_LIMIT = 100_000;
    private static final long TICK_SECONDS = 10;
    /** Expired points are dropped every 10 minutes: a point outlives its retention by at most that much. */
    private static final long EXPIRY_SECONDS = 600;

    private final Clock clock;
    private final String account;
    private final String region;
    private final int seriesLimit;
    private final AlarmActionSink actionSink;
    private final ErrorHandler errorHandler;
    private final SecondTicker ticker;
    private final MetricStore store;
    private final DataQueries dataQueries;
    private final AlarmEngine alarms;
    private final Object timerLock = new Object();
    private Clock.Timer tickTimer;
    private Clock.Timer rollTimer;
    private boolean closed;

    private Metrics(final Builder b) {
        this.clock = b.clock;
        this.account = b.account;
        this.region = b.region;
        this.seriesLimit = b.seriesLimit;
        this.actionSink = b.actionSink;
        this.errorHandler = b.errorHandler;
        this.ticker = new SecondTicker(Math.floorDiv(clock.epochMillis(), 1000));
        this.store = new MetricStore(seriesLimit, ticker);
        this.dataQueries = new DataQueries(store);
        this.alarms = new AlarmEngine(store, account, region, actionSink, errorHandler);
        scheduleTick();
    }

    /** A builder: real time, account 111111111111, region us-east-1, no alarm actions. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this engine's settings (a new engine built from it starts empty). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.clock = clock;
        b.account = account;
        b.region = region;
        b.seriesLimit = seriesLimit;
        b.actionSink = actionSink;
        b.errorHandler = errorHandler;
        return b;
    }

    /** The clock. */
    public Clock clock() {
        return clock;
    }

    // ------------------------------------------------------------------ data

    /**
     * PutMetricData: validates the whole request as CloudWatch does (value forms, sizes, ranges, dimensions,
     * storage resolution, the timestamp window of two weeks back and two hours ahead), then stores every datum.
     *
     * @throws dev.stratus.core.StratusException with CloudWatch's code and message, naming the member
     *     ({@code MetricData.member.N}); {@code LimitExceeded} when a new series would pass the series limit
     */
    public void putMetricData(final String namespace, final List<MetricDatum> data) {
        store.put(namespace, data, clock.epochMillis());
    }

    /**
     * The hot recording handle of a high-resolution series, created if absent; resolve it once and keep it.
     *
     * @throws NullPointerException if {@code key} or {@code unit} is null
     * @throws dev.stratus.core.StratusException {@code InvalidParameterValue} if the key breaks CloudWatch's
     *     naming rules, {@code LimitExceeded} past the series limit
     */
    public Recorder recorder(final MetricKey key, final Unit unit) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(unit, "unit");
        if (key.namespace().isEmpty() || key.name().isEmpty()) {
            throw MetricStore.invalid("The metric of a recorder needs a namespace and a name: key=" + key);
        }
        MetricStore.validateDimensions(key.dimensions(), "Dimensions");
        ticker.second(Math.floorDiv(clock.epochMillis(), 1000));
        ActiveSeries active = store.activate(store.series(key, unit));
        scheduleRoll();
        return new Recorder(key, unit, active);
    }

    /**
     * GetMetricStatistics: one datapoint per period and unit, oldest first.
     *
     * @throws dev.stratus.core.StratusException with CloudWatch's code and message: StartTime not before
     *     EndTime, more than 1,440 datapoints, a bad period, both or neither of Statistics and ExtendedStatistics
     */
    public MetricStatistics getMetricStatistics(final GetMetricStatisticsRequest request) {
        Objects.requireNonNull(request, "request");
        DatapointList.Collector datapoints = new DatapointList.Collector();
        store.statistics(request, clock.epochMillis(), datapoints);
        return new MetricStatistics(request.metricName(), datapoints.build());
    }

    /**
     * GetMetricData: metric statistics and metric math, generated labels, newest first unless asked otherwise,
     * paged by {@code MaxDatapoints}.
     *
     * @throws dev.stratus.core.StratusException with CloudWatch's code and message for bad queries
     */
    public MetricDataResponse getMetricData(final GetMetricDataRequest request) {
        Objects.requireNonNull(request, "request");
        return dataQueries.run(request, clock.epochMillis());
    }

    /**
     * ListMetrics: pages of 500, filtered by namespace, name and dimensions.
     *
     * @throws dev.stratus.core.StratusException {@code InvalidNextToken} for a token this engine did not issue
     */
    public MetricList listMetrics(final ListMetricsRequest request) {
        Objects.requireNonNull(request, "request");
        return store.list(request, clock.epochMillis());
    }

    /** The number of series (metric key and unit) held. */
    public int seriesCount() {
        return store.seriesCount();
    }

    /** The bytes held by every series, estimated from array and object sizes. */
    public long memoryBytes() {
        return store.memoryBytes();
    }

    /** The bytes held by one series (every unit of {@code key}), estimated. */
    public long memoryBytes(final MetricKey key) {
        long bytes = 0;
        for (Series s : store.seriesOf(Objects.requireNonNull(key, "key"))) {
            bytes += s.memoryBytes();
        }
        return bytes;
    }

    /**
     * The stored 1-second-tier points in {@code [from, to)} as Embedded Metric Format JSON lines, one per series
     * and point, so the same data can be shipped to CloudWatch through its logs. Each metric value carries the
     * point's {@code Values}/{@code Counts} (exact, or bucket midpoints beyond 150 distinct values) with its
     * {@code Min}, {@code Max}, {@code Count} and {@code Sum}.
     */
    public List<String> exportEmf(final Instant from, final Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        List<String> lines = new ArrayList<>();
        List<MetricKey> keys = new ArrayList<>();
        String token = null;
        do {
            MetricList page = store.list(new ListMetricsRequest(null, null, List.of(), token), clock.epochMillis());
            keys.addAll(page.metrics());
            token = page.nextToken();
        } while (token != null);
        for (MetricKey key : keys) {
            for (Series s : store.seriesOf(key)) {
                for (Map.Entry<Long, Agg> point : s.points(0, from.getEpochSecond(), to.getEpochSecond())) {
                    lines.add(emfLine(s, point.getKey(), point.getValue()));
                }
            }
        }
        return lines;
    }

    private static String emfLine(final Series s, final long second, final Agg agg) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", second * 1000);
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", s.key().namespace());
        ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
        for (Dimension dimension : s.key().dimensions()) {
            dimensionSet.add(dimension.name());
            root.put(dimension.name(), dimension.value());
        }
        ObjectNode metric = directive.putArray("Metrics").addObject();
        metric.put("Name", s.key().name());
        metric.put("Unit", s.unit().awsName());
        metric.put("StorageResolution", s.highResolution() ? 1 : 60);
        ObjectNode value = root.putObject(s.key().name());
        ArrayNode values = value.putArray("Values");
        ArrayNode counts = value.putArray("Counts");
        if (agg.distribution == null && !agg.noPercentiles) {
            values.add(agg.min);
            counts.add(agg.count);
        } else if (agg.distribution != null) {
            int n = agg.distribution.pairCount();
            double[] v = new double[n];
            double[] w = new double[n];
            agg.distribution.pairs(v, w);
            for (int i = 0; i < n; i++) {
                values.add(v[i]);
                counts.add(w[i]);
            }
        }
        value.put("Max", agg.max);
        value.put("Min", agg.min);
        value.put("Count", agg.count);
        value.put("Sum", agg.sum);
        return Json.write(root);
    }

    // ------------------------------------------------------------------ alarms

    /**
     * PutMetricAlarm: creates the alarm in INSUFFICIENT_DATA ("Unchecked: Initial alarm creation"), or updates it
     * keeping its state.
     *
     * @throws dev.stratus.core.StratusException {@code ValidationError} and friends with CloudWatch's messages: a
     *     period other than 10, 20, 30 or a multiple of 60, EvaluationPeriods below 1, DatapointsToAlarm above
     *     EvaluationPeriods, a window over a day (or a week), both or neither statistic, more than 5 actions
     */
    public void putMetricAlarm(final MetricAlarm alarm) {
        Objects.requireNonNull(alarm, "alarm");
        alarms.putMetricAlarm(alarm, clock.instant());
    }

    /**
     * PutCompositeAlarm.
     *
     * @throws dev.stratus.core.StratusException {@code ValidationError} when the rule does not parse
     */
    public void putCompositeAlarm(final CompositeAlarm alarm) {
        Objects.requireNonNull(alarm, "alarm");
        alarms.putCompositeAlarm(alarm, clock.instant());
    }

    /**
     * SetAlarmState: sets the state until the next evaluation; actions run if it is a transition.
     *
     * @throws dev.stratus.core.StratusException {@code ResourceNotFound} for an unknown alarm
     */
    public void setAlarmState(final String name, final AlarmState state, final String reason) {
        setAlarmState(name, state, reason, null);
    }

    /**
     * SetAlarmState with reason data (JSON).
     *
     * @throws dev.stratus.core.StratusException {@code ResourceNotFound} for an unknown alarm
     */
    public void setAlarmState(final String name, final AlarmState state, final String reason,
            final String reasonData) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        alarms.setState(name, state, reason, reasonData, clock.instant());
    }

    /** DescribeAlarms: the named alarms, or every alarm when {@code names} is empty, by name. */
    public List<AlarmStatus> describeAlarms(final List<String> names) {
        return alarms.describe(List.copyOf(Objects.requireNonNull(names, "names")));
    }

    /** DescribeAlarmsForMetric; null filters match every alarm on the metric. */
    public List<AlarmStatus> describeAlarmsForMetric(final MetricKey key, final Statistic statistic,
            final String extendedStatistic, final Integer period, final Unit unit) {
        return alarms.describeForMetric(Objects.requireNonNull(key, "key"), statistic, extendedStatistic, period,
                unit);
    }

    /** DescribeAlarmHistory, newest first; a null name or item type matches every one. */
    public List<AlarmHistoryItem> describeAlarmHistory(final String name, final String itemType) {
        return alarms.history(name, itemType);
    }

    /**
     * DeleteAlarms.
     *
     * @throws dev.stratus.core.StratusException {@code ResourceNotFound} naming the alarms that do not exist
     */
    public void deleteAlarms(final List<String> names) {
        alarms.delete(List.copyOf(Objects.requireNonNull(names, "names")));
    }

    /** EnableAlarmActions. */
    public void enableAlarmActions(final List<String> names) {
        alarms.actionsEnabled(List.copyOf(Objects.requireNonNull(names, "names")), true);
    }

    /** DisableAlarmActions: the alarms keep evaluating but run no action. */
    public void disableAlarmActions(final List<String> names) {
        alarms.actionsEnabled(List.copyOf(Objects.requireNonNull(names, "names")), false);
    }

    /** The ARN of the alarm named {@code name}. */
    public String alarmArn(final String name) {
        return alarms.arn(Objects.requireNonNull(name, "name"));
    }

    /** Evaluates the alarms due now, as the clock's tick does; returns how many were evaluated. */
    public int evaluateAlarms() {
        long now = Math.floorDiv(clock.epochMillis(), 1000);
        return alarms.tick(now - Math.floorMod(now, TICK_SECONDS));
    }

    /** Stops this engine's timers. */
    @Override
    public void close() {
        synchronized (timerLock) {
            closed = true;
            if (tickTimer != null) {
                tickTimer.cancel();
            }
            if (rollTimer != null) {
                rollTimer.cancel();
            }
        }
    }

    // ------------------------------------------------------------------ timers

    private void scheduleTick() {
        long nowMillis = clock.epochMillis();
        long next = (Math.floorDiv(nowMillis, TICK_SECONDS * 1000) + 1) * TICK_SECONDS * 1000;
        synchronized (timerLock) {
            if (!closed) {
                tickTimer = clock.schedule(Duration.ofMillis(next - nowMillis), this::tick);
            }
        }
    }

    private void tick() {
        try {
            long now = Math.floorDiv(clock.epochMillis(), 1000);
            long aligned = now - Math.floorMod(now, TICK_SECONDS);
            ticker.second(now);
            store.roll(now);
            if (aligned % EXPIRY_SECONDS == 0) {
                store.expire(now);
            }
            alarms.tick(aligned);
        } catch (RuntimeException e) {
            errorHandler.onError(e);
        } finally {
            scheduleTick();
        }
    }

    private void scheduleRoll() {
        synchronized (timerLock) {
            if (rollTimer == null && !closed) {
                scheduleRollLocked();
            }
        }
    }

    private void scheduleRollLocked() {
        long nowMillis = clock.epochMillis();
        long next = (Math.floorDiv(nowMillis, 1000) + 1) * 1000;
        rollTimer = clock.schedule(Duration.ofMillis(next - nowMillis), this::roll);
    }

    private void roll() {
        try {
            long now = Math.floorDiv(clock.epochMillis(), 1000);
            ticker.second(now);
            // a value still being recorded for the closed second is flushed late, into that second
            store.roll(now);
        } catch (RuntimeException e) {
            errorHandler.onError(e);
        } finally {
            synchronized (timerLock) {
                if (!closed) {
                    scheduleRollLocked();
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Metrics[series=" + store.seriesCount() + ", alarms=" + alarms.alarmCount() + ", clock=" + clock + "]";
    }

    /** Settings for a {@link Metrics}; each setter checks its argument, {@link #build()} may be repeated. */
    public static final class Builder {
        private Clock clock = Clock.system();
        private String account = "111111111111";
        private String region = "us-east-1";
        private int seriesLimit = DEFAULT_SERIES_LIMIT;
        private AlarmActionSink actionSink = AlarmActionSink.none();
        private ErrorHandler errorHandler = ErrorHandler.logging();

        private Builder() {
        }

        /** The clock for timestamps, evaluation and roll-ups. */
        public Builder clock(final Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The account id in alarm ARNs and notifications.
         *
         * @throws IllegalArgumentException if not 12 digits
         */
        public Builder account(final String account) {
            this.account = Checks.account(account);
            return this;
        }

        /**
         * The region in alarm ARNs and notifications.
         *
         * @throws IllegalArgumentException if it does not look like us-east-1
         */
        public Builder region(final String region) {
            this.region = Checks.region(region);
            return this;
        }

        /**
         * The maximum number of series (metric key and unit); past it PutMetricData and recorder() fail with
         * {@code LimitExceeded}.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder seriesLimit(final int seriesLimit) {
            if (seriesLimit <= 0) {
                throw new IllegalArgumentException("seriesLimit must be positive: seriesLimit=" + seriesLimit);
            }
            this.seriesLimit = seriesLimit;
            return this;
        }

        /** Where alarm actions go (a topic publisher, or any Java function). */
        public Builder actionSink(final AlarmActionSink actionSink) {
            this.actionSink = Objects.requireNonNull(actionSink, "actionSink");
            return this;
        }

        /** Where failures of timers and action sinks go. */
        public Builder errorHandler(final ErrorHandler errorHandler) {
            this.errorHandler = Objects.requireNonNull(errorHandler, "errorHandler");
            return this;
        }

        /** A new, empty engine; its timers start on the clock at once. */
        public Metrics build() {
            return new Metrics(this);
        }
    }
}
