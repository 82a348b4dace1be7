package dev.stratus.metrics.internal;

import dev.stratus.core.StratusException;
import dev.stratus.metrics.Dimension;
import dev.stratus.metrics.DimensionFilter;
import dev.stratus.metrics.GetMetricStatisticsRequest;
import dev.stratus.metrics.ListMetricsRequest;
import dev.stratus.metrics.MetricDatum;
import dev.stratus.metrics.MetricKey;
import dev.stratus.metrics.MetricList;
import dev.stratus.metrics.Statistic;
import dev.stratus.metrics.StatisticSet;
import dev.stratus.metrics.Unit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every series of one engine, PutMetricData with AWS's validation, GetMetricStatistics and ListMetrics. Series are
 * keyed by metric key, then unit (CloudWatch aggregates each unit apart).
 */
public final class MetricStore {
    /** PutMetricData's datum limit. */
    public static final int MAX_DATA = 1000;
    /** Values per datum. */
    public static final int MAX_VALUES = 150;
    /** Dimensions per metric. */
    public static final int MAX_DIMENSIONS = 30;
    /** GetMetricStatistics' datapoint limit. */
    public static final int MAX_STATISTICS_DATAPOINTS = 1440;
    private static final long TWO_WEEKS_S = 14 * 86_400L;
    private static final long TWO_HOURS_S = 2 * 3600L;
    private static final int LIST_PAGE = 500;
    private static final Comparator<MetricKey> KEY_ORDER = Comparator.comparing(MetricKey::namespace)
            .thenComparing(MetricKey::name).thenComparing(k -> k.dimensions().toString());

    private final ConcurrentHashMap<MetricKey, Series[]> series = new ConcurrentHashMap<>();
    private final AtomicInteger seriesCount = new AtomicInteger();
    private final CopyOnWriteArrayList<Series> hot = new CopyOnWriteArrayList<>();
    private final int seriesLimit;
    private final SecondTicker ticker;

    public MetricStore(final int seriesLimit, final SecondTicker ticker) {
        this.seriesLimit = seriesLimit;
        this.ticker = ticker;
    }

    public SecondTicker ticker() {
        return ticker;
    }

    /** The series of {@code key} and {@code unit}, created if absent (within the series limit). */
    public Series series(final MetricKey key, final Unit unit) {
        Series[] byUnit = series.computeIfAbsent(key, k -> new Series[Unit.values().length]);
        Series existing = byUnit[unit.ordinal()];
        if (existing != null) {
            return existing;
        }
        synchronized (byUnit) {
            if (byUnit[unit.ordinal()] == null) {
                if (seriesCount.incrementAndGet() > seriesLimit) {
                    seriesCount.decrementAndGet();
                    throw new StratusException("LimitExceeded", "The series limit of " + seriesLimit
                            + " is reached; no new series for metric " + key.namespace() + "/" + key.name()
                            + " " + key.dimensions() + " unit " + unit.awsName() + ": seriesLimit=" + seriesLimit);
                }
                byUnit[unit.ordinal()] = new Series(key, unit);
            }
            return byUnit[unit.ordinal()];
        }
    }

    /** The existing series of {@code key}, in AWS's unit order (alphabetical). */
    public List<Series> seriesOf(final MetricKey key) {
        Series[] byUnit = series.get(key);
        List<Series> found = new ArrayList<>();
        if (byUnit != null) {
            for (Series s : byUnit) {
                if (s != null) {
                    found.add(s);
                }
            }
        }
        found.sort(Comparator.comparing(s -> s.unit().awsName()));
        return found;
    }

    public int seriesCount() {
        return seriesCount.get();
    }

    /** Bytes held by every series, roughly. */
    public long memoryBytes() {
        long bytes = 0;
        for (Series[] byUnit : series.values()) {
            for (Series s : byUnit) {
                if (s != null) {
                    bytes += s.memoryBytes();
                }
            }
        }
        return bytes;
    }

