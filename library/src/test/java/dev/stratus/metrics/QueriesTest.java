package dev.stratus.metrics;

import static dev.stratus.metrics.MetricsFixtures.T0;
import static dev.stratus.metrics.MetricsFixtures.assertAwsError;
import static dev.stratus.metrics.MetricsFixtures.put;
import static dev.stratus.metrics.MetricsFixtures.stats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.core.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueriesTest {
    private static final MetricKey KEY = MetricKey.of("ns", "m");
    private final ManualClock clock = MetricsFixtures.clock();
    private final Metrics metrics = MetricsFixtures.metrics(clock);

    private GetMetricStatisticsRequest.Builder request(final int period) {
        return GetMetricStatisticsRequest.builder().metric(KEY).startTime(T0.minusSeconds(60))
                .endTime(T0.plusSeconds(60)).period(period);
    }

    private void putValues(final List<Double> values) {
        metrics.putMetricData("ns", List.of(MetricDatum.builder("m").values(values).timestamp(T0).build()));
    }

    @Test
    void shouldRejectBadStatisticsRequestsWithAwsErrors() {
        assertAwsError("InvalidParameterValue", "The parameter StartTime must be less than the parameter EndTime.",
                () -> metrics.getMetricStatistics(request(60).endTime(T0.minusSeconds(60))
                        .statistics(Statistic.SUM).build()));
        assertAwsError("InvalidParameterCombination", "You have requested up to 86400 datapoints, which exceeds the"
                + " limit of 1440. You may reduce the datapoints requested by increasing Period, or decreasing the"
                + " time range.", () -> metrics.getMetricStatistics(request(1).startTime(T0)
                .endTime(T0.plusSeconds(86_400)).statistics(Statistic.SUM).build()));
        assertAwsError("InvalidParameterValue", "The parameter Period must be 1, 5, 10, 20, 30 or a multiple of 60.",
                () -> metrics.getMetricStatistics(request(7).statistics(Statistic.SUM).build()));
        assertAwsError("InvalidParameterCombination", "Must specify either Statistics or ExtendedStatistics, but not"
                + " both.", () -> metrics.getMetricStatistics(request(60).build()));
        assertAwsError("InvalidParameterValue", "The value p101 for parameter ExtendedStatistics.member.1 is"
                + " invalid.", () -> metrics.getMetricStatistics(request(60).extendedStatistics("p101").build()));
    }

    @Test
    void shouldGiveExactPercentilesAndTrimmedStatisticsForSmallSamples() {
        List<Double> values = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            values.add((double) i);
        }
        putValues(values);
        Datapoint point = metrics.getMetricStatistics(request(60).extendedStatistics("p50", "p99", "p100",
                "TM(10%:90%)", "IQM", "tc90", "ts90", "PR(:50)", "WM(10%:90%)", "TM(10:20)").build())
                .datapoints().get(0);
        assertEquals(50.0, point.extended("p50"));
        assertEquals(99.0, point.extended("p99"));
        assertEquals(100.0, point.extended("p100"));
        assertEquals(50.5, point.extended("TM(10%:90%)"));
        assertEquals(50.5, point.extended("IQM"));
        assertEquals(90.0, point.extended("tc90"));
        assertEquals(4095.0, point.extended("ts90"));
        assertEquals(50.0, point.extended("PR(:50)"));
        assertEquals(50.4, point.extended("WM(10%:90%)"));
        assertEquals(15.5, point.extended("TM(10:20)"));
    }

    @Test
    void shouldGiveEachStatisticOnceInTheOrderAskedAndLeaveOutThoseNotComputable() {
        putValues(List.of(-1.0, 5.0));
        java.util.Map<String, Double> basic = metrics.getMetricStatistics(request(60).statistics(Statistic.SUM,
                Statistic.AVERAGE, Statistic.SUM).build()).datapoints().get(0).statistics();
        assertEquals(List.of("Sum", "Average"), new ArrayList<>(basic.keySet()));
        assertEquals(java.util.Map.of("Sum", 4.0, "Average", 2.0), basic);
        assertEquals(new java.util.LinkedHashMap<>(basic).hashCode(), basic.hashCode());
        assertEquals(java.util.Map.of(), metrics.getMetricStatistics(request(60).extendedStatistics("p50").build())
                .datapoints().get(0).statistics());
        metrics.putMetricData("ns", List.of(MetricDatum.builder("q").values(List.of(1.0, 2.0, 3.0)).timestamp(T0)
                .build()));
        java.util.Map<String, Double> extended = metrics.getMetricStatistics(request(60).metricName("q")
                .extendedStatistics("p50", "TC(:10)", "p50").build()).datapoints().get(0).statistics();
        assertEquals(List.of("p50", "TC(:10)"), new ArrayList<>(extended.keySet()));
        assertEquals(2.0, extended.get("p50"));
        assertEquals(3.0, extended.get("TC(:10)"));
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                () -> extended.put("p50", 1.0));
    }

    @Test
    void shouldGiveNoPercentilesWhenAValueIsNegativeOrOnlyStatisticSetsAreKnown() {
        putValues(List.of(-1.0, 5.0));
        metrics.putMetricData("ns", List.of(MetricDatum.builder("s").statisticValues(StatisticSet.of(10, 55, 1, 10))
                .build(), MetricDatum.builder("e").statisticValues(StatisticSet.of(4, 12, 3, 3)).build()));
        assertNull(metrics.getMetricStatistics(request(60).extendedStatistics("p50").build()).datapoints().get(0)
                .extended("p50"));
        assertNull(metrics.getMetricStatistics(request(60).metricName("s").extendedStatistics("p50").build())
                .datapoints().get(0).extended("p50"));
        assertEquals(3.0, metrics.getMetricStatistics(request(60).metricName("e").extendedStatistics("p50").build())
                .datapoints().get(0).extended("p50"));
    }

    @Test
    void shouldKeepPercentilesWithinOnePercentBeyondTheExactLimit() {
        java.util.Random random = new java.util.Random(7);
        double[] all = new double[20_000];
        List<MetricDatum> data = new ArrayList<>();
        for (int batch = 0; batch < 200; batch++) {
            List<Double> values = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                double v = Math.exp(5 + random.nextGaussian());
                all[batch * 100 + i] = v;
                values.add(v);
            }
            data.add(MetricDatum.builder("m").values(values).timestamp(T0).build());
            if (data.size() == 10) {
                metrics.putMetricData("ns", data);
                data.clear();
            }
        }
        java.util.Arrays.sort(all);
        Datapoint point = metrics.getMetricStatistics(request(60).extendedStatistics("p50", "p90", "p99", "p99.9")
                .build()).datapoints().get(0);
        for (double p : new double[] {50, 90, 99, 99.9}) {
            double exact = all[(int) Math.ceil(p / 100 * all.length) - 1];
            String name = p == 99.9 ? "p99.9" : "p" + (int) p;
            double error = Math.abs(point.extended(name) - exact) / exact;
            assertTrue(error <= 0.01, name + " relative error " + error);
        }
    }

    @Test
    void shouldServeHighResolutionPeriodsAndApplyTheAgeRules() {
        List<MetricDatum> data = new ArrayList<>();
        for (int s = 0; s < 20; s++) {
            data.add(MetricDatum.builder("m").value(s).storageResolution(1).timestamp(T0.plusSeconds(s)).build());
        }
        metrics.putMetricData("ns", data);
        MetricStatistics five = stats(metrics, KEY, T0, T0.plusSeconds(20), 5, Statistic.SUM);
        assertEquals(4, five.datapoints().size());
        assertEquals(10.0, five.datapoints().get(0).value(Statistic.SUM));
        assertEquals(T0.plusSeconds(5), five.datapoints().get(1).timestamp());
        assertEquals(20, stats(metrics, KEY, T0, T0.plusSeconds(20), 1, Statistic.SUM).datapoints().size());
        clock.advance(Duration.ofHours(3).plusMinutes(1));
        assertEquals(0, stats(metrics, KEY, T0, T0.plusSeconds(20), 5, Statistic.SUM).datapoints().size());
        assertEquals(190.0, stats(metrics, KEY, T0, T0.plusSeconds(60), 60, Statistic.SUM).datapoints().get(0)
                .value(Statistic.SUM));
        clock.advance(Duration.ofDays(16));
        assertEquals(0, stats(metrics, KEY, T0, T0.plusSeconds(600), 60, Statistic.SUM).datapoints().size());
        assertEquals(190.0, stats(metrics, KEY, T0, T0.plusSeconds(600), 300, Statistic.SUM).datapoints().get(0)
                .value(Statistic.SUM));
    }

    @Test
    void shouldGiveOneDatapointPerUnitAndFilterByUnit() {
        put(metrics, "ns", MetricDatum.builder("m").value(1).unit(Unit.SECONDS).build(),
                MetricDatum.builder("m").value(5).unit(Unit.COUNT).build(), MetricsFixtures.value("m", 10));
        assertEquals(3, stats(metrics, KEY, T0.minusSeconds(60), T0.plusSeconds(60), 60, Statistic.AVERAGE)
                .datapoints().size());
        MetricStatistics counts = metrics.getMetricStatistics(request(60).statistics(Statistic.AVERAGE)
                .unit(Unit.COUNT).build());
        assertEquals(List.of(5.0), counts.datapoints().stream().map(d -> d.value(Statistic.AVERAGE)).toList());
        assertEquals(0, metrics.getMetricStatistics(request(60).statistics(Statistic.AVERAGE).unit(Unit.BYTES)
                .build()).datapoints().size());
    }

    @Test
    void shouldMatchDimensionsExactly() {
        put(metrics, "ns", MetricDatum.builder("m").dimension("a", "1").value(1).build());
        assertEquals(0, stats(metrics, KEY, T0.minusSeconds(60), T0.plusSeconds(60), 60, Statistic.SUM)
                .datapoints().size());
        assertEquals(1, stats(metrics, MetricKey.of("ns", "m", Dimension.of("a", "1")), T0.minusSeconds(60),
                T0.plusSeconds(60), 60, Statistic.SUM).datapoints().size());
    }

    @Test
    void shouldComputeMetricMathOverQueries() {
        List<MetricDatum> data = new ArrayList<>();
        for (int minute = 0; minute < 5; minute++) {
            data.add(MetricDatum.builder("a").value(minute * 10).timestamp(T0.plusSeconds(minute * 60L)).build());
            data.add(MetricDatum.builder("b").value(2).timestamp(T0.plusSeconds(minute * 60L)).build());
        }
        metrics.putMetricData("ns", data);
        GetMetricDataRequest.Builder request = GetMetricDataRequest.builder().startTime(T0)
                .endTime(T0.plusSeconds(360)).ascending(true)
                .query(MetricDataQuery.metricStat("a", MetricKey.of("ns", "a"), 60, "Sum").withReturnData(false))
                .query(MetricDataQuery.metricStat("b", MetricKey.of("ns", "b"), 60, "Sum").withReturnData(false));
        assertEquals(List.of(0.0, 5.0, 10.0, 15.0, 20.0), values(request, "(a + b * 2 - 4) / 2"));
        assertEquals(List.of(1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6), values(request, "RATE(a)"));
        assertEquals(List.of(10.0, 10.0, 10.0, 10.0), values(request, "DIFF(a)"));
        assertEquals(List.of(12.0, 12.0, 12.0, 12.0, 12.0), values(request, "SUM([a, b]) - a + 10"));
        assertEquals(List.of(20.0, 20.0, 20.0, 20.0, 20.0, 20.0), values(request, "AVG(a)"));
        assertEquals(40.0, values(request, "MAX(a)").get(0));
        assertEquals(List.of(0.0, 10.0, 20.0, 30.0, 40.0, -1.0), values(request, "FILL(a, -1)"));
        assertEquals(List.of(0.0, 10.0, 20.0, 30.0, 40.0, 40.0), values(request, "FILL(a, REPEAT)"));
        assertAwsError("ValidationError", "Error in expression 'a +' at position 3: unexpected end.",
                () -> values(request, "a +"));
        assertAwsError("ValidationError", "Unknown id in expression: c.", () -> values(request, "a + c"));
    }

    private List<Double> values(final GetMetricDataRequest.Builder request, final String expression) {
        GetMetricDataRequest built = request.build().toBuilder().query(MetricDataQuery.expression("e", expression))
                .build();
        return metrics.getMetricData(built).results().get(0).values();
    }

    @Test
    void shouldLabelOrderAndPageLikeCloudWatch() {
        for (int minute = 0; minute < 20; minute++) {
            put(metrics, "ns", MetricDatum.builder("m").value(minute).timestamp(T0.plusSeconds(minute * 60L))
                    .build());
        }
        GetMetricDataRequest request = GetMetricDataRequest.builder().startTime(T0).endTime(T0.plusSeconds(1200))
                .maxDatapoints(15)
                .query(MetricDataQuery.metricStat("s", KEY, 60, "Sum"))
                .query(MetricDataQuery.metricStat("n", KEY, 60, "Minimum")).build();
        MetricDataResponse first = metrics.getMetricData(request);
        assertEquals("m Sum", first.results().get(0).label());
        assertEquals("m Minimum", first.results().get(1).label());
        assertEquals(19.0, first.results().get(0).values().get(0));
        assertEquals(15, first.results().get(0).values().size() + first.results().get(1).values().size());
        assertEquals("PartialData", first.results().get(1).statusCode());
        MetricDataResponse second = metrics.getMetricData(request.toBuilder().nextToken(first.nextToken()).build());
        assertEquals(List.of(4.0, 3.0, 2.0, 1.0, 0.0), second.results().get(0).values());
        assertEquals(10, second.results().get(1).values().size());
        MetricDataResponse third = metrics.getMetricData(request.toBuilder().nextToken(second.nextToken()).build());
        assertEquals(List.of(9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0, 0.0), third.results().get(1).values());
        assertEquals("Complete", third.results().get(1).statusCode());
        assertNull(third.nextToken());
        assertAwsError("InvalidNextToken", "The service cannot process the NextToken: x",
                () -> metrics.getMetricData(request.toBuilder().nextToken("x").build()));
    }

    @Test
    void shouldReturnTheFirstUnitWithAMessageWhenUnitsAreMixed() {
        put(metrics, "ns", MetricDatum.builder("m").value(60_000).unit(Unit.MILLISECONDS).timestamp(T0).build(),
                MetricDatum.builder("m").value(60).unit(Unit.SECONDS).timestamp(T0).build());
        MetricDataResult result = metrics.getMetricData(GetMetricDataRequest.builder().startTime(T0)
                .endTime(T0.plusSeconds(60)).query(MetricDataQuery.metricStat("m1", KEY, 60, "Sum")).build())
                .results().get(0);
        assertEquals(List.of(60_000.0), result.values());
        assertEquals(List.of(new MessageData("MultipleUnits", "Multiple units returned: '[Milliseconds, Seconds]'")),
                result.messages());
    }

    @Test
    void shouldRejectBadDataQueries() {
        GetMetricDataRequest.Builder base = GetMetricDataRequest.builder().startTime(T0).endTime(T0.plusSeconds(60));
        assertAwsError("MissingParameter", "The parameter MetricDataQueries is required.",
                () -> metrics.getMetricData(base.build()));
        assertAwsError("ValidationError", "The value M1 for parameter MetricDataQueries.member.1.Id is invalid: it"
                + " must start with a lower-case letter and hold only letters, digits and underscores.",
                () -> metrics.getMetricData(base.build().toBuilder()
                        .query(MetricDataQuery.metricStat("M1", KEY, 60, "Sum")).build()));
        assertAwsError("InvalidParameterValue", "The value Median for parameter"
                + " MetricDataQueries.member.1.MetricStat.Stat is invalid.", () -> metrics.getMetricData(
                base.build().toBuilder().query(MetricDataQuery.metricStat("m1", KEY, 60, "Median")).build()));
        List<MetricDataQuery> many = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            many.add(MetricDataQuery.metricStat("m" + i, KEY, 60, "Sum"));
        }
        assertAwsError("InvalidParameterValue", "The collection MetricDataQueries must not have a size greater than"
                + " 500.", () -> metrics.getMetricData(base.build().toBuilder().queries(many).build()));
    }

    @Test
    void shouldListMetricsWithFiltersAndPages() {
        List<MetricDatum> data = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            data.add(MetricDatum.builder("m" + i).dimension("InstanceId", i % 2 == 0 ? "even" : "odd").value(1)
                    .build());
        }
        metrics.putMetricData("ns", data.subList(0, 501));
        MetricList first = metrics.listMetrics(ListMetricsRequest.namespace("ns"));
        assertEquals(500, first.metrics().size());
        MetricList second = metrics.listMetrics(new ListMetricsRequest("ns", null, List.of(), first.nextToken()));
        assertEquals(1, second.metrics().size());
        assertNull(second.nextToken());
        assertEquals(251, metrics.listMetrics(new ListMetricsRequest("ns", null,
                List.of(new DimensionFilter("InstanceId", "even")), null)).metrics().size());
        assertEquals(1, metrics.listMetrics(new ListMetricsRequest(null, "m7", List.of(), null)).metrics().size());
        clock.advance(Duration.ofDays(15));
        assertEquals(0, metrics.listMetrics(ListMetricsRequest.namespace("ns")).metrics().size());
    }

    @Test
    void shouldListOnlyRecentlyActiveMetricsWithPt3h() {
        put(metrics, "ns", MetricDatum.builder("old").value(1).timestamp(T0).build());
        clock.advance(Duration.ofHours(2));
        put(metrics, "ns", MetricDatum.builder("new").value(1).build());
        clock.advance(Duration.ofMinutes(61));
        ListMetricsRequest recent = new ListMetricsRequest("ns", null, List.of(), null, ListMetricsRequest.PT3H);
        assertEquals(List.of("new"), metrics.listMetrics(recent).metrics().stream().map(MetricKey::name).toList());
        assertEquals(2, metrics.listMetrics(ListMetricsRequest.namespace("ns")).metrics().size());
        assertAwsError("InvalidParameterValue", "The value PT1H for parameter RecentlyActive is invalid. Valid"
                + " values: [PT3H]", () -> metrics.listMetrics(new ListMetricsRequest("ns", null, List.of(), null,
                "PT1H")));
    }

    @Test
    void shouldExportEmbeddedMetricFormatLines() {
        put(metrics, "ECS", MetricDatum.builder("PendingTaskCount").dimension("ClusterName", "prod")
                .values(List.of(1.0, 3.0)).counts(List.of(2.0, 1.0)).unit(Unit.COUNT).storageResolution(1).build());
        List<String> lines = metrics.exportEmf(T0, T0.plusSeconds(1));
        assertEquals(List.of("{\"_aws\":{\"Timestamp\":" + T0.toEpochMilli() + ",\"CloudWatchMetrics\":[{\"Namespace\":"
                + "\"ECS\",\"Dimensions\":[[\"ClusterName\"]],\"Metrics\":[{\"Name\":\"PendingTaskCount\",\"Unit\":"
                + "\"Count\",\"StorageResolution\":1}]}]},\"ClusterName\":\"prod\",\"PendingTaskCount\":{\"Values\":"
                + "[1.0,3.0],\"Counts\":[2.0,1.0],\"Max\":3.0,\"Min\":1.0,\"Count\":3.0,\"Sum\":5.0}}"), lines);
        assertEquals(0, metrics.exportEmf(T0.plusSeconds(1), Instant.MAX.minusSeconds(1)).size());
    }
}
