package dev.stratus.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stratus.core.ManualClock;
import dev.stratus.core.StratusException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/** Shared set-up: an engine on a manual clock at a whole minute. */
final class MetricsFixtures {
    static final Instant T0 = Instant.parse("2026-01-05T12:00:00Z");

    private MetricsFixtures() {
    }

    static ManualClock clock() {
        return ManualClock.at(T0);
    }

    static Metrics metrics(final ManualClock clock) {
        return Metrics.builder().clock(clock).build();
    }

    static MetricDatum value(final String name, final double value) {
        return MetricDatum.builder(name).value(value).build();
    }

    static void put(final Metrics metrics, final String namespace, final MetricDatum... data) {
        metrics.putMetricData(namespace, List.of(data));
    }

    static void assertAwsError(final String code, final String message, final Executable call) {
        StratusException e = assertThrows(StratusException.class, call);
        assertEquals(code, e.code());
        assertEquals(message, e.getMessage());
    }

    static MetricStatistics stats(final Metrics metrics, final MetricKey key, final Instant start, final Instant end,
            final int period, final Statistic... statistics) {
        return metrics.getMetricStatistics(GetMetricStatisticsRequest.builder().metric(key).startTime(start)
                .endTime(end).period(period).statistics(statistics).build());
    }
}