    /** The hot accumulator of a series, created once; the series joins the roll-up list. */
    public ActiveSeries activate(final Series s) {
        ActiveSeries active = s.active();
        if (active == null) {
            active = s.activate(ticker);
            hot.addIfAbsent(s);
        }
        return active;
    }

    /** Flushes the closed seconds (before {@code nowSecond}) of every hot series. */
    public void roll(final long nowSecond) {
        for (Series s : hot) {
            s.active().flushBefore(nowSecond);
        }
    }

    /** Drops points past their tier's retention in every series. */
    public void expire(final long nowSecond) {
        for (Series[] byUnit : series.values()) {
            for (Series s : byUnit) {
                if (s != null) {
                    s.expire(nowSecond);
                }
            }
        }
    }

    /** PutMetricData: validates the whole request with AWS's errors, then stores every datum. */
    public void put(final String namespace, final List<MetricDatum> data, final long nowMillis) {
        validateNamespace(namespace);
        if (data == null || data.isEmpty()) {
            throw missing("MetricData");
        }
        if (data.size() > MAX_DATA) {
            throw invalid("The collection MetricData must not have a size greater than " + MAX_DATA + ".");
        }
        for (int i = 0; i < data.size(); i++) {
            validateDatum(data.get(i), "MetricData.member." + (i + 1), nowMillis);
        }
        long nowSecond = Math.floorDiv(nowMillis, 1000);
        for (MetricDatum datum : data) {
            store(namespace, datum, nowSecond);
        }
    }

    private void store(final String namespace, final MetricDatum datum, final long nowSecond) {
        MetricKey key = new MetricKey(namespace, datum.metricName(), datum.dimensions());
        Unit unit = datum.unit() == null ? Unit.NONE : datum.unit();
        Series s = series(key, unit);
        long second = datum.timestamp() == null ? nowSecond : Math.floorDiv(datum.timestamp().toEpochMilli(), 1000);
        boolean highResolution = datum.storageResolution() != null && datum.storageResolution() == 1;
        if (datum.value() != null) {
            s.addValue(second, highResolution, datum.value(), 1);
        }
        if (datum.values() != null) {
            List<Double> values = datum.values();
            List<Double> counts = datum.counts();
            for (int i = 0; i < values.size(); i++) {
                s.addValue(second, highResolution, values.get(i), counts == null ? 1 : counts.get(i));
            }
        }
        if (datum.statisticValues() != null) {
            StatisticSet set = datum.statisticValues();
            s.addStatisticSet(second, highResolution, set.sampleCount(), set.sum(), set.minimum(), set.maximum());
        }
    }

    private static void validateNamespace(final String namespace) {
        if (namespace == null || namespace.isEmpty()) {
            throw missing("Namespace");
        }
        if (namespace.length() > 255) {
            throw invalid("The parameter Namespace must not be longer than 255 characters.");
        }
        if (namespace.startsWith(":") || !printableAscii(namespace)) {
            throw invalid("The value " + namespace + " for parameter Namespace is invalid.");
        }
    }

