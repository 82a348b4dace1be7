package dev.stratus.metrics;

import static dev.stratus.metrics.MetricsFixtures.T0;
import static dev.stratus.metrics.MetricsFixtures.assertAwsError;
import static dev.stratus.metrics.MetricsFixtures.put;
import static dev.stratus.metrics.MetricsFixtures.stats;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stratus.core.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PutMetricDataTest {
    private final ManualClock clock = MetricsFixtures.clock();
    private final Metrics metrics = MetricsFixtures.metrics(clock);

    @Test
    void shouldRejectValueWithValuesNamingTheMember() {
        MetricDatum ok = MetricsFixtures.value("m", 1);
        MetricDatum bad = MetricDatum.builder("m").value(1.5).values(List.of(1.0, 10.0)).build();
        assertAwsError("InvalidParameterCombination", "The parameters MetricData.member.2.Value and "
                + "MetricData.member.2.Values are mutually exclusive and you have specified both.",
                () -> metrics.putMetricData("ns", List.of(ok, bad)));
        assertEquals(0, metrics.seriesCount());
    }

    @Test
    void shouldRejectValueWithStatisticValues() {
        MetricDatum bad = MetricDatum.builder("m").value(1.5).statisticValues(StatisticSet.of(10, 55, 1, 10)).build();
        assertAwsError("InvalidParameterCombination", "The parameters MetricData.member.1.Value and "
                + "MetricData.member.1.StatisticValues are mutually exclusive and you have specified both.",
                () -> metrics.putMetricData("ns", List.of(bad)));
    }

    @Test
    void shouldRejectValuesAndCountsOfDifferentSizes() {
        MetricDatum bad = MetricDatum.builder("m").values(List.of(1.0, 10.0)).counts(List.of(2.0, 4.0, 5.0)).build();
        assertAwsError("InvalidParameterValue", "The parameters MetricData.member.1.Values and "
                + "MetricData.member.1.Counts must be of the same size.", () -> metrics.putMetricData("ns",
                List.of(bad)));
    }

    @Test
    void shouldAcceptValuesTogetherWithStatisticValuesAsAwsDoes() {
        metrics.putMetricData("ns", List.of(MetricDatum.builder("m").values(List.of(1.0, 10.0))
                .statisticValues(StatisticSet.of(10, 55, 1, 10)).build()));
        MetricStatistics result = stats(metrics, MetricKey.of("ns", "m"), T0.minusSeconds(60), T0.plusSeconds(60), 60,
                Statistic.SAMPLE_COUNT, Statistic.SUM);
        assertEquals(12.0, result.datapoints().get(0).value(Statistic.SAMPLE_COUNT));
        assertEquals(66.0, result.datapoints().get(0).value(Statistic.SUM));
    }

    @Test
    void shouldRejectStorageResolutionOutsideOneAndSixty() {
        MetricDatum bad = MetricDatum.builder("m").value(1).storageResolution(5).build();
        assertAwsError("InvalidParameterValue", "The parameter MetricData.member.1.StorageResolution must be a value"
                + " in the set [ 1, 60 ].", () -> metrics.putMetricData("ns", List.of(bad)));
    }

    @Test
    void shouldRejectMoreThan150Values() {
        MetricDatum bad = MetricDatum.builder("m").values(Collections.nCopies(151, 1.0)).build();
        assertAwsError("InvalidParameterValue", "The collection MetricData.member.1.Values must not have a size"
                + " greater than 150.", () -> metrics.putMetricData("ns", List.of(bad)));
    }

    @Test
    void shouldRejectMoreThan1000Data() {
        List<MetricDatum> data = Collections.nCopies(1001, MetricsFixtures.value("m", 1));
        assertAwsError("InvalidParameterValue", "The collection MetricData must not have a size greater than 1000.",
                () -> metrics.putMetricData("ns", data));
        metrics.putMetricData("ns", Collections.nCopies(1000, MetricsFixtures.value("m", 1)));
    }

    @Test
    void shouldRejectMoreThan30Dimensions() {
        MetricDatum.Builder b = MetricDatum.builder("m").value(1);
        for (int i = 0; i < 31; i++) {
            b.dimension("d" + i, "v");
        }
        assertAwsError("InvalidParameterValue", "The collection MetricData.member.1.Dimensions must not have a size"
                + " greater than 30.", () -> metrics.putMetricData("ns", List.of(b.build())));
    }

    @Test
    void shouldRejectTimestampsOutsideTwoWeeksBackAndTwoHoursAhead() {
        MetricDatum old = MetricDatum.builder("m").value(1).timestamp(T0.minus(Duration.ofDays(14)).minusSeconds(1))
                .build();
        assertAwsError("InvalidParameterValue", "The parameter MetricData.member.1.Timestamp must specify a time no"
                + " more than two weeks in the past.", () -> metrics.putMetricData("ns", List.of(old)));
        MetricDatum future = MetricDatum.builder("m").value(1).timestamp(T0.plus(Duration.ofHours(2)).plusSeconds(1))
                .build();
        assertAwsError("InvalidParameterValue", "The parameter MetricData.member.1.Timestamp must specify a time no"
                + " more than two hours in the future.", () -> metrics.putMetricData("ns", List.of(future)));
    }

    @Test
    void shouldRejectValuesOutsideCloudWatchsRange() {
        assertAwsError("InvalidParameterValue", "The value NaN for parameter MetricData.member.1.Value is invalid.",
                () -> put(metrics, "ns", MetricsFixtures.value("m", Double.NaN)));
        assertAwsError("InvalidParameterValue", "The value Infinity for parameter MetricData.member.1.Values.member.2"
                + " is invalid.", () -> put(metrics, "ns", MetricDatum.builder("m")
                .values(List.of(1.0, Double.POSITIVE_INFINITY)).build()));
        assertAwsError("InvalidParameterValue", "The value 4.6970851655476665E108 for parameter"
                + " MetricData.member.1.Value is invalid.", () -> put(metrics, "ns", MetricsFixtures.value("m",
                0x1.0p361)));
    }

    @Test
    void shouldRejectBadNamespacesAndNames() {
        assertAwsError("MissingParameter", "The parameter Namespace is required.",
                () -> put(metrics, "", MetricsFixtures.value("m", 1)));
        assertAwsError("InvalidParameterValue", "The value :ns for parameter Namespace is invalid.",
                () -> put(metrics, ":ns", MetricsFixtures.value("m", 1)));
        assertAwsError("MissingParameter", "The parameter MetricData.member.1.MetricName is required.",
                () -> put(metrics, "ns", MetricsFixtures.value("", 1)));
        assertAwsError("MissingParameter", "The parameter MetricData.member.1.Dimensions.member.1.Value is required.",
                () -> put(metrics, "ns", MetricDatum.builder("m").dimension("a", "").value(1).build()));
        assertAwsError("MissingParameter", "The parameter MetricData is required.",
                () -> metrics.putMetricData("ns", List.of()));
    }

    @Test
    void shouldFoldEveryValueFormIntoOnePeriodAsCloudWatchDoes() {
        put(metrics, "ns", MetricDatum.builder("m").value(11).unit(Unit.SECONDS).build(),
                MetricDatum.builder("m").statisticValues(StatisticSet.of(10, 55, 1, 10)).unit(Unit.SECONDS).build());
        Datapoint point = stats(metrics, MetricKey.of("ns", "m"), T0.minusSeconds(60), T0.plusSeconds(60), 60,
                Statistic.values()).datapoints().get(0);
        assertEquals(66.0, point.value(Statistic.SUM));
        assertEquals(11.0, point.value(Statistic.SAMPLE_COUNT));
        assertEquals(1.0, point.value(Statistic.MINIMUM));
        assertEquals(11.0, point.value(Statistic.MAXIMUM));
        assertEquals(6.0, point.value(Statistic.AVERAGE));
        assertEquals(Unit.SECONDS, point.unit());
    }

    @Test
    void shouldFailClearlyPastTheSeriesLimit() {
        Metrics limited = Metrics.builder().clock(clock).seriesLimit(2).build();
        put(limited, "ns", MetricsFixtures.value("a", 1), MetricsFixtures.value("b", 1));
        assertAwsError("LimitExceeded", "The series limit of 2 is reached; no new series for metric ns/c [] unit None:"
                + " seriesLimit=2", () -> put(limited, "ns", MetricsFixtures.value("c", 1)));
        put(limited, "ns", MetricsFixtures.value("a", 2));
        assertEquals(2, limited.seriesCount());
    }

    @Test
    void shouldReportBoundedMemoryPerSeries() {
        MetricKey key = MetricKey.of("ns", "m");
        List<MetricDatum> data = new ArrayList<>();
        for (int s = 0; s < 600; s++) {
            data.add(MetricDatum.builder("m").value(s).storageResolution(1).timestamp(T0.minusSeconds(s)).build());
        }
        metrics.putMetricData("ns", data);
        long tenMinutes = metrics.memoryBytes(key);
        clock.advance(Duration.ofHours(4));
        long afterExpiry = metrics.memoryBytes(key);
        // the 1 s tier alone holds second, count, sum, min, max, a distribution reference and a flag per point
        assertEquals(true, tenMinutes > 600 * 45, "populated: " + tenMinutes);
        assertEquals(true, afterExpiry < tenMinutes / 2, "1 s points expire after 3 h: " + afterExpiry + " of "
                + tenMinutes);
    }
}
