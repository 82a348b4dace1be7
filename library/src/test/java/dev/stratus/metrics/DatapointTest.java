package dev.stratus.metrics;

import static dev.stratus.metrics.MetricsFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.core.ManualClock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatapointTest {
    private static final MetricKey KEY = MetricKey.of("ns", "m");
    private final ManualClock clock = MetricsFixtures.clock();
    private final Metrics metrics = MetricsFixtures.metrics(clock);

    @Test
    void shouldEqualADatapointBuiltFromTheSameStatisticsInTheOrderAskedFor() {
        metrics.putMetricData("ns", List.of(MetricDatum.builder("m").values(List.of(2.0, 6.0)).unit(Unit.SECONDS)
                .timestamp(T0).build()));
        MetricStatistics result = metrics.getMetricStatistics(GetMetricStatisticsRequest.builder().metric(KEY)
                .startTime(T0).endTime(T0.plusSeconds(60)).period(60)
                .statistics(Statistic.MAXIMUM, Statistic.AVERAGE, Statistic.SAMPLE_COUNT).build());
        Datapoint point = result.datapoints().get(0);
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("Maximum", 6.0);
        expected.put("Average", 4.0);
        expected.put("SampleCount", 2.0);
        Datapoint built = new Datapoint(T0, Unit.SECONDS, expected);
        assertEquals(built, point);
        assertEquals(point, built);
        assertEquals(built.hashCode(), point.hashCode());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(point.statistics().keySet()));
        assertEquals(expected, point.statistics());
        assertEquals("Datapoint[timestamp=2026-01-05T12:00:00Z, unit=" + Unit.SECONDS + ", statistics={Maximum=6.0,"
                + " Average=4.0, SampleCount=2.0}]", point.toString());
        assertEquals(4.0, point.value(Statistic.AVERAGE));
        assertNull(point.value(Statistic.SUM));
        assertNull(point.extended("p99"));
        assertFalse(point.equals(new Datapoint(T0.plusSeconds(60), Unit.SECONDS, expected)));
        assertThrows(UnsupportedOperationException.class, () -> result.datapoints().remove(0));
        assertThrows(UnsupportedOperationException.class, () -> point.statistics().put("Sum", 1.0));
    }

    @Test
    void shouldCopyWhatItIsGiven() {
        Map<String, Double> statistics = new LinkedHashMap<>(Map.of("Sum", 3.0));
        Datapoint point = new Datapoint(T0, Unit.COUNT, statistics);
        statistics.put("Sum", 4.0);
        assertEquals(3.0, point.value(Statistic.SUM));
        List<Datapoint> points = new ArrayList<>(List.of(point));
        MetricStatistics result = new MetricStatistics("m", points);
        points.clear();
        assertEquals(List.of(point), result.datapoints());
        statistics.put("Average", null);
        NullPointerException npe = assertThrows(NullPointerException.class,
                () -> new Datapoint(T0, Unit.COUNT, statistics));
        assertTrue(npe.getMessage().contains("Average"), npe.getMessage());
        Map<String, Double> many = new LinkedHashMap<>();
        for (int i = 1; i <= 65; i++) {
            many.put("p" + i, (double) i);
        }
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> new Datapoint(T0, Unit.COUNT, many));
        assertEquals("statistics must hold at most 64 entries: statistics.size()=65", tooMany.getMessage());
    }
}
