package dev.stratus.metrics.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.ErrorHandler;
import dev.stratus.core.StratusException;
import dev.stratus.core.internal.Json;
import dev.stratus.metrics.AlarmActionSink;
import dev.stratus.metrics.AlarmHistoryItem;
import dev.stratus.metrics.AlarmState;
import dev.stratus.metrics.AlarmStatus;
import dev.stratus.metrics.CompositeAlarm;
import dev.stratus.metrics.Dimension;
import dev.stratus.metrics.MetricAlarm;
import dev.stratus.metrics.MetricKey;
import dev.stratus.metrics.Statistic;
import dev.stratus.metrics.TreatMissingData;
import dev.stratus.metrics.Unit;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Metric and composite alarms: configuration rules, evaluation over the store (M of N, TreatMissingData with the
 * premature-alarm rule, CloudWatch's reason texts and reason data), SetAlarmState, actions on transitions only,
 * composite rules re-evaluated when a child changes, and history. Thread-safe: one monitor; actions are delivered
 * after it is released.
 */
public final class AlarmEngine {
    private static final String INITIAL_REASON = "Unchecked: Initial alarm creation";
    private static final DateTimeFormatter REASON_DATE = DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATA_DATE = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int MAX_ACTIONS = 5;
    private static final Map<String, String> REGION_NAMES = Map.ofEntries(
            Map.entry("us-east-1", "US East (N. Virginia)"), Map.entry("us-east-2", "US East (Ohio)"),
            Map.entry("us-west-1", "US West (N. California)"), Map.entry("us-west-2", "US West (Oregon)"),
            Map.entry("eu-west-1", "EU (Ireland)"), Map.entry("eu-west-2", "EU (London)"),
            Map.entry("eu-west-3", "EU (Paris)"), Map.entry("eu-central-1", "EU (Frankfurt)"),
            Map.entry("eu-north-1", "EU (Stockholm)"), Map.entry("ap-southeast-1", "Asia Pacific (Singapore)"),
            Map.entry("ap-southeast-2", "Asia Pacific (Sydney)"), Map.entry("ap-northeast-1", "Asia Pacific (Tokyo)"),
            Map.entry("ap-south-1", "Asia Pacific (Mumbai)"), Map.entry("sa-east-1", "South America (Sao Paulo)"),
            Map.entry("ca-central-1", "Canada (Central)"));

    private final MetricStore store;
    private final String account;
    private final String region;
    private final AlarmActionSink sink;
    private final ErrorHandler errorHandler;
    private final Map<String, Entry> alarms = new LinkedHashMap<>();
    private final List<AlarmHistoryItem> history = new ArrayList<>();
    private int composites;

    private static final class Entry {
        MetricAlarm metric;
        CompositeAlarm composite;
        CompositeRule rule;
        AlarmState state = AlarmState.INSUFFICIENT_DATA;
        String reason = INITIAL_REASON;
        String reasonData;
        Instant stateUpdated;
        Instant stateTransitioned;
        Instant configUpdated;
        boolean actionsEnabled;

        String name() {
            return metric != null ? metric.name() : composite.name();
        }
    }

    private record Delivery(String arn, String message) {
    }

    public AlarmEngine(final MetricStore store, final String account, final String region,
            final AlarmActionSink sink, final ErrorHandler errorHandler) {
        this.store = store;
        this.account = account;
        this.region = region;
        this.sink = sink;
        this.errorHandler = errorHandler;
    }

    /** The alarm's ARN. */
    public String arn(final String name) {
        return "arn:aws:cloudwatch:" + region + ":" + account + ":alarm:" + name;
    }

    public synchronized int alarmCount() {
        return alarms.size();
    }

    // ------------------------------------------------------------------ configuration

    /** PutMetricAlarm: validates with AWS's errors, creates or updates (an update keeps the state). */
    public synchronized void putMetricAlarm(final MetricAlarm alarm, final Instant now) {
        validate(alarm);
        Entry entry = alarms.get(alarm.name());
        if (entry != null && entry.composite != null) {
            throw new StratusException("ValidationError", "An alarm named " + alarm.name()
                    + " already exists as a composite alarm.");
        }
        boolean created = entry == null;
        if (created) {
            entry = new Entry();
            entry.stateUpdated = now;
            entry.stateTransitioned = now;
            alarms.put(alarm.name(), entry);
        }
        entry.metric = alarm;
        entry.actionsEnabled = alarm.actionsEnabled();
        entry.configUpdated = now;
        configurationHistory(entry, created, now);
    }

    /** PutCompositeAlarm: parses the rule, creates or updates. */
    public synchronized void putCompositeAlarm(final CompositeAlarm alarm, final Instant now) {
        if (alarm.name().isEmpty() || alarm.name().length() > 255) {
            throw new StratusException("ValidationError", "The parameter AlarmName must be 1 to 255 characters"
                    + " long.");
        }
        checkActions(alarm.okActions(), "OKActions");
        checkActions(alarm.alarmActions(), "AlarmActions");
        checkActions(alarm.insufficientDataActions(), "InsufficientDataActions");
        CompositeRule rule = CompositeRule.parse(alarm.rule());
        Entry entry = alarms.get(alarm.name());
        if (entry != null && entry.metric != null) {
            throw new StratusException("ValidationError", "An alarm named " + alarm.name()
                    + " already exists as a metric alarm.");
        }
        boolean created = entry == null;
        if (created) {
            entry = new Entry();
            entry.stateUpdated = now;
            entry.stateTransitioned = now;
            alarms.put(alarm.name(), entry);
        }
        if (created) {
            composites++;
        }
        entry.composite = alarm;
        entry.rule = rule;
        entry.actionsEnabled = alarm.actionsEnabled();
        entry.configUpdated = now;
        configurationHistory(entry, created, now);
    }

    private void validate(final MetricAlarm alarm) {
        if (alarm.name().isEmpty() || alarm.name().length() > 255) {
            throw new StratusException("ValidationError", "The parameter AlarmName must be 1 to 255 characters"
                    + " long.");
        }
        int period = alarm.period();
        if (period < 10 || (period % 60 != 0 && period != 10 && period != 20 && period != 30)) {
            throw new StratusException("ValidationError", "The parameter Period must be 10, 20, 30 or a multiple"
                    + " of 60: Period=" + period + ".");
        }
        if (alarm.evaluationPeriods() < 1) {
            throw new StratusException("ValidationError", "1 validation error detected: Value '"
                    + alarm.evaluationPeriods() + "' at 'evaluationPeriods' failed to satisfy constraint: Member"
                    + " must have value greater than or equal to 1");
        }
        Integer m = alarm.datapointsToAlarm();
        if (m != null && m < 1) {
            throw new StratusException("ValidationError", "1 validation error detected: Value '" + m
                    + "' at 'datapointsToAlarm' failed to satisfy constraint: Member must have value greater than"
                    + " or equal to 1");
        }
        if (m != null && m > alarm.evaluationPeriods()) {
            throw new StratusException("ValidationError", "DatapointsToAlarm (" + m
                    + ") must be less than or equal to EvaluationPeriods (" + alarm.evaluationPeriods() + ").");
        }
        long window = (long) period * alarm.evaluationPeriods();
        if (period < 3600 && window > 86_400) {
            throw new StratusException("ValidationError", "Metrics cannot be checked across more than a day"
                    + " (EvaluationPeriods * Period must be <= 86400).");
        }
        if (window > 7 * 86_400) {
            throw new StratusException("ValidationError", "Metrics cannot be checked across more than a week"
                    + " (EvaluationPeriods * Period must be <= 604800).");
        }
        if ((alarm.statistic() == null) == (alarm.extendedStatistic() == null)) {
            throw new StratusException("InvalidParameterCombination", "Exactly one of the parameters Statistic"
                    + " and ExtendedStatistic must be specified.");
        }
        if (alarm.extendedStatistic() != null && ExtendedStat.parse(alarm.extendedStatistic()) == null) {
            throw new StratusException("InvalidParameterValue", "The value " + alarm.extendedStatistic()
                    + " for parameter ExtendedStatistic is invalid.");
        }
        String low = alarm.evaluateLowSampleCountPercentile();
        if (low != null && !low.isEmpty() && !low.equals("evaluate") && !low.equals("ignore")) {
            throw new StratusException("ValidationError", "Option " + low
                    + " is not supported. Supported options for parameter EvaluateLowSampleCountPercentile are"
                    + " evaluate and ignore.");
        }
        if (!Double.isFinite(alarm.threshold())) {
            throw new StratusException("InvalidParameterValue", "The value " + alarm.threshold()
                    + " for parameter Threshold is invalid.");
        }
        MetricKey key = alarm.metric();
        if (key.namespace().isEmpty() || key.name().isEmpty()) {
            throw new StratusException("ValidationError", "Namespace and MetricName are required.");
        }
        MetricStore.validateDimensions(key.dimensions(), "Dimensions");
        checkActions(alarm.okActions(), "OKActions");
        checkActions(alarm.alarmActions(), "AlarmActions");
        checkActions(alarm.insufficientDataActions(), "InsufficientDataActions");
    }

    private static void checkActions(final List<String> actions, final String field) {
        if (actions.size() > MAX_ACTIONS) {
            throw new StratusException("ValidationError", "The collection " + field
                    + " must not have a size greater than " + MAX_ACTIONS + ".");
        }
        for (String action : actions) {
            if (!action.startsWith("arn:")) {
                throw new StratusException("ValidationError", "Invalid arn syntax: " + action);
            }
        }
    }

    private void configurationHistory(final Entry entry, final boolean created, final Instant now) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("type", created ? "Create" : "Update");
        data.put("version", "1.0");
        addHistory(new AlarmHistoryItem(entry.name(), type(entry), now, "ConfigurationUpdate",
                "Alarm \"" + entry.name() + "\" " + (created ? "created" : "updated"), Json.write(data)));
    }

    /** DeleteAlarms. */
    public synchronized void delete(final List<String> names) {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (!alarms.containsKey(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new StratusException("ResourceNotFound", "The following alarms were not found: " + missing);
        }
        for (String name : names) {
            if (alarms.remove(name).composite != null) {
                composites--;
            }
        }
    }

    /** Enable/DisableAlarmActions; unknown names are ignored, as AWS does. */
    public synchronized void actionsEnabled(final List<String> names, final boolean enabled) {
        for (String name : names) {
            Entry entry = alarms.get(name);
            if (entry != null) {
                entry.actionsEnabled = enabled;
            }
        }
    }

    // ------------------------------------------------------------------ queries

    /** DescribeAlarms by names (all when empty). */
    public synchronized List<AlarmStatus> describe(final List<String> names) {
        List<AlarmStatus> out = new ArrayList<>();
        for (Entry entry : alarms.values()) {
            if (names.isEmpty() || names.contains(entry.name())) {
                out.add(status(entry));
            }
        }
        out.sort(java.util.Comparator.comparing(AlarmStatus::name));
        return out;
    }

    /** DescribeAlarmsForMetric. */
    public synchronized List<AlarmStatus> describeForMetric(final MetricKey key, final Statistic statistic,
            final String extendedStatistic, final Integer period, final Unit unit) {
        List<AlarmStatus> out = new ArrayList<>();
        for (Entry entry : alarms.values()) {
            MetricAlarm alarm = entry.metric;
            if (alarm == null || !alarm.metric().equals(key)) {
                continue;
            }
            if (statistic != null && statistic != alarm.statistic()) {
                continue;
            }
            if (extendedStatistic != null && !extendedStatistic.equals(alarm.extendedStatistic())) {
                continue;
            }
            if ((period != null && period != alarm.period()) || (unit != null && unit != alarm.unit())) {
                continue;
            }
            out.add(status(entry));
        }
        return out;
    }

    /** DescribeAlarmHistory, newest first; null filters match everything. */
    public synchronized List<AlarmHistoryItem> history(final String name, final String itemType) {
        List<AlarmHistoryItem> out = new ArrayList<>();
        for (int i = history.size() - 1; i >= 0; i--) {
            AlarmHistoryItem item = history.get(i);
            if ((name == null || name.equals(item.alarmName()))
                    && (itemType == null || itemType.equals(item.itemType()))) {
                out.add(item);
            }
        }
        return out;
    }

    private static AlarmStatus status(final Entry entry) {
        return new AlarmStatus(entry.metric, entry.composite, entry.state, entry.reason, entry.reasonData,
                entry.stateUpdated, entry.stateTransitioned, entry.configUpdated, entry.actionsEnabled);
    }

    private static String type(final Entry entry) {
        return entry.metric != null ? "MetricAlarm" : "CompositeAlarm";
    }

    // ------------------------------------------------------------------ state changes

    /** SetAlarmState: lasts until the next evaluation. */
    public void setState(final String name, final AlarmState state, final String reason, final String reasonData,
            final Instant now) {
        List<Delivery> deliveries = new ArrayList<>();
        synchronized (this) {
            Entry entry = alarms.get(name);
            if (entry == null) {
                throw new StratusException("ResourceNotFound", "Alarm " + name + " not found");
            }
            transition(entry, state, reason, reasonData, now, false, deliveries);
        }
        deliver(deliveries);
    }

    /**
     * Evaluates the alarms due at {@code nowSecond} (a multiple of 10): periods under a minute every tick, the
     * others when it is a whole minute. Returns how many were evaluated.
     */
    public int tick(final long nowSecond) {
        List<Delivery> deliveries = new ArrayList<>();
        int evaluated = 0;
        synchronized (this) {
            Instant now = Instant.ofEpochSecond(nowSecond);
            for (Entry entry : new ArrayList<>(alarms.values())) {
                if (entry.metric == null) {
                    continue;
                }
                if (entry.metric.period() >= 60 && nowSecond % 60 != 0) {
                    continue;
                }
                evaluate(entry, nowSecond, now, deliveries);
                evaluated++;
            }
        }
        deliver(deliveries);
        return evaluated;
    }

    private void evaluate(final Entry entry, final long nowSecond, final Instant now,
            final List<Delivery> deliveries) {
        MetricAlarm alarm = entry.metric;
        int period = alarm.period();
        int n = alarm.evaluationPeriods();
        int m = alarm.datapointsToAlarm() == null ? n : alarm.datapointsToAlarm();
        int range = Math.max(5, n + 2);
        long end = Math.floorDiv(nowSecond, period) * period;
        long start = end - (long) range * period;
        double[] values = new double[range];
        double[] counts = new double[range];
        java.util.Arrays.fill(values, Double.NaN);
        int tier = MetricStore.tierFor(period, start, nowSecond);
        if (tier >= 0) {
            for (Series s : store.seriesOf(alarm.metric())) {
                if (alarm.unit() != null && s.unit() != alarm.unit()) {
                    continue;
                }
                Agg[] aggs = new Agg[range];
                if (s.aggregate(tier, start, period, aggs, alarm.statistic() == null) == 0) {
                    continue;
                }
                for (int i = 0; i < range; i++) {
                    if (aggs[i] != null) {
                        values[i] = alarm.statistic() != null ? MetricStore.basicValue(aggs[i], alarm.statistic())
                                : lowSampleAware(alarm, aggs[i]);
                        counts[i] = aggs[i].count;
                    }
                }
                break;
            }
        }
        TreatMissingData treat = alarm.treatMissingData() == null ? TreatMissingData.MISSING
                : alarm.treatMissingData();
        double threshold = alarm.threshold();
        List<Integer> real = new ArrayList<>();
        for (int i = range - 1; i >= 0; i--) {
            if (!Double.isNaN(values[i])) {
                real.add(i);
            }
        }
        AlarmState next;
        List<Integer> evaluatedPoints;
        int filled = 0;
        int breaching = 0;
        if (real.size() >= n) {
            evaluatedPoints = real.subList(0, n);
            for (int i : evaluatedPoints) {
                if (alarm.comparisonOperator().breaches(values[i], threshold)) {
                    breaching++;
                }
            }
            next = breaching >= m ? AlarmState.ALARM : AlarmState.OK;
        } else {
            evaluatedPoints = real;
            int nonBreaching = 0;
            for (int i : real) {
                if (alarm.comparisonOperator().breaches(values[i], threshold)) {
                    breaching++;
                } else {
                    nonBreaching++;
                }
            }
            if (treat == TreatMissingData.BREACHING || treat == TreatMissingData.NOT_BREACHING) {
                filled = n - real.size();
                if (treat == TreatMissingData.BREACHING) {
                    next = breaching + filled >= m ? AlarmState.ALARM : AlarmState.OK;
                } else {
                    next = breaching >= m ? AlarmState.ALARM : AlarmState.OK;
                }
            } else if (breaching >= m) {
                next = AlarmState.ALARM;
            } else if (treat == TreatMissingData.MISSING && nonBreaching == 0
                    && prematureAlarm(values, range, n, m, alarm, threshold)) {
                next = AlarmState.ALARM;
            } else if (nonBreaching > 0) {
                next = AlarmState.OK;
            } else if (real.isEmpty() && treat == TreatMissingData.MISSING) {
                next = AlarmState.INSUFFICIENT_DATA;
            } else {
                next = entry.state;
            }
        }
        if (next == entry.state) {
            return;
        }
        String reason = reason(alarm, next, values, evaluatedPoints, start, period, n, m, breaching, filled, treat);
        String reasonData = reasonData(alarm, values, counts, evaluatedPoints, start, end, period, now);
        transition(entry, next, reason, reasonData, now, !real.isEmpty(), deliveries);
    }

    private static double lowSampleAware(final MetricAlarm alarm, final Agg agg) {
        ExtendedStat stat = ExtendedStat.parse(alarm.extendedStatistic());
        if ("ignore".equals(alarm.evaluateLowSampleCountPercentile()) && stat.kind().equals("P")) {
            double p = stat.low() / 100;
            double needed = p >= 0.5 ? 10 / (1 - p) : 10 / p;
            if (agg.count < needed) {
                return Double.NaN;
            }
        }
        return stat.evaluate(agg);
    }

    private static boolean prematureAlarm(final double[] values, final int range, final int n, final int m,
            final MetricAlarm alarm, final double threshold) {
        // CloudWatch alarms early when the oldest breaching point of the last N is at least M periods old and
        // every newer point is breaching or missing
        int oldestBreachingAge = -1;
        for (int age = n; age >= 1; age--) {
            double v = values[range - age];
            if (Double.isNaN(v)) {
                continue;
            }
            if (alarm.comparisonOperator().breaches(v, threshold)) {
                if (oldestBreachingAge < 0) {
                    oldestBreachingAge = age;
                }
            } else if (oldestBreachingAge > 0) {
                return false;
            }
        }
        return oldestBreachingAge >= m;
    }

    private static String reason(final MetricAlarm alarm, final AlarmState next, final double[] values,
            final List<Integer> points, final long start, final int period, final int n, final int m,
            final int breaching, final int filled, final TreatMissingData treat) {
        String threshold = MetricStore.format(alarm.threshold());
        String words = alarm.comparisonOperator().words();
        if (next == AlarmState.INSUFFICIENT_DATA) {
            return "Insufficient Data: " + n + " datapoint" + (n == 1 ? " was" : "s were") + " unknown.";
        }
        String filledWords = treat == TreatMissingData.BREACHING ? "Breaching" : "NonBreaching";
        if (points.isEmpty()) {
            return "Threshold Crossed: no datapoints were received for " + n + " period" + (n == 1 ? "" : "s")
                    + " and " + filled + " missing datapoint" + (filled == 1 ? " was" : "s were") + " treated as ["
                    + filledWords + "].";
        }
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < points.size(); i++) {
            int at = points.get(i);
            if (i > 0) {
                list.append(", ");
            }
            list.append(MetricStore.format(values[at])).append(" (")
                    .append(REASON_DATE.format(Instant.ofEpochSecond(start + (long) at * period))).append(')');
        }
        list.append(']');
        String not = next == AlarmState.OK ? "not " : "";
        int shown = next == AlarmState.ALARM ? breaching : points.size() - breaching;
        StringBuilder text = new StringBuilder("Threshold Crossed: ");
        if (points.size() == 1 && n == 1) {
            text.append("1 datapoint ").append(list).append(" was ").append(not).append(words);
        } else if (shown == points.size() && points.size() == n) {
            text.append(shown).append(" datapoints ").append(list).append(" were ").append(not).append(words);
        } else {
            text.append(shown).append(" out of the last ").append(points.size()).append(" datapoint")
                    .append(points.size() == 1 ? " " : "s ").append(list).append(shown == 1 ? " was " : " were ")
                    .append(not).append(words);
        }
        text.append(" the threshold (").append(threshold).append(')');
        if (filled > 0) {
            text.append(" and ").append(filled).append(" missing datapoint").append(filled == 1 ? " was" : "s were")
                    .append(" treated as [").append(filledWords).append(']');
        }
        if (m < n && next == AlarmState.ALARM) {
            text.append(" (minimum ").append(m).append(" datapoint").append(m == 1 ? "" : "s")
                    .append(" for OK -> ALARM transition)");
        }
        return text.append('.').toString();
    }

    private static String reasonData(final MetricAlarm alarm, final double[] values, final double[] counts,
            final List<Integer> points, final long start, final long end, final int period, final Instant now) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("version", "1.0");
        data.put("queryDate", DATA_DATE.format(now));
        long evaluatedStart = points.isEmpty() ? end - (long) alarm.evaluationPeriods() * period
                : start + (long) points.get(points.size() - 1) * period;
        data.put("startDate", DATA_DATE.format(Instant.ofEpochSecond(evaluatedStart)));
        if (alarm.unit() != null) {
            data.put("unit", alarm.unit().awsName());
        }
        if (alarm.statistic() != null) {
            data.put("statistic", alarm.statistic().awsName());
        } else {
            data.put("extendedStatistic", alarm.extendedStatistic());
        }
        data.put("period", period);
        ArrayNode recent = data.putArray("recentDatapoints");
        for (int i = points.size() - 1; i >= 0; i--) {
            recent.add(values[points.get(i)]);
        }
        data.put("threshold", alarm.threshold());
        ArrayNode evaluated = data.putArray("evaluatedDatapoints");
        for (int at : points) {
            ObjectNode point = evaluated.addObject();
            point.put("timestamp", DATA_DATE.format(Instant.ofEpochSecond(start + (long) at * period)));
            point.put("sampleCount", counts[at]);
            point.put("value", values[at]);
        }
        return Json.write(data);
    }

    private void transition(final Entry entry, final AlarmState next, final String reason, final String reasonData,
            final Instant now, final boolean fromData, final List<Delivery> deliveries) {
        AlarmState old = entry.state;
        String oldReason = entry.reason;
        String oldReasonData = entry.reasonData;
        entry.stateUpdated = now;
        entry.reason = reason;
        entry.reasonData = reasonData;
        if (old == next) {
            return;
        }
        entry.state = next;
        entry.stateTransitioned = now;
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("version", "1.0");
        ObjectNode oldState = data.putObject("oldState");
        oldState.put("stateValue", old.name());
        oldState.put("stateReason", oldReason);
        if (oldReasonData != null) {
            oldState.set("stateReasonData", parse(oldReasonData));
        }
        ObjectNode newState = data.putObject("newState");
        newState.put("stateValue", next.name());
        newState.put("stateReason", reason);
        if (reasonData != null) {
            newState.set("stateReasonData", parse(reasonData));
        }
        addHistory(new AlarmHistoryItem(entry.name(), type(entry), now, "StateUpdate",
                "Alarm updated from " + old.name() + " to " + next.name(), Json.write(data)));
        if (entry.actionsEnabled) {
            List<String> actions = actions(entry, next);
            if (!actions.isEmpty()) {
                String message = entry.metric != null ? metricMessage(entry, old, fromData, now)
                        : compositeMessage(entry, old, now);
                for (String arn : actions) {
                    deliveries.add(new Delivery(arn, message));
                    addHistory(new AlarmHistoryItem(entry.name(), type(entry), now, "Action",
                            "Successfully executed action " + arn, "{\"actionState\":\"Succeeded\"}"));
                }
            }
        }
        if (hasComposites()) {
            cascade(entry, now, deliveries);
        }
    }

    /** Keeps two weeks of history, as CloudWatch does. */
    private void addHistory(final AlarmHistoryItem item) {
        Instant cutoff = item.timestamp().minus(java.time.Duration.ofDays(14));
        int expired = 0;
        while (expired < history.size() && history.get(expired).timestamp().isBefore(cutoff)) {
            expired++;
        }
        if (expired > 0) {
            history.subList(0, expired).clear();
        }
        history.add(item);
    }

    private boolean hasComposites() {
        return composites > 0;
    }

    private void cascade(final Entry child, final Instant now, final List<Delivery> deliveries) {
        String childArn = arn(child.name());
        for (Entry parent : new ArrayList<>(alarms.values())) {
            if (parent.rule == null || parent == child || !parent.rule.references(child.name(), childArn)) {
                continue;
            }
            boolean alarming = parent.rule.evaluate(name -> {
                Entry e = alarms.get(name);
                return e == null ? null : e.state;
            });
            AlarmState next = alarming ? AlarmState.ALARM : AlarmState.OK;
            if (next == parent.state) {
                continue;
            }
            ObjectNode data = Json.MAPPER.createObjectNode();
            ObjectNode trigger = data.putArray("triggeringAlarms").addObject();
            trigger.put("arn", childArn);
            ObjectNode state = trigger.putObject("state");
            state.put("value", child.state.name());
            state.put("timestamp", DATA_DATE.format(child.stateTransitioned));
            String reason = childArn + " transitioned to " + child.state.name() + " at "
                    + DateTimeFormatter.ofPattern("EEEE dd MMMM, yyyy HH:mm:ss 'UTC'", Locale.ROOT)
                            .withZone(ZoneOffset.UTC).format(child.stateTransitioned);
            transition(parent, next, reason, Json.write(data), now, false, deliveries);
        }
    }

    private static List<String> actions(final Entry entry, final AlarmState state) {
        boolean metric = entry.metric != null;
        return switch (state) {
            case OK -> metric ? entry.metric.okActions() : entry.composite.okActions();
            case ALARM -> metric ? entry.metric.alarmActions() : entry.composite.alarmActions();
            case INSUFFICIENT_DATA -> metric ? entry.metric.insufficientDataActions()
                    : entry.composite.insufficientDataActions();
        };
    }

    private ObjectNode common(final Entry entry, final AlarmState old, final Instant now, final String description,
            final List<String> ok, final List<String> alarm, final List<String> insufficient) {
        ObjectNode message = Json.MAPPER.createObjectNode();
        message.put("AlarmName", entry.name());
        message.put("AlarmDescription", description);
        message.put("AWSAccountId", account);
        message.put("AlarmConfigurationUpdatedTimestamp", DATA_DATE.format(entry.configUpdated));
        message.put("NewStateValue", entry.state.name());
        message.put("NewStateReason", entry.reason);
        message.put("StateChangeTime", DATA_DATE.format(now));
        message.put("Region", REGION_NAMES.getOrDefault(region, region));
        message.put("AlarmArn", arn(entry.name()));
        message.put("OldStateValue", old.name());
        strings(message.putArray("OKActions"), ok);
        strings(message.putArray("AlarmActions"), alarm);
        strings(message.putArray("InsufficientDataActions"), insufficient);
        return message;
    }

    private String metricMessage(final Entry entry, final AlarmState old, final boolean fromData, final Instant now) {
        MetricAlarm alarm = entry.metric;
        ObjectNode message = common(entry, old, now, alarm.description(), alarm.okActions(), alarm.alarmActions(),
                alarm.insufficientDataActions());
        ObjectNode trigger = message.putObject("Trigger");
        trigger.put("MetricName", alarm.metric().name());
        trigger.put("Namespace", alarm.metric().namespace());
        if (alarm.statistic() != null) {
            trigger.put("StatisticType", "Statistic");
            trigger.put("Statistic", upperSnake(alarm.statistic()));
        } else {
            trigger.put("StatisticType", "ExtendedStatistic");
            trigger.put("ExtendedStatistic", alarm.extendedStatistic());
        }
        trigger.put("Unit", alarm.unit() == null ? null : alarm.unit().awsName());
        ArrayNode dimensions = trigger.putArray("Dimensions");
        for (Dimension dimension : alarm.metric().dimensions()) {
            dimensions.addObject().put("value", dimension.value()).put("name", dimension.name());
        }
        trigger.put("Period", alarm.period());
        trigger.put("EvaluationPeriods", alarm.evaluationPeriods());
        if (alarm.datapointsToAlarm() != null) {
            trigger.put("DatapointsToAlarm", alarm.datapointsToAlarm());
        }
        trigger.put("ComparisonOperator", alarm.comparisonOperator().awsName());
        trigger.put("Threshold", alarm.threshold());
        trigger.put("TreatMissingData", alarm.treatMissingData() == null ? ""
                : alarm.treatMissingData().awsName());
        trigger.put("EvaluateLowSampleCountPercentile", alarm.evaluateLowSampleCountPercentile() == null ? ""
                : alarm.evaluateLowSampleCountPercentile());
        if (fromData) {
            // CloudWatch adds this flag to notifications of transitions evaluated from datapoints
            message.put("ActionExecutedAfterMuteWindow", false);
        }
        return Json.write(message);
    }

    private String compositeMessage(final Entry entry, final AlarmState old, final Instant now) {
        CompositeAlarm alarm = entry.composite;
        ObjectNode message = common(entry, old, now, alarm.description(), alarm.okActions(), alarm.alarmActions(),
                alarm.insufficientDataActions());
        message.put("AlarmRule", alarm.rule());
        ArrayNode children = message.putArray("TriggeringChildren");
        if (entry.reasonData != null) {
            for (var trigger : parse(entry.reasonData).path("triggeringAlarms")) {
                ObjectNode child = children.addObject();
                child.put("Arn", trigger.path("arn").asText());
                ObjectNode state = child.putObject("State");
                state.put("Value", trigger.path("state").path("value").asText());
                state.put("Timestamp", trigger.path("state").path("timestamp").asText());
            }
        }
        return Json.write(message);
    }

    private static String upperSnake(final Statistic statistic) {
        return switch (statistic) {
            case SAMPLE_COUNT -> "SAMPLE_COUNT";
            case AVERAGE -> "AVERAGE";
            case SUM -> "SUM";
            case MINIMUM -> "MINIMUM";
            case MAXIMUM -> "MAXIMUM";
        };
    }

    private static void strings(final ArrayNode array, final List<String> values) {
        for (String value : values) {
            array.add(value);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(final String json) {
        try {
            return Json.parse(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("reason data is not JSON: " + json, e);
        }
    }

    private void deliver(final List<Delivery> deliveries) {
        for (Delivery delivery : deliveries) {
            try {
                sink.deliver(delivery.arn(), delivery.message());
            } catch (RuntimeException e) {
                errorHandler.onError(e);
            }
        }
    }
}
