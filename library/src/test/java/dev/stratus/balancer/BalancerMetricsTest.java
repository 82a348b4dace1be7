package dev.stratus.balancer;

import static dev.stratus.balancer.Fixtures.client;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BalancerMetricsTest {

    @Test
    void shouldComputeNlcuAsTheMaximumOverItsDimensions() {
        assertEquals(1.0, Nlcu.consumed(Protocol.TCP, 800, 0, 0), 1e-12);
        assertEquals(2.0, Nlcu.consumed(Protocol.TCP, 800, 200_000, 0.5e9), 1e-12);
        assertEquals(3.0, Nlcu.consumed(Protocol.UDP, 0, 0, 3e9), 1e-12);
        assertEquals(1.0, Nlcu.consumed(Protocol.UDP, 400, 50_000, 0), 1e-12);
        assertEquals(2.0, Nlcu.consumed(Protocol.TLS, 100, 3_000, 0), 1e-12);
        assertEquals(1.0, Nlcu.consumed(Protocol.TLS, 0, 3_000, 0), 1e-12);
    }

    @Test
    void shouldPublishNetworkElbMetricsPerPeriod() {
        Fixtures f = new Fixtures();
        try (Balancer lb = f.tcp(2)) {
            f.becomeHealthy();
            lb.metrics().sample();
            for (int i = 0; i < 48_000; i++) {
                lb.route(client(i), FlowKey.SYN, 100);
            }
            lb.route(client(1_000_000), FlowKey.ACK, 40);
            f.clock.advance(Duration.ofSeconds(60));
            Map<String, Double> byName = new HashMap<>();
            List<BalancerMetrics.Datum> data = lb.metrics().sample();
            for (BalancerMetrics.Datum d : data) {
                if (!d.dimensions().containsKey("TargetGroup")) {
                    byName.put(d.name(), d.value());
                }
                assertTrue(d.dimensions().get("LoadBalancer").startsWith("net/stratus-nlb/"));
            }
            assertEquals(48_000, byName.get("NewFlowCount"));
            assertEquals(48_000, byName.get("NewFlowCount_TCP"));
            assertEquals(48_000, byName.get("ActiveFlowCount"));
            assertEquals(48_000 * 100 + 40, byName.get("ProcessedBytes"));
            assertEquals(1, byName.get("TCP_ELB_Reset_Count"));
            // 800 new flows a second over the minute is exactly one NLCU
            assertEquals(1.0, byName.get("ConsumedLCUs_TCP"), 1e-9);
            assertEquals(1.0, byName.get("ConsumedLCUs"), 1e-9);
            assertEquals("AWS/NetworkELB", BalancerMetrics.NAMESPACE);
            BalancerMetrics.Datum healthy = data.stream().filter(d -> d.name().equals("HealthyHostCount"))
                    .findFirst().orElseThrow();
            assertEquals(4, healthy.value());
            assertTrue(healthy.dimensions().get("TargetGroup").startsWith("targetgroup/web/"));
            Map<String, Double> next = new HashMap<>();
            f.clock.advance(Duration.ofSeconds(60));
            lb.metrics().sample().forEach(d -> next.put(d.name(), d.value()));
            assertEquals(0, next.get("NewFlowCount"));
            assertEquals(48_000, next.get("ActiveFlowCount"));
            assertEquals(0.48, next.get("ConsumedLCUs_TCP"), 1e-9);
        }
    }

    @Test
    void shouldCountTlsAndUdpFlowsUnderTheirOwnProtocol() {
        Fixtures f = new Fixtures();
        TargetGroup both = TargetGroup.builder("both", Protocol.TCP_UDP)
                .target(new Target("i-1", "10.1.0.1", 80, "us-east-1a")).build();
        TargetGroup tls = TargetGroup.builder("tls", Protocol.TLS)
                .target(new Target("i-2", "10.1.0.2", 443, "us-east-1a")).build();
        try (Balancer lb = Balancer.builder().clock(f.clock).prober(f.prober).zone("us-east-1a", "10.0.0.1")
                .targetGroup(both).targetGroup(tls)
                .listener(Listener.builder(Protocol.TCP_UDP, 53).forward("both").build())
                .listener(Listener.builder(Protocol.TLS, 443).forward("tls").build()).build()) {
            assertTrue(lb.route(new FlowKey().udp4(1, 1000, Fixtures.LB_A, 53), 0, 100) >= 0);
            assertTrue(lb.route(new FlowKey().tcp4(1, 1000, Fixtures.LB_A, 53), FlowKey.SYN, 60) >= 0);
            assertTrue(lb.route(new FlowKey().tcp4(1, 1001, Fixtures.LB_A, 443), FlowKey.SYN, 60) >= 0);
            assertEquals(new FlowCounters(1, 1, 100, 0, 0), lb.counters(Protocol.UDP));
            assertEquals(new FlowCounters(1, 1, 60, 0, 0), lb.counters(Protocol.TCP));
            assertEquals(new FlowCounters(1, 1, 60, 0, 0), lb.counters(Protocol.TLS));
            assertEquals(RouteCodes.NO_LISTENER, lb.route(new FlowKey().udp4(1, 1000, Fixtures.LB_A, 443), 0, 1));
            long zonal = lb.metrics().sample().stream()
                    .filter(d -> d.name().equals("HealthyHostCount") && d.dimensions().containsKey("AvailabilityZone"))
                    .count();
            assertEquals(2, zonal);
        }
    }

    @Test
    void shouldWriteProxyProtocolV2Headers() throws Exception {
        byte[] header = ProxyProtocolV2.proxy(new java.net.InetSocketAddress("192.0.2.1", 51000),
                new java.net.InetSocketAddress("10.0.0.1", 443), true);
        assertEquals(28, header.length);
        assertEquals(0x21, header[12]);
        assertEquals(0x11, header[13]);
        assertEquals(12, header[15]);
        assertEquals((byte) 192, header[16]);
        assertEquals((byte) (51000 >> 8), header[24]);
        byte[] v6 = ProxyProtocolV2.proxy(new java.net.InetSocketAddress("2001:db8::1", 1),
                new java.net.InetSocketAddress("2001:db8::2", 2), false);
        assertEquals(52, v6.length);
        assertEquals(0x22, v6[13]);
        byte[] local = ProxyProtocolV2.local();
        assertEquals(16, local.length);
        assertEquals(0x20, local[12]);
        assertEquals("addresses must be of one family: client=/192.0.2.1:1, balancer=/[2001:db8:0:0:0:0:0:2]:2",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> ProxyProtocolV2.proxy(new java.net.InetSocketAddress("192.0.2.1", 1),
                                new java.net.InetSocketAddress("2001:db8::2", 2), true)).getMessage());
    }
}
