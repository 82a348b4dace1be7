package dev.stratus.balancer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.Stratus;
import dev.stratus.core.Clock;
import dev.stratus.core.ManualClock;
import dev.stratus.metrics.Datapoint;
import dev.stratus.metrics.Dimension;
import dev.stratus.metrics.GetMetricStatisticsRequest;
import dev.stratus.metrics.ListMetricsRequest;
import dev.stratus.metrics.Statistic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class StratusBalancerMetricsTest {

    @Test
    void shouldPublishNetworkElbMetricsEveryMinute() {
        ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
        List<Throwable> errors = new ArrayList<>();
        Stratus stratus = Stratus.builder().clock(clock).seed(7).errorHandler(errors::add).build();
        try (Balancer lb = stratus.balancer()
                .zone("us-east-1a", "10.0.0.1")
                .targetGroup(TargetGroup.builder("web", Protocol.TCP)
                        .target(new Target("i-1", "10.0.1.1", 80, "us-east-1a"))
                        .target(new Target("i-2", "10.0.1.2", 80, "us-east-1a"))
                        .build())
                .listener(Listener.builder(Protocol.TCP, 80).forward("web").build())
                .prober((t, c, p) -> CompletableFuture.completedFuture(true))
                .build()) {
            Clock.Timer publishing = stratus.publishMetrics(lb, Duration.ofMinutes(1));
            clock.advance(Duration.ofSeconds(150));
            for (int flow = 0; flow < 25; flow++) {
                lb.route(new FlowKey().tcp4(0x0A000000 + flow, 40000 + flow, 0x0A000001, 80).sequence(flow),
                        FlowKey.SYN, 60);
            }
            clock.advance(Duration.ofMinutes(2));

            Dimension loadBalancer = Dimension.of("LoadBalancer", lb.dimension());
            List<Datapoint> points = stratus.metrics().getMetricStatistics(GetMetricStatisticsRequest.builder()
                    .namespace("AWS/NetworkELB").metricName("NewFlowCount").dimensions(List.of(loadBalancer))
                    .startTime(Instant.parse("2025-01-01T00:00:00Z")).endTime(Instant.parse("2025-01-01T01:00:00Z"))
                    .period(3600).statistics(Statistic.SUM).build()).datapoints();
            assertEquals(25.0, points.get(0).value(Statistic.SUM));
            assertTrue(stratus.metrics().listMetrics(ListMetricsRequest.namespace("AWS/NetworkELB"))
                    .metrics().size() >= 5);

            assertTrue(publishing.cancel());
            int before = stratus.metrics().seriesCount();
            clock.advance(Duration.ofMinutes(5));
            assertEquals(before, stratus.metrics().seriesCount());
            assertEquals(List.of(), errors);
            assertEquals("period must be positive: period=PT0S", assertThrows(IllegalArgumentException.class,
                    () -> stratus.publishMetrics(lb, Duration.ZERO)).getMessage());
        }
    }
}