    private static void validateDatum(final MetricDatum datum, final String member, final long nowMillis) {
        if (datum.metricName() == null || datum.metricName().isEmpty()) {
            throw missing(member + ".MetricName");
        }
        if (datum.metricName().length() > 255) {
            throw invalid("The parameter " + member + ".MetricName must not be longer than 255 characters.");
        }
        if (datum.value() != null && datum.values() != null) {
            throw combination("The parameters " + member + ".Value and " + member
                    + ".Values are mutually exclusive and you have specified both.");
        }
        if (datum.value() != null && datum.statisticValues() != null) {
            throw combination("The parameters " + member + ".Value and " + member
                    + ".StatisticValues are mutually exclusive and you have specified both.");
        }
        if (datum.value() == null && datum.values() == null && datum.statisticValues() == null) {
            throw combination("At least one of the parameters " + member + ".Value, " + member + ".Values or "
                    + member + ".StatisticValues must be specified.");
        }
        if (datum.counts() != null && datum.values() == null) {
            throw combination("The parameter " + member + ".Counts requires " + member + ".Values.");
        }
        if (datum.values() != null) {
            if (datum.values().size() > MAX_VALUES) {
                throw invalid("The collection " + member + ".Values must not have a size greater than "
                        + MAX_VALUES + ".");
            }
            if (datum.counts() != null && datum.counts().size() != datum.values().size()) {
                throw invalid("The parameters " + member + ".Values and " + member
                        + ".Counts must be of the same size.");
            }
            for (int i = 0; i < datum.values().size(); i++) {
                checkValue(datum.values().get(i), member + ".Values.member." + (i + 1));
                if (datum.counts() != null) {
                    double count = datum.counts().get(i);
                    if (!(count >= 0) || Double.isInfinite(count)) {
                        throw invalid("The value " + format(count) + " for parameter " + member + ".Counts.member."
                                + (i + 1) + " is invalid.");
                    }
                }
            }
        }
        if (datum.value() != null) {
            checkValue(datum.value(), member + ".Value");
        }
        if (datum.statisticValues() != null) {
            StatisticSet set = datum.statisticValues();
            String prefix = member + ".StatisticValues";
            checkValue(set.sampleCount(), prefix + ".SampleCount");
            checkValue(set.sum(), prefix + ".Sum");
            checkValue(set.minimum(), prefix + ".Minimum");
            checkValue(set.maximum(), prefix + ".Maximum");
            if (set.sampleCount() <= 0) {
                throw invalid("The parameter " + prefix + ".SampleCount must be greater than 0.");
            }
            if (set.minimum() > set.maximum()) {
                throw invalid("The parameter " + prefix + ".Minimum must not be greater than " + prefix
                        + ".Maximum.");
            }
        }
        if (datum.storageResolution() != null && datum.storageResolution() != 1 && datum.storageResolution() != 60) {
            throw invalid("The parameter " + member + ".StorageResolution must be a value in the set [ 1, 60 ].");
        }
        validateDimensions(datum.dimensions(), member + ".Dimensions");
        if (datum.timestamp() != null) {
            long ageSeconds = Math.floorDiv(nowMillis - datum.timestamp().toEpochMilli(), 1000);
            if (ageSeconds > TWO_WEEKS_S) {
                throw invalid("The parameter " + member + ".Timestamp must specify a time no more than two weeks"
                        + " in the past.");
            }
            if (-ageSeconds > TWO_HOURS_S) {
                throw invalid("The parameter " + member + ".Timestamp must specify a time no more than two hours"
                        + " in the future.");
            }
        }
    }

    /** AWS's rules for dimensions (PutMetricData, queries, alarms). */
    public static void validateDimensions(final List<Dimension> dimensions, final String field) {
        if (dimensions.size() > MAX_DIMENSIONS) {
            throw invalid("The collection " + field + " must not have a size greater than " + MAX_DIMENSIONS + ".");
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < dimensions.size(); i++) {
            Dimension dimension = dimensions.get(i);
            String member = field + ".member." + (i + 1);
            if (dimension.name().isEmpty()) {
                throw missing(member + ".Name");
            }
            if (dimension.value().isEmpty()) {
                throw missing(member + ".Value");
            }
            if (dimension.name().length() > 255 || dimension.name().isBlank() || dimension.name().startsWith(":")
                    || !printableAscii(dimension.name())) {
                throw invalid("The value " + dimension.name() + " for parameter " + member + ".Name is invalid.");
            }
            if (dimension.value().length() > 1024 || !printableAscii(dimension.value())) {
                throw invalid("The value " + dimension.value() + " for parameter " + member + ".Value is invalid.");
            }
            if (!names.add(dimension.name())) {
                throw invalid("No Metric may specify the same dimension name twice: " + dimension.name() + ".");
            }
        }
    }

