package dev.stratus.bench.metrics;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import dev.stratus.core.ManualClock;
import dev.stratus.metrics.Datapoint;
import dev.stratus.metrics.GetMetricStatisticsRequest;
import dev.stratus.metrics.MetricKey;
import dev.stratus.metrics.Metrics;
import dev.stratus.metrics.Recorder;
import dev.stratus.metrics.Unit;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * Percentile error on 1,000,000 lognormal values (mu 5, sigma 1) against the exact order statistic, for our
 * recorder (one second, read back through GetMetricStatistics), HdrHistogram (3 and 2 digits) and DDSketch (1%),
 * and the memory of one populated 1-second point. Not a JMH benchmark: run it with
 * {@code java -cp benchmarks/target/benchmarks.jar dev.stratus.bench.metrics.MetricsPercentileAccuracy}.
 */
public final class MetricsPercentileAccuracy {
    private static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999};

    private MetricsPercentileAccuracy() {
    }

    public static void main(final String... args) {
        int count = 1_000_000;
        double[] values = Lognormal.values(count, 11);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        Instant t0 = Instant.parse("2026-01-05T12:00:00Z");
        ManualClock clock = ManualClock.at(t0);
        Metrics metrics = Metrics.builder().clock(clock).build();
        MetricKey key = MetricKey.of("Bench", "Latency");
        Recorder recorder = metrics.recorder(key, Unit.MILLISECONDS);
        Histogram hdr3 = new Histogram(3_600_000_000L, 3);
        Histogram hdr2 = new Histogram(3_600_000_000L, 2);
        DDSketch sketch = DDSketches.unboundedDense(0.01);
        for (double v : values) {
            recorder.record(v);
            hdr3.recordValue(Math.round(v));
            hdr2.recordValue(Math.round(v));
            sketch.accept(v);
        }
        clock.advance(Duration.ofSeconds(2));
        Datapoint point = metrics.getMetricStatistics(GetMetricStatisticsRequest.builder().metric(key)
                .startTime(t0).endTime(t0.plusSeconds(1)).period(1)
                .extendedStatistics("p50", "p90", "p99", "p99.9").build()).datapoints().get(0);
        System.out.printf("%-8s %10s %10s %10s %10s%n", "quantile", "Stratus", "Hdr3", "Hdr2", "DDSketch1%");
        for (double q : QUANTILES) {
            double exact = sorted[(int) Math.ceil(q * count) - 1];
            String name = q == 0.999 ? "p99.9" : "p" + Math.round(q * 100);
            System.out.printf("%-8s %9.3f%% %9.3f%% %9.3f%% %9.3f%%%n", name,
                    error(point.extended(name), exact), error(hdr3.getValueAtPercentile(q * 100), exact),
                    error(hdr2.getValueAtPercentile(q * 100), exact), error(sketch.getValueAtQuantile(q), exact));
        }
        System.out.println("Stratus bytes for this series (1 populated second in 4 tiers + recorder slots): "
                + metrics.memoryBytes(key));
        MetricKey plain = MetricKey.of("Bench", "Plain");
        java.util.List<dev.stratus.metrics.MetricDatum> batch = new java.util.ArrayList<>();
        int seconds = 3 * 3600;
        for (int s = 0; s < seconds; s++) {
            batch.add(dev.stratus.metrics.MetricDatum.builder("Plain").value(values[s]).storageResolution(1)
                    .timestamp(t0.minusSeconds(seconds - s)).build());
            if (batch.size() == 1000 || s == seconds - 1) {
                metrics.putMetricData("Bench", batch);
                batch.clear();
            }
        }
        System.out.printf("Stratus bytes per populated 1-second point (one value each, 3 h, all tiers): %.1f%n",
                (double) metrics.memoryBytes(plain) / seconds);
        metrics.close();
    }

    private static double error(final double actual, final double exact) {
        return Math.abs(actual - exact) / exact * 100;
    }
}
