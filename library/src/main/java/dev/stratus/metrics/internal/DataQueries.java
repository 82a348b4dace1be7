package dev.stratus.metrics.internal;

import dev.stratus.core.StratusException;
import dev.stratus.metrics.GetMetricDataRequest;
import dev.stratus.metrics.MessageData;
import dev.stratus.metrics.MetricDataQuery;
import dev.stratus.metrics.MetricDataResponse;
import dev.stratus.metrics.MetricDataResult;
import dev.stratus.metrics.Unit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** GetMetricData: validation, metric statistics, metric math, labels, ordering and MaxDatapoints paging. */
public final class DataQueries {
    /** Queries per request. */
    public static final int MAX_QUERIES = 500;
    private static final Pattern ID = Pattern.compile("[a-z][a-zA-Z0-9_]*");

    private final MetricStore store;

    public DataQueries(final MetricStore store) {
        this.store = store;
    }

    /** Runs a GetMetricData request at {@code nowMillis}. */
    public MetricDataResponse run(final GetMetricDataRequest request, final long nowMillis) {
        List<MetricDataQuery> queries = request.queries();
        if (queries.isEmpty()) {
            throw MetricStore.missing("MetricDataQueries");
        }
        if (queries.size() > MAX_QUERIES) {
            throw MetricStore.invalid("The collection MetricDataQueries must not have a size greater than "
                    + MAX_QUERIES + ".");
        }
        if (request.startTime() == null) {
            throw MetricStore.missing("StartTime");
        }
        if (request.endTime() == null) {
            throw MetricStore.missing("EndTime");
        }
        long start = Math.floorDiv(request.startTime().toEpochMilli(), 1000);
        long end = Math.floorDiv(request.endTime().toEpochMilli(), 1000);
        if (start >= end) {
            throw MetricStore.invalid("The parameter StartTime must be less than the parameter EndTime.");
        }
        Map<String, MetricDataQuery> byId = new HashMap<>();
        Set<String> stats = new HashSet<>();
        Set<Integer> periods = new HashSet<>();
        List<String> metricIds = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            MetricDataQuery query = queries.get(i);
            String member = "MetricDataQueries.member." + (i + 1);
            if (!ID.matcher(query.id()).matches()) {
                throw new StratusException("ValidationError", "The value " + query.id() + " for parameter " + member
                        + ".Id is invalid: it must start with a lower-case letter and hold only letters, digits"
                        + " and underscores.");
            }
            if (byId.put(query.id(), query) != null) {
                throw MetricStore.invalid("The value " + query.id() + " for parameter " + member
                        + ".Id is not unique.");
            }
            if ((query.metric() == null) == (query.expression() == null)) {
                throw MetricStore.combination("The parameters " + member + ".MetricStat and " + member
                        + ".Expression are mutually exclusive and exactly one must be specified.");
            }
            if (query.metric() != null) {
                MetricStore.validatePeriod(query.period(), member + ".MetricStat.Period");
                if (Double.isNaN(statCheck(query.stat()))) {
                    throw MetricStore.invalid("The value " + query.stat() + " for parameter " + member
                            + ".MetricStat.Stat is invalid.");
                }
                MetricStore.validateDimensions(query.metric().dimensions(), member + ".MetricStat.Metric.Dimensions");
                stats.add(query.stat());
                periods.add(query.period());
                metricIds.add(query.id());
            }
        }
        long nowSecond = Math.floorDiv(nowMillis, 1000);
        Map<String, TreeMap<Long, Double>> computed = new HashMap<>();
        Map<String, List<MessageData>> messages = new HashMap<>();
        int defaultPeriod = periods.isEmpty() ? 60 : periods.stream().min(Integer::compare).orElse(60);
        List<List<Double>> valuesPerResult = new ArrayList<>();
        List<List<Instant>> timesPerResult = new ArrayList<>();
        List<MetricDataQuery> returned = new ArrayList<>();
        for (MetricDataQuery query : queries) {
            if (!query.returnData()) {
                continue;
            }
            TreeMap<Long, Double> series = resolve(query.id(), byId, computed, messages, start, end, nowSecond,
                    defaultPeriod, metricIds, new HashSet<>());
            List<Long> times = new ArrayList<>(series.keySet());
            if (!request.ascending()) {
                java.util.Collections.reverse(times);
            }
            List<Double> values = new ArrayList<>();
            List<Instant> instants = new ArrayList<>();
            for (Long t : times) {
                instants.add(Instant.ofEpochSecond(t));
                values.add(series.get(t));
            }
            valuesPerResult.add(values);
            timesPerResult.add(instants);
            returned.add(query);
        }
        long offset = request.nextToken() == null ? 0 : parseToken(request.nextToken());
        long budget = request.maxDatapoints();
        long skipped = 0;
        List<MetricDataResult> results = new ArrayList<>();
        boolean more = false;
        for (int r = 0; r < returned.size(); r++) {
            MetricDataQuery query = returned.get(r);
            List<Double> values = valuesPerResult.get(r);
            List<Instant> times = timesPerResult.get(r);
            int from = (int) Math.max(0, Math.min(values.size(), offset - skipped));
            skipped += values.size();
            int to = (int) Math.min(values.size(), from + budget);
            budget -= to - from;
            boolean partial = to < values.size();
            more |= partial;
            results.add(new MetricDataResult(query.id(), label(query, stats.size() > 1, periods.size() > 1),
                    partial ? "PartialData" : "Complete", times.subList(from, to), values.subList(from, to),
                    messages.getOrDefault(query.id(), List.of())));
        }
        String next = more ? "gmd-" + (offset + request.maxDatapoints()) : null;
        return new MetricDataResponse(results, List.of(), next);
    }

    private static boolean isBasic(final String stat) {
        for (dev.stratus.metrics.Statistic statistic : dev.stratus.metrics.Statistic.values()) {
            if (statistic.awsName().equals(stat)) {
                return true;
            }
        }
        return false;
    }

    private static double statCheck(final String stat) {
        Agg probe = new Agg();
        probe.addValue(1, 1);
        return MetricStore.statValue(probe, stat);
    }

    private static long parseToken(final String token) {
        if (token.startsWith("gmd-")) {
            try {
                return Long.parseLong(token.substring(4));
            } catch (NumberFormatException e) {
                // reported below with AWS's error
            }
        }
        throw new StratusException("InvalidNextToken", "The service cannot process the NextToken: " + token);
    }

    private static String label(final MetricDataQuery query, final boolean statsDiffer, final boolean periodsDiffer) {
        if (query.label() != null) {
            return query.label();
        }
        if (query.metric() == null) {
            return query.id();
        }
        StringBuilder label = new StringBuilder(query.metric().name());
        if (statsDiffer) {
            label.append(' ').append(query.stat());
        }
        if (periodsDiffer) {
            label.append(' ').append(query.period());
        }
        return label.toString();
    }

    private TreeMap<Long, Double> resolve(final String id, final Map<String, MetricDataQuery> byId,
            final Map<String, TreeMap<Long, Double>> computed, final Map<String, List<MessageData>> messages,
            final long start, final long end, final long nowSecond, final int defaultPeriod,
            final List<String> metricIds, final Set<String> visiting) {
        TreeMap<Long, Double> done = computed.get(id);
        if (done != null) {
            return done;
        }
        MetricDataQuery query = byId.get(id);
        if (query == null) {
            throw new StratusException("ValidationError", "Unknown id in expression: " + id + ".");
        }
        if (!visiting.add(id)) {
            throw new StratusException("ValidationError", "Circular dependency between expressions at id " + id
                    + ".");
        }
        TreeMap<Long, Double> result;
        if (query.metric() != null) {
            result = metricSeries(query, start, end, nowSecond, messages);
        } else {
            int period = query.period() > 0 ? query.period() : defaultPeriod;
            long aligned = MetricStore.alignStart(start, period, nowSecond);
            List<Long> grid = new ArrayList<>();
            for (long t = aligned; t < end; t += period) {
                grid.add(t);
            }
            MetricMath.Value value = MetricMath.evaluate(query.expression(),
                    ref -> resolve(ref, byId, computed, messages, start, end, nowSecond, defaultPeriod, metricIds,
                            visiting), grid, metricIds);
            if (value.series() != null) {
                result = value.series();
            } else if (value.scalar() != null) {
                result = new TreeMap<>();
                for (Long t : grid) {
                    result.put(t, value.scalar());
                }
            } else {
                throw new StratusException("ValidationError", "The expression of id " + id
                        + " returns several time series; only one can be returned per query.");
            }
        }
        visiting.remove(id);
        computed.put(id, result);
        return result;
    }

    private TreeMap<Long, Double> metricSeries(final MetricDataQuery query, final long start, final long end,
            final long nowSecond, final Map<String, List<MessageData>> messages) {
        TreeMap<Long, Double> out = new TreeMap<>();
        int period = query.period();
        int tier = MetricStore.tierFor(period, start, nowSecond);
        if (tier < 0) {
            return out;
        }
        long aligned = MetricStore.alignStart(start, period, nowSecond);
        int buckets = (int) ((end - aligned + period - 1) / period);
        List<Unit> unitsWithData = new ArrayList<>();
        Agg[] chosen = null;
        for (Series s : store.seriesOf(query.metric())) {
            if (query.unit() != null && s.unit() != query.unit()) {
                continue;
            }
            Agg[] aggs = new Agg[buckets];
            if (s.aggregate(tier, aligned, period, aggs, !isBasic(query.stat())) > 0) {
                unitsWithData.add(s.unit());
                if (chosen == null) {
                    chosen = aggs;
                }
            }
        }
        if (chosen == null) {
            return out;
        }
        if (unitsWithData.size() > 1) {
            List<String> names = new ArrayList<>();
            for (Unit unit : unitsWithData) {
                names.add(unit.awsName());
            }
            messages.put(query.id(), List.of(new MessageData("MultipleUnits",
                    "Multiple units returned: '[" + String.join(", ", names) + "]'")));
        }
        for (int b = 0; b < buckets; b++) {
            if (chosen[b] != null) {
                double value = MetricStore.statValue(chosen[b], query.stat());
                if (!Double.isNaN(value)) {
                    out.put(aligned + (long) b * period, value);
                }
            }
        }
        return out;
    }
}