    private static void checkValue(final double value, final String field) {
        if (!(Math.abs(value) <= ActiveSeries.MAX_MAGNITUDE)) {
            throw invalid("The value " + format(value) + " for parameter " + field + " is invalid.");
        }
    }

    private static boolean printableAscii(final String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    static String format(final double value) {
        return Double.isNaN(value) ? "NaN" : Double.toString(value);
    }

    /** An InvalidParameterValue error. */
    public static StratusException invalid(final String message) {
        return new StratusException("InvalidParameterValue", message);
    }

    /** An InvalidParameterCombination error. */
    public static StratusException combination(final String message) {
        return new StratusException("InvalidParameterCombination", message);
    }

    /** A MissingParameter error. */
    public static StratusException missing(final String field) {
        return new StratusException("MissingParameter", "The parameter " + field + " is required.");
    }

    // ---------------------------------------------------------------- queries

    /** Which tier serves {@code period} from {@code startSecond}, or -1 when AWS returns no data for it. */
    public static int tierFor(final int period, final long startSecond, final long nowSecond) {
        long age = nowSecond - startSecond;
        if (age > Series.RETENTION[2]) {
            return period % 3600 == 0 ? 3 : -1;
        }
        if (age > Series.RETENTION[1]) {
            return period % 300 == 0 ? 2 : -1;
        }
        if (age > Series.RETENTION[0]) {
            return period % 60 == 0 ? 1 : -1;
        }
        return period % 60 == 0 ? 1 : 0;
    }

    /** AWS's rounding of a query start: to the period below a minute, else by the data's age. */
    public static long alignStart(final long startSecond, final int period, final long nowSecond) {
        if (period < 60) {
            return Math.floorDiv(startSecond, period) * period;
        }
        long age = nowSecond - startSecond;
        int unit = age > Series.RETENTION[2] ? 3600 : age > Series.RETENTION[1] ? 300 : 60;
        return Math.floorDiv(startSecond, unit) * unit;
    }

    /** AWS's period rule: 1, 5, 10, 20, 30 or a multiple of 60. */
    public static void validatePeriod(final int period, final String field) {
        if (period < 1) {
            throw invalid("The parameter " + field + " must be greater than 0.");
        }
        if (period % 60 != 0 && period != 1 && period != 5 && period != 10 && period != 20 && period != 30) {
            throw invalid("The parameter " + field + " must be 1, 5, 10, 20, 30 or a multiple of 60.");
        }
    }

    /** GetMetricStatistics: validates the request and hands its datapoints to {@code sink}, each series in order. */
    public void statistics(final GetMetricStatisticsRequest request, final long nowMillis,
            final DatapointSink sink) {
        if (request.namespace() == null || request.namespace().isEmpty()) {
            throw missing("Namespace");
        }
        if (request.metricName() == null || request.metricName().isEmpty()) {
            throw missing("MetricName");
        }
        if (request.startTime() == null) {
            throw missing("StartTime");
        }
        if (request.endTime() == null) {
            throw missing("EndTime");
        }
        validatePeriod(request.period(), "Period");
        boolean basic = !request.statistics().isEmpty();
        boolean extended = !request.extendedStatistics().isEmpty();
        if (basic == extended) {
            throw combination("Must specify either Statistics or ExtendedStatistics, but not both.");
        }
        if (request.statistics().size() > 5) {
            throw invalid("The collection Statistics must not have a size greater than 5.");
        }
        if (request.extendedStatistics().size() > 10) {
            throw invalid("The collection ExtendedStatistics must not have a size greater than 10.");
        }
        List<ExtendedStat> parsed = new ArrayList<>();
        for (int i = 0; i < request.extendedStatistics().size(); i++) {
            String text = request.extendedStatistics().get(i);
            ExtendedStat stat = ExtendedStat.parse(text);
            if (stat == null) {
                throw invalid("The value " + text + " for parameter ExtendedStatistics.member." + (i + 1)
                        + " is invalid.");
            }
            parsed.add(stat);
        }
        validateDimensions(request.dimensions(), "Dimensions");
        long start = Math.floorDiv(request.startTime().toEpochMilli(), 1000);
        long end = Math.floorDiv(request.endTime().toEpochMilli(), 1000);
        if (start >= end) {
            throw invalid("The parameter StartTime must be less than the parameter EndTime.");
        }
        int period = request.period();
        long requested = (end - start + period - 1) / period;
        if (requested > MAX_STATISTICS_DATAPOINTS) {
            throw combination("You have requested up to " + requested + " datapoints, which exceeds the limit of "
                    + MAX_STATISTICS_DATAPOINTS + ". You may reduce the datapoints requested by increasing Period,"
                    + " or decreasing the time range.");
        }
        MetricKey key = new MetricKey(request.namespace(), request.metricName(), request.dimensions());
        long nowSecond = Math.floorDiv(nowMillis, 1000);
        int tier = tierFor(period, start, nowSecond);
        if (tier >= 0) {
            List<Series> found = seriesOf(key);
            long alignedStart = alignStart(start, period, nowSecond);
            int buckets = (int) ((end - alignedStart + period - 1) / period);
            sink.expect(buckets * found.size());
            List<String> names = new ArrayList<>();
            List<Statistic> basics = new ArrayList<>();
            List<ExtendedStat> extendeds = new ArrayList<>();
            for (Statistic statistic : request.statistics()) {
                if (!names.contains(statistic.awsName())) {
                    names.add(statistic.awsName());
                    basics.add(statistic);
                }
            }
            for (ExtendedStat stat : parsed) {
                if (!names.contains(stat.text())) {
                    names.add(stat.text());
                    extendeds.add(stat);
                }
            }
            String[] shared = names.toArray(new String[0]);
            StatisticColumns basicColumns = StatisticColumns.basic(basics);
            StatisticColumns storedColumns = StatisticColumns.stored(shared);
            for (Series s : found) {
                if (request.unit() != null && s.unit() != request.unit()) {
                    continue;
                }
                if (extendeds.isEmpty()) {
                    basicDatapoints(s, tier, alignedStart, period, buckets, basicColumns, sink);
                } else {
                    extendedDatapoints(s, tier, alignedStart, period, buckets, extendeds, storedColumns, sink);
                }
            }
        }
    }

    /**
     * The datapoints of {@code series}' buckets with data, for basic statistics: SampleCount, Sum, Minimum and Maximum
     * per bucket in one array, from which the datapoints read (or derive) the requested statistics.
     */
    private static void basicDatapoints(final Series series, final int tier, final long start, final int period,
            final int buckets, final StatisticColumns columns, final DatapointSink sink) {
        int stride = Series.BASIC_STRIDE;
        double[] totals = new double[buckets * stride];
        series.aggregateBasic(tier, start, period, totals, stride);
        long all = -1L >>> (64 - columns.size());
        for (int b = 0, at = 0; b < buckets; b++, at += stride) {
            if (totals[at + 2] != Double.POSITIVE_INFINITY) {
                sink.add(start + (long) b * period, series.unit(), columns, totals, at, all);
            }
        }
    }

    /** The datapoints of {@code series}' buckets with data, for extended statistics (those it can compute). */
    private static void extendedDatapoints(final Series series, final int tier, final long start, final int period,
            final int buckets, final List<ExtendedStat> extendeds, final StatisticColumns columns,
            final DatapointSink sink) {
        Agg[] aggs = new Agg[buckets];
        series.aggregate(tier, start, period, aggs, true);
        for (int b = 0; b < buckets; b++) {
            if (aggs[b] == null) {
                continue;
            }
            double[] values = new double[extendeds.size()];
            long present = 0;
            for (int i = 0; i < values.length; i++) {
                values[i] = extendeds.get(i).evaluate(aggs[b]);
                if (!Double.isNaN(values[i])) {
                    present |= 1L << i;
                }
            }
            sink.add(start + (long) b * period, series.unit(), columns, values, 0, present);
        }
    }

    /** A basic statistic of an aggregate. */
    public static double basicValue(final Agg agg, final Statistic statistic) {
        return basicValue(statistic, agg.count, agg.sum, agg.min, agg.max);
    }

    private static double basicValue(final Statistic statistic, final double count, final double sum,
            final double min, final double max) {
        return switch (statistic) {
            case SAMPLE_COUNT -> count;
            case SUM -> sum;
            case MINIMUM -> min;
            case MAXIMUM -> max;
            case AVERAGE -> count == 0 ? Double.NaN : sum / count;
        };
    }

    /** A statistic given as text (basic or extended); NaN when not available. */
    public static double statValue(final Agg agg, final String stat) {
        for (Statistic statistic : Statistic.values()) {
            if (statistic.awsName().equals(stat)) {
                return basicValue(agg, statistic);
            }
        }
        ExtendedStat extended = ExtendedStat.parse(stat);
        return extended == null ? Double.NaN : extended.evaluate(agg);
    }

    /**
     * ListMetrics: filters, stable order, pages of 500; metrics without data for two weeks are not listed, nor,
     * with {@code RecentlyActive} PT3H, those without a datapoint in the past three hours.
     */
    public MetricList list(final ListMetricsRequest request, final long nowMillis) {
        if (request.recentlyActive() != null && !ListMetricsRequest.PT3H.equals(request.recentlyActive())) {
            throw invalid("The value " + request.recentlyActive() + " for parameter RecentlyActive is invalid."
                    + " Valid values: [" + ListMetricsRequest.PT3H + "]");
        }
        long nowSecond = Math.floorDiv(nowMillis, 1000);
        long since = nowSecond - (request.recentlyActive() == null ? TWO_WEEKS_S : Series.RETENTION[0]);
        List<MetricKey> matches = new ArrayList<>();
        for (Map.Entry<MetricKey, Series[]> entry : series.entrySet()) {
            MetricKey key = entry.getKey();
            if (request.namespace() != null && !request.namespace().equals(key.namespace())) {
                continue;
            }
            if (request.metricName() != null && !request.metricName().equals(key.name())) {
                continue;
            }
            if (!matchesDimensions(key, request.dimensions())) {
                continue;
            }
            long last = Long.MIN_VALUE;
            for (Series s : entry.getValue()) {
                if (s != null) {
                    last = Math.max(last, Math.max(s.lastWriteSecond(), s.active() != null ? nowSecond : last));
                }
            }
            if (last >= since) {
                matches.add(key);
            }
        }
        matches.sort(KEY_ORDER);
        int from = 0;
        if (request.nextToken() != null) {
            from = parseToken(request.nextToken(), matches.size());
        }
        int to = Math.min(matches.size(), from + LIST_PAGE);
        String next = to < matches.size() ? Integer.toString(to) : null;
        return new MetricList(matches.subList(from, to), next);
    }

    private static int parseToken(final String token, final int size) {
        try {
            int from = Integer.parseInt(token);
            if (from >= 0 && from <= size) {
                return from;
            }
        } catch (NumberFormatException e) {
            // reported below with AWS's error
        }
        throw new StratusException("InvalidNextToken", "The service cannot process the NextToken: " + token);
    }

    private static boolean matchesDimensions(final MetricKey key, final List<DimensionFilter> filters) {
        for (DimensionFilter filter : filters) {
            boolean found = false;
            for (Dimension dimension : key.dimensions()) {
                if (dimension.name().equals(filter.name())
                        && (filter.value() == null || filter.value().equals(dimension.value()))) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }
}
