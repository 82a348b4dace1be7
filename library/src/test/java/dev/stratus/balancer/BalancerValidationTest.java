package dev.stratus.balancer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class BalancerValidationTest {

    private static void fails(final Class<? extends Throwable> type, final String message, final Executable call) {
        assertEquals(message, assertThrows(type, call).getMessage());
    }

    @Test
    void shouldUseNlbDefaultsForTargetGroupAttributes() {
        TargetGroup tcp = TargetGroup.builder("web", Protocol.TCP).build();
        assertEquals(Duration.ofSeconds(300), tcp.deregistrationDelay());
        assertFalse(tcp.deregistrationConnectionTermination());
        assertTrue(tcp.unhealthyConnectionTermination());
        assertEquals(Duration.ZERO, tcp.unhealthyDrainingInterval());
        assertFalse(tcp.stickiness());
        assertEquals(CrossZone.USE_LOAD_BALANCER_CONFIGURATION, tcp.crossZone());
        assertTrue(tcp.preserveClientIp());
        assertFalse(tcp.proxyProtocolV2());
        assertEquals(1, tcp.minimumHealthyTargets(10));
        assertEquals(1, tcp.dnsMinimumHealthyTargets(10));
        TargetGroup udp = TargetGroup.builder("dns", Protocol.UDP).build();
        assertTrue(udp.deregistrationConnectionTermination());
    }

    @Test
    void shouldUseNlbDefaultsForHealthChecks() {
        HealthCheck tcp = HealthCheck.defaults();
        assertEquals(HealthCheck.Protocol.TCP, tcp.protocol());
        assertEquals(Duration.ofSeconds(30), tcp.interval());
        assertEquals(Duration.ofSeconds(10), tcp.timeout());
        assertEquals(5, tcp.healthyThreshold());
        assertEquals(2, tcp.unhealthyThreshold());
        HealthCheck http = HealthCheck.builder().protocol(HealthCheck.Protocol.HTTP).build();
        assertEquals(Duration.ofSeconds(6), http.timeout());
        assertTrue(http.isSuccess(200));
        assertTrue(http.isSuccess(399));
        assertFalse(http.isSuccess(400));
    }

    @Test
    void shouldRejectAttributesOutOfRangeNamingKeyValueAndRange() {
        TargetGroup.Builder b = TargetGroup.builder("web", Protocol.TCP);
        fails(IllegalArgumentException.class, "deregistration_delay.timeout_seconds must be between 0 and 3600: "
                + "deregistration_delay.timeout_seconds=3601", () -> b.deregistrationDelay(Duration.ofSeconds(3601)));
        fails(IllegalArgumentException.class, "deregistration_delay.timeout_seconds must be between 0 and 3600: "
                + "deregistration_delay.timeout_seconds=-1",
                () -> b.attribute("deregistration_delay.timeout_seconds", "-1"));
        fails(IllegalArgumentException.class, "target_health_state.unhealthy.draining_interval_seconds must be "
                + "between 0 and 360000: target_health_state.unhealthy.draining_interval_seconds=360001",
                () -> b.unhealthyDrainingInterval(Duration.ofSeconds(360_001)));
        fails(IllegalArgumentException.class, "target_group_health.unhealthy_state_routing.minimum_healthy_targets."
                + "percentage must be between 0 and 100: target_group_health.unhealthy_state_routing."
                + "minimum_healthy_targets.percentage=101", () -> b.routingMinimumHealthyPercentage(101));
        fails(IllegalArgumentException.class, "target_group_health.dns_failover.minimum_healthy_targets.count must "
                + "be at least 1: target_group_health.dns_failover.minimum_healthy_targets.count=0",
                () -> b.dnsMinimumHealthyTargets(0));
        fails(IllegalArgumentException.class, "load_balancing.cross_zone.enabled must be true, false or "
                + "use_load_balancer_configuration: load_balancing.cross_zone.enabled=maybe",
                () -> b.attribute("load_balancing.cross_zone.enabled", "maybe"));
        fails(IllegalArgumentException.class, "stickiness.enabled must be true or false: stickiness.enabled=yes",
                () -> b.attribute("stickiness.enabled", "yes"));
        fails(IllegalArgumentException.class, "unknown target group attribute: key=slow_start.duration_seconds",
                () -> b.attribute("slow_start.duration_seconds", "30"));
        fails(IllegalArgumentException.class, "deregistration_delay.timeout_seconds must be whole seconds: "
                + "deregistration_delay.timeout_seconds=PT0.5S", () -> b.deregistrationDelay(Duration.ofMillis(500)));
    }

    @Test
    void shouldAcceptAttributesByAwsKey() {
        TargetGroup g = TargetGroup.builder("web", Protocol.TCP)
                .attribute("deregistration_delay.timeout_seconds", "30")
                .attribute("target_health_state.unhealthy.connection_termination.enabled", "false")
                .attribute("target_health_state.unhealthy.draining_interval_seconds", "60")
                .attribute("load_balancing.cross_zone.enabled", "true")
                .attribute("proxy_protocol_v2.enabled", "true")
                .attribute("target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage", "50")
                .attribute("target_group_health.dns_failover.minimum_healthy_targets.percentage", "off")
                .build();
        assertEquals(Duration.ofSeconds(30), g.deregistrationDelay());
        assertFalse(g.unhealthyConnectionTermination());
        assertEquals(Duration.ofSeconds(60), g.unhealthyDrainingInterval());
        assertEquals(CrossZone.ENABLED, g.crossZone());
        assertTrue(g.proxyProtocolV2());
        assertEquals(5, g.minimumHealthyTargets(10));
        assertEquals(1, g.dnsMinimumHealthyTargets(10));
        assertEquals(g.deregistrationDelay(), g.toBuilder().build().deregistrationDelay());
    }

    @Test
    void shouldRejectConflictingAttributesAtBuild() {
        fails(IllegalStateException.class, "target_health_state.unhealthy.draining_interval_seconds needs "
                + "target_health_state.unhealthy.connection_termination.enabled=false: "
                + "target_health_state.unhealthy.draining_interval_seconds=60, "
                + "target_health_state.unhealthy.connection_termination.enabled=true",
                () -> TargetGroup.builder("web", Protocol.TCP).unhealthyDrainingInterval(Duration.ofSeconds(60))
                        .build());
        fails(IllegalStateException.class, "stickiness is not supported on TLS target groups: stickiness.enabled=true,"
                + " protocol=TLS", () -> TargetGroup.builder("tls", Protocol.TLS).stickiness(true).build());
        fails(IllegalArgumentException.class, "target_health_state.unhealthy.connection_termination.enabled is not "
                + "supported for protocol UDP: target_health_state.unhealthy.connection_termination.enabled=false",
                () -> TargetGroup.builder("dns", Protocol.UDP).unhealthyConnectionTermination(false));
        fails(IllegalArgumentException.class, "preserve_client_ip.enabled cannot be disabled for protocol TCP_UDP: "
                + "preserve_client_ip.enabled=false",
                () -> TargetGroup.builder("both", Protocol.TCP_UDP).preserveClientIp(false));
        fails(IllegalStateException.class, "target registered twice: targetGroup=web, id=i-1",
                () -> TargetGroup.builder("web", Protocol.TCP).target(new Target("i-1", "10.0.0.1", 80, "a"))
                        .target(new Target("i-1", "10.0.0.2", 80, "a")).build());
        fails(IllegalArgumentException.class, "name must be 1-32 letters, digits or hyphens, not starting or ending "
                + "with a hyphen: name=-web", () -> TargetGroup.builder("-web", Protocol.TCP));
    }

    @Test
    void shouldRejectHealthCheckSettingsOutsideNlbRanges() {
        HealthCheck.Builder b = HealthCheck.builder();
        fails(IllegalArgumentException.class, "HealthCheckIntervalSeconds must be between 5 and 300: "
                + "HealthCheckIntervalSeconds=4", () -> b.interval(Duration.ofSeconds(4)));
        fails(IllegalArgumentException.class, "HealthCheckTimeoutSeconds must be between 2 and 120: "
                + "HealthCheckTimeoutSeconds=121", () -> b.timeout(Duration.ofSeconds(121)));
        fails(IllegalArgumentException.class, "HealthyThresholdCount must be between 2 and 10: "
                + "HealthyThresholdCount=11", () -> b.healthyThreshold(11));
        fails(IllegalArgumentException.class, "UnhealthyThresholdCount must be between 2 and 10: "
                + "UnhealthyThresholdCount=1", () -> b.unhealthyThreshold(1));
        fails(IllegalArgumentException.class, "path must start with / and have at most 1024 characters: path=health",
                () -> b.path("health"));
        fails(IllegalStateException.class, "HealthCheckTimeoutSeconds must be smaller than "
                + "HealthCheckIntervalSeconds: HealthCheckTimeoutSeconds=10, HealthCheckIntervalSeconds=5",
                () -> HealthCheck.builder().interval(Duration.ofSeconds(5)).build());
    }

    @Test
    void shouldRejectListenerSettingsNamingTheField() {
        fails(IllegalArgumentException.class, "port must be between 1 and 65535: port=0",
                () -> Listener.builder(Protocol.TCP, 0));
        fails(IllegalArgumentException.class, "tcp.idle_timeout.seconds must be between 60 and 6000: "
                + "tcp.idle_timeout.seconds=59",
                () -> Listener.builder(Protocol.TCP, 80).tcpIdleTimeout(Duration.ofSeconds(59)));
        fails(IllegalArgumentException.class, "tcp.idle_timeout.seconds can only be changed on TCP and TCP_UDP "
                + "listeners: protocol=TLS",
                () -> Listener.builder(Protocol.TLS, 443).tcpIdleTimeout(Duration.ofSeconds(600)));
        fails(IllegalArgumentException.class, "weight must be between 0 and 999: weight=1000",
                () -> Listener.builder(Protocol.TCP, 80).forward("blue", 1000));
        fails(IllegalStateException.class, "a listener needs a forward action: port=80",
                () -> Listener.builder(Protocol.TCP, 80).build());
        fails(IllegalStateException.class, "at least one target group weight must be positive: port=80",
                () -> Listener.builder(Protocol.TCP, 80).forward("blue", 0).forward("green", 0).build());
        assertEquals(Duration.ofSeconds(350), Listener.builder(Protocol.TCP, 80).forward("a").build()
                .tcpIdleTimeout());
        assertEquals(Duration.ofSeconds(350), Listener.builder(Protocol.TLS, 443).forward("a").build()
                .tcpIdleTimeout());
        assertEquals(Duration.ofSeconds(120), Listener.builder(Protocol.UDP, 53).forward("a").build()
                .udpIdleTimeout());
    }

    @Test
    void shouldRejectBadTargetsZonesAndFlowKeys() {
        fails(IllegalArgumentException.class, "address must be an IPv4 or IPv6 literal: address=web.local",
                () -> new Target("i-1", "web.local", 80, "us-east-1a"));
        fails(IllegalArgumentException.class, "port must be between 1 and 65535: port=70000",
                () -> new Target("i-1", "10.0.0.1", 70000, "us-east-1a"));
        fails(IllegalArgumentException.class, "zone must not be empty: zone=",
                () -> new Target("i-1", "10.0.0.1", 80, ""));
        fails(IllegalArgumentException.class, "address must be an IPv4 or IPv6 literal: address=x",
                () -> new Zone("us-east-1a", "x"));
        fails(IllegalArgumentException.class, "sourcePort must be between 0 and 65535: sourcePort=65536",
                () -> new FlowKey().tcp4(1, 65536, 2, 80));
        fails(IllegalArgumentException.class, "zone must be between 0 and 255: zone=256",
                () -> new FlowKey().zone(256));
        fails(NullPointerException.class, "targetGroup", () -> Balancer.builder().targetGroup(null));
    }

    @Test
    void shouldRejectBalancerSettingsNamingTheField() {
        Balancer.Builder b = Balancer.builder();
        fails(IllegalArgumentException.class, "ringCapacity must be a power of two of at least 1024: "
                + "ringCapacity=1000", () -> b.ringCapacity(1000));
        fails(IllegalArgumentException.class, "maglevTableSize must be prime: maglevTableSize=65536",
                () -> b.maglevTableSize(65536));
        fails(IllegalArgumentException.class, "shards must be between 1 and 64: shards=0", () -> b.shards(0));
        fails(IllegalArgumentException.class, "flowCapacity must be between 1 and 67108864: flowCapacity=0",
                () -> b.flowCapacity(0));
        fails(IllegalStateException.class, "at least one zone is required: zones=0", b::build);
        TargetGroup udp = TargetGroup.builder("dns", Protocol.UDP).build();
        fails(IllegalStateException.class, "target group protocol does not match the listener: listener=TCP, "
                + "targetGroup=dns, protocol=UDP", () -> Balancer.builder().zone("a", "10.0.0.1").targetGroup(udp)
                .listener(Listener.builder(Protocol.TCP, 53).forward("dns").build()).build());
        fails(IllegalStateException.class, "listener forwards to an unknown target group: port=80, targetGroup=web",
                () -> Balancer.builder().zone("a", "10.0.0.1")
                        .listener(Listener.builder(Protocol.TCP, 80).forward("web").build()).build());
        TargetGroup web = TargetGroup.builder("web", Protocol.TCP).build();
        fails(IllegalStateException.class, "two listeners on one port: port=80", () -> Balancer.builder()
                .zone("a", "10.0.0.1").targetGroup(web)
                .listener(Listener.builder(Protocol.TCP, 80).forward("web").build())
                .listener(Listener.builder(Protocol.TLS, 80).forward("web").build()).build());
        fails(IllegalStateException.class, "zonal shift with cross-zone needs TCP or TLS groups with "
                + "target_health_state.unhealthy.connection_termination.enabled=false: targetGroup=web",
                () -> Balancer.builder().zone("a", "10.0.0.1").targetGroup(web).crossZone(true).zonalShift(true)
                        .listener(Listener.builder(Protocol.TCP, 80).forward("web").build()).build());
    }

    @Test
    void shouldRejectUnknownNamesOnControlPlaneCalls() {
        Fixtures f = new Fixtures();
        try (Balancer lb = f.tcp(1)) {
            fails(IllegalArgumentException.class, "unknown target group: targetGroup=api",
                    () -> lb.targetHealth("api"));
            fails(IllegalArgumentException.class, "target is not registered: targetGroup=web, id=i-9",
                    () -> lb.deregisterTargets("web", "i-9"));
            fails(IllegalArgumentException.class, "zone is not enabled on the load balancer: zone=us-east-1c",
                    () -> lb.zoneIndex("us-east-1c"));
            fails(IllegalArgumentException.class, "no target has this index: index=99", () -> lb.target(99));
            fails(IllegalArgumentException.class, "shard must be between 0 and 0: shard=1", () -> lb.shard(1));
            fails(IllegalStateException.class, "zonal shift is not enabled: zonal_shift.config.enabled=false",
                    () -> lb.startZonalShift("us-east-1a"));
            fails(IllegalArgumentException.class, "counters are kept per TCP, UDP or TLS: protocol=TCP_UDP",
                    () -> lb.counters(Protocol.TCP_UDP));
            fails(IllegalArgumentException.class, "NLCUs are billed per TCP, UDP or TLS: protocol=TCP_UDP",
                    () -> Nlcu.consumed(Protocol.TCP_UDP, 1, 1, 1));
        }
    }
}
