package dev.stratus.balancer;

import static dev.stratus.balancer.Fixtures.client;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.core.RandomSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BalancerRoutingTest {
    private final Fixtures f = new Fixtures();

    private static int syn(final Balancer lb, final FlowKey key) {
        return lb.route(key, FlowKey.SYN, 60);
    }

    private static int ack(final Balancer lb, final FlowKey key) {
        return lb.route(key, FlowKey.ACK, 1500);
    }

    @Test
    void shouldRouteSameFlowToSameTarget() {
        try (Balancer lb = f.tcp(3)) {
            f.becomeHealthy();
            FlowKey key = client(1);
            int target = syn(lb, key);
            assertTrue(target >= 0);
            for (int i = 0; i < 10; i++) {
                key.sequence(i * 1000);
                assertEquals(target, ack(lb, key));
            }
            assertEquals("us-east-1a", lb.target(target).zone());
            assertEquals(1, lb.counters().newFlows());
            assertEquals(1, lb.counters().activeFlows());
            assertEquals(60 + 10 * 1500, lb.counters().processedBytes());
        }
    }

    @Test
    void shouldSpreadOneClientsConnectionsBecauseTheInitialSequenceNumberIsHashed() {
        try (Balancer lb = f.tcp(4)) {
            f.becomeHealthy();
            Set<Integer> targets = new HashSet<>();
            for (int isn = 0; isn < 200; isn++) {
                // same client address and port each time (after a RST), only the ISN differs
                FlowKey key = new FlowKey().tcp4(0x0B000001, 40000, Fixtures.LB_A, 443).sequence(isn * 104729);
                targets.add(syn(lb, key));
                lb.route(key, FlowKey.RST, 40);
            }
            assertEquals(4, targets.size());
        }
    }

    @Test
    void shouldResetUnknownTcpFlowsInNlbModeAndAdoptThemInFiveTupleMode() {
        try (Balancer lb = f.tcp(2)) {
            f.becomeHealthy();
            assertEquals(RouteCodes.RESET, ack(lb, client(5)));
            assertEquals(1, lb.counters(Protocol.TCP).resets());
        }
        Fixtures g = new Fixtures();
        Balancer first = g.builder(3, TargetGroup.builder("web", Protocol.TCP)).hashMode(HashMode.FIVE_TUPLE).build();
        Balancer second = first.toBuilder().random(RandomSource.seeded(7)).build();
        g.becomeHealthy();
        for (int i = 0; i < 500; i++) {
            int target = syn(first, client(i));
            // the second instance never saw the SYN: it re-derives the same target from the 5-tuple alone
            assertEquals(first.target(target), second.target(ack(second, client(i))));
        }
        assertEquals(0, second.counters().resets());
        first.close();
        second.close();
    }

    @Test
    void shouldNeverMoveEstablishedFlowsWhenTargetsAreAddedRemovedOrDrained() {
        try (Balancer lb = f.builder(5, TargetGroup.builder("web", Protocol.TCP)
                .deregistrationDelay(Duration.ofSeconds(30))).build()) {
            f.becomeHealthy();
            int flows = 20_000;
            int[] before = new int[flows];
            for (int i = 0; i < flows; i++) {
                before[i] = syn(lb, client(i));
            }
            lb.registerTargets("web", new Target("a9", "10.1.0.99", 8080, "us-east-1a"));
            lb.deregisterTargets("web", "a0");
            f.clock.advance(Duration.ofSeconds(60));
            lb.deregisterTargets("web", "a1");
            for (int i = 0; i < flows; i++) {
                assertEquals(before[i], ack(lb, client(i)), "flow " + i);
            }
            List<Integer> fresh = new ArrayList<>();
            for (int i = flows; i < flows + 5000; i++) {
                fresh.add(syn(lb, client(i)));
            }
            Set<String> used = Fixtures.ids(lb, fresh);
            assertFalse(used.contains("a0"));
            assertFalse(used.contains("a1"));
            assertTrue(used.contains("a9"));
            assertEquals(TargetState.DRAINING, lb.targetState("web", "a1"));
        }
    }

    @Test
    void shouldResetTcpFlowsAfterTheIdleTimeoutAndStartNewUdpFlows() {
        TargetGroup.Builder group = TargetGroup.builder("both", Protocol.TCP_UDP);
        try (Balancer lb = f.builder(3, group).listener(Listener.builder(Protocol.UDP, 53).forward("both").build())
                .build()) {
            f.becomeHealthy();
            FlowKey tcp = client(1);
            int target = syn(lb, tcp);
            f.clock.advance(Duration.ofSeconds(350));
            assertEquals(target, ack(lb, tcp));
            f.clock.advance(Duration.ofSeconds(351));
            assertEquals(RouteCodes.RESET, ack(lb, tcp));
            assertEquals(1, lb.counters(Protocol.TCP).resets());

            FlowKey udp = new FlowKey().udp4(0x0B000001, 5353, Fixtures.LB_A, 53);
            int udpTarget = lb.route(udp, 0, 80);
            f.clock.advance(Duration.ofSeconds(120));
            assertEquals(udpTarget, lb.route(udp, 0, 80));
            assertEquals(1, lb.counters(Protocol.UDP).newFlows());
            f.clock.advance(Duration.ofSeconds(121));
            assertTrue(lb.route(udp, 0, 80) >= 0);
            assertEquals(2, lb.counters(Protocol.UDP).newFlows());
            assertEquals(0, lb.counters(Protocol.UDP).resets());
        }
    }

    @Test
    void shouldHonourAConfiguredTcpIdleTimeoutWithinOneSecond() {
        Listener custom = Listener.builder(Protocol.TCP, 443).tcpIdleTimeout(Duration.ofSeconds(60)).forward("web")
                .build();
        TargetGroup web = TargetGroup.builder("web", Protocol.TCP)
                .target(new Target("a0", "10.1.0.1", 8080, "us-east-1a")).build();
        try (Balancer lb = Balancer.builder().clock(f.clock).prober(f.prober).zone("us-east-1a", "10.0.0.1")
                .targetGroup(web).listener(custom).build()) {
            FlowKey key = client(3);
            int target = syn(lb, key);
            f.clock.advance(Duration.ofSeconds(60));
            assertEquals(target, ack(lb, key));
            f.clock.advance(Duration.ofSeconds(61));
            assertEquals(RouteCodes.RESET, ack(lb, key));
        }
    }

    @Test
    void shouldForgetFlowsOnRstAndShortlyAfterFin() {
        try (Balancer lb = f.tcp(2)) {
            FlowKey a = client(1);
            FlowKey b = client(2);
            syn(lb, a);
            syn(lb, b);
            assertEquals(2, lb.counters().activeFlows());
            lb.route(a, FlowKey.RST, 40);
            assertEquals(1, lb.counters().activeFlows());
            assertEquals(RouteCodes.RESET, ack(lb, a));
            lb.route(b, FlowKey.FIN | FlowKey.ACK, 40);
            f.clock.advance(Duration.ofSeconds(11));
            lb.doWork();
            lb.shard(0).sweep(1 << 20);
            assertEquals(0, lb.counters().activeFlows());
        }
    }

    @Test
    void shouldTreatASynAfterAFinAsANewConnection() {
        try (Balancer lb = f.tcp(4)) {
            f.becomeHealthy();
            Set<Integer> targets = new HashSet<>();
            for (int isn = 0; isn < 100; isn++) {
                FlowKey key = new FlowKey().tcp4(0x0B000001, 40000, Fixtures.LB_A, 443).sequence(isn * 7919);
                int target = syn(lb, key);
                assertEquals(target, lb.route(key, FlowKey.FIN | FlowKey.ACK, 40));
                targets.add(target);
            }
            assertEquals(4, targets.size());
            assertEquals(100, lb.counters().newFlows());
            assertEquals(1, lb.counters().activeFlows());
        }
    }

    @Test
    void shouldSweepIdleFlowsIncrementally() {
        try (Balancer lb = f.builder(2, TargetGroup.builder("web", Protocol.TCP)).sweepSlotsPerCycle(128).build()) {
            for (int i = 0; i < 1000; i++) {
                syn(lb, client(i));
            }
            f.clock.advance(Duration.ofSeconds(351));
            int cycles = 0;
            while (lb.counters().activeFlows() > 0) {
                lb.doWork();
                cycles++;
            }
            // one pass over the 524,288 slots, 128 a cycle (removals re-examine their slot)
            assertTrue(cycles <= 524_288 / 128 + 16, "cycles=" + cycles);
            assertTrue(cycles > 1);
        }
    }

    @Test
    void shouldDegradeWithoutFailingWhenTheFlowTableIsFull() {
        try (Balancer lb = f.builder(3, TargetGroup.builder("web", Protocol.TCP)).flowCapacity(100).build()) {
            f.becomeHealthy();
            Map<Integer, Integer> first = new HashMap<>();
            for (int i = 0; i < 300; i++) {
                int r = syn(lb, client(i));
                assertTrue(r >= 0);
                first.put(i, r);
            }
            FlowCounters c = lb.counters(Protocol.TCP);
            assertEquals(300, c.newFlows());
            assertEquals(100, c.activeFlows());
            assertEquals(200, c.tableFull());
            // untracked flows route by their 5-tuple while the table is full, consistently with their SYN
            for (int i = 0; i < 300; i++) {
                assertEquals((int) first.get(i), ack(lb, client(i)));
            }
        }
    }

    @Test
    void shouldRouteABurstExactlyLikeSingleCallsInOrder() {
        Balancer.Builder b = f.builder(3, TargetGroup.builder("web", Protocol.TCP)).flowCapacity(64);
        try (Balancer single = b.random(RandomSource.seeded(7)).build();
                Balancer burst = b.random(RandomSource.seeded(7)).build()) {
            f.becomeHealthy();
            // 50 packets over 20 flows: SYNs, data, FINs and RSTs of one flow inside one 16-packet group, unknown
            // flows, and more flows than fit (the table holds 64, so the second round overflows it)
            int n = 50;
            FlowKey[] keys = new FlowKey[n];
            int[] flags = new int[n];
            int[] bytes = new int[n];
            int[] results = new int[n];
            int[] pattern = {FlowKey.SYN, FlowKey.ACK, FlowKey.ACK | FlowKey.FIN, FlowKey.RST, FlowKey.ACK};
            for (int round = 0; round < 4; round++) {
                for (int i = 0; i < n; i++) {
                    keys[i] = client(round * 30 + i % 20);
                    flags[i] = pattern[(i / 20 + i + round) % pattern.length];
                    bytes[i] = 100 + i;
                }
                int[] expected = new int[n];
                for (int i = 0; i < n; i++) {
                    expected[i] = single.shard(0).route(keys[i], flags[i], bytes[i]);
                }
                burst.shard(0).route(keys, flags, bytes, results, n);
                for (int i = 0; i < n; i++) {
                    assertEquals(expected[i], results[i], "round " + round + ", packet " + i);
                }
            }
            assertEquals(single.counters(), burst.counters());
            assertEquals(single.shard(0).activeFlows(), burst.shard(0).activeFlows());
            assertThrows(IndexOutOfBoundsException.class,
                    () -> burst.shard(0).route(keys, flags, bytes, new int[3], 4));
        }
    }

    @Test
    void shouldTrackUntrackedFlowsOnceRoomFreesAndResetUnknownFlowsAfterTheIdleTimeout() {
        try (Balancer lb = f.builder(3, TargetGroup.builder("web", Protocol.TCP)).flowCapacity(100).build()) {
            f.becomeHealthy();
            Map<Integer, Integer> first = new HashMap<>();
            for (int i = 0; i < 150; i++) {
                first.put(i, syn(lb, client(i)));
            }
            // ten tracked flows close: room for ten of the untracked ones, adopted on their next packet
            for (int i = 0; i < 10; i++) {
                assertEquals((int) first.get(i), lb.route(client(i), FlowKey.RST, 40));
            }
            for (int i = 100; i < 150; i++) {
                assertEquals((int) first.get(i), ack(lb, client(i)), "flow " + i);
            }
            FlowCounters c = lb.counters(Protocol.TCP);
            assertEquals(150, c.newFlows());
            assertEquals(100, c.activeFlows());
            assertEquals(50 + 40, c.tableFull());
            // one idle timeout (TCP: 350 s) after the table was last full, an unknown flow is reset again
            f.clock.advance(Duration.ofSeconds(351));
            lb.doWork();
            assertEquals(RouteCodes.RESET, ack(lb, client(1_000)));
        }
    }

    @Test
    void shouldRejectNewFlowsWithTableFullUnderTheRejectPolicy() {
        try (Balancer lb = f.builder(3, TargetGroup.builder("web", Protocol.TCP)).flowCapacity(100)
                .tableFullPolicy(TableFullPolicy.REJECT).build()) {
            f.becomeHealthy();
            for (int i = 0; i < 100; i++) {
                assertTrue(syn(lb, client(i)) >= 0);
            }
            assertEquals(RouteCodes.TABLE_FULL, syn(lb, client(100)));
            assertEquals("TABLE_FULL", RouteCodes.describe(syn(lb, client(101))));
            // no flow was routed untracked, so an unknown TCP flow is still reset
            assertEquals(RouteCodes.RESET, ack(lb, client(100)));
            FlowCounters c = lb.counters(Protocol.TCP);
            assertEquals(100, c.newFlows());
            assertEquals(2, c.tableFull());
            // tracked flows are untouched, and a freed slot takes the next new flow
            int target = ack(lb, client(5));
            assertTrue(target >= 0);
            lb.route(client(5), FlowKey.RST, 40);
            assertTrue(syn(lb, client(100)) >= 0);
        }
    }

    @Test
    void shouldRejectUnknownFlowsOfAFullTableInFiveTupleModeUnderTheRejectPolicy() {
        try (Balancer lb = f.builder(3, TargetGroup.builder("web", Protocol.TCP)).flowCapacity(10)
                .hashMode(HashMode.FIVE_TUPLE).tableFullPolicy(TableFullPolicy.REJECT).build()) {
            f.becomeHealthy();
            for (int i = 0; i < 10; i++) {
                assertTrue(ack(lb, client(i)) >= 0);
            }
            assertEquals(RouteCodes.TABLE_FULL, ack(lb, client(10)));
            assertEquals(1, lb.counters(Protocol.TCP).tableFull());
        }
    }

    @Test
    void shouldTerminateFlowsOfUnhealthyTargetsAndStopSendingThemNewFlows() {
        try (Balancer lb = f.tcp(3)) {
            f.becomeHealthy();
            Map<Integer, Integer> flows = new HashMap<>();
            for (int i = 0; i < 600; i++) {
                flows.put(i, syn(lb, client(i)));
            }
            f.prober.down("a0");
            f.clock.advance(Duration.ofSeconds(10));
            assertEquals(TargetState.UNHEALTHY, lb.targetState("web", "a0"));
            int resets = 0;
            for (Map.Entry<Integer, Integer> e : flows.entrySet()) {
                int r = ack(lb, client(e.getKey()));
                if (lb.target(e.getValue()).id().equals("a0")) {
                    assertEquals(RouteCodes.RESET, r);
                    resets++;
                } else {
                    assertEquals((int) e.getValue(), r);
                }
            }
            assertTrue(resets > 0);
            assertEquals(resets, lb.counters().resets());
            List<Integer> fresh = new ArrayList<>();
            for (int i = 1000; i < 2000; i++) {
                fresh.add(syn(lb, client(i)));
            }
            assertFalse(Fixtures.ids(lb, fresh).contains("a0"));
            assertEquals(2, lb.healthyHostCount("web", "us-east-1a"));
            assertEquals(1, lb.unhealthyHostCount("web", "us-east-1a"));
        }
    }

    @Test
    void shouldDrainUnhealthyTargetsForTheIntervalWhenTerminationIsOff() {
        TargetGroup.Builder g = TargetGroup.builder("web", Protocol.TCP).unhealthyConnectionTermination(false)
                .unhealthyDrainingInterval(Duration.ofSeconds(60));
        try (Balancer lb = f.builder(2, g).build()) {
            f.becomeHealthy();
            int i = 0;
            FlowKey key;
            int target;
            do {
                key = client(i++);
                target = syn(lb, key);
            } while (!lb.target(target).id().equals("a0"));
            f.prober.down("a0");
            f.clock.advance(Duration.ofSeconds(10));
            assertEquals(TargetState.UNHEALTHY_DRAINING, lb.targetState("web", "a0"));
            assertEquals(target, ack(lb, key));
            f.clock.advance(Duration.ofSeconds(55));
            assertEquals(TargetState.UNHEALTHY_DRAINING, lb.targetState("web", "a0"));
            assertEquals(target, ack(lb, key));
            f.clock.advance(Duration.ofSeconds(5));
            assertEquals(TargetState.UNHEALTHY, lb.targetState("web", "a0"));
            assertEquals(RouteCodes.RESET, ack(lb, key));
        }
    }

    @Test
    void shouldIgnoreFlappingThatNeverReachesAThreshold() {
        try (Balancer lb = f.tcp(1)) {
            f.becomeHealthy();
            assertEquals(TargetState.HEALTHY, lb.targetState("web", "a0"));
            for (int round = 0; round < 10; round++) {
                f.prober.down("a0");
                f.clock.advance(Duration.ofSeconds(5));
                f.prober.up("a0");
                f.clock.advance(Duration.ofSeconds(5));
                assertEquals(TargetState.HEALTHY, lb.targetState("web", "a0"));
            }
            f.prober.down("a0");
            f.clock.advance(Duration.ofSeconds(10));
            assertEquals(TargetState.UNHEALTHY, lb.targetState("web", "a0"));
            f.prober.up("a0");
            f.clock.advance(Duration.ofSeconds(20));
            assertEquals(TargetState.UNHEALTHY, lb.targetState("web", "a0"));
            f.clock.advance(Duration.ofSeconds(5));
            assertEquals(TargetState.HEALTHY, lb.targetState("web", "a0"));
        }
    }

    @Test
    void shouldCountUnansweredProbesAsFailuresAfterTheTimeout() {
        try (Balancer lb = f.tcp(1)) {
            f.becomeHealthy();
            f.prober.hang("b0");
            f.clock.advance(Duration.ofSeconds(5 + 2));
            assertEquals(TargetState.HEALTHY, lb.targetState("web", "b0"));
            f.clock.advance(Duration.ofSeconds(5));
            assertEquals(TargetState.UNHEALTHY, lb.targetState("web", "b0"));
        }
    }

    @Test
    void shouldFailOpenToAllTargetsWhenTooFewAreHealthy() {
        try (Balancer lb = f.tcp(2)) {
            f.becomeHealthy();
            FlowKey key = client(9);
            int pinned = syn(lb, key);
            for (String id : List.of("a0", "a1", "b0", "b1")) {
                f.prober.down(id);
            }
            f.clock.advance(Duration.ofSeconds(10));
            assertEquals(TargetState.UNHEALTHY, lb.targetState("web", "a0"));
            // fail-open: unhealthy targets keep their flows and take new ones
            assertEquals(pinned, ack(lb, key));
            List<Integer> fresh = new ArrayList<>();
            for (int i = 100; i < 400; i++) {
                fresh.add(syn(lb, client(i)));
            }
            assertEquals(Set.of("a0", "a1"), Fixtures.ids(lb, fresh));
            assertEquals(List.of("us-east-1a", "us-east-1b"), zoneNames(lb.dnsView()));
        }
    }

    @Test
    void shouldFailOpenBelowAMinimumHealthyPercentage() {
        try (Balancer lb = f.builder(4, TargetGroup.builder("web", Protocol.TCP).routingMinimumHealthyPercentage(50))
                .build()) {
            f.becomeHealthy();
            for (String id : List.of("a0", "a1", "a2")) {
                f.prober.down(id);
            }
            f.clock.advance(Duration.ofSeconds(10));
            List<Integer> fresh = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                fresh.add(syn(lb, client(i)));
            }
            assertEquals(Set.of("a0", "a1", "a2", "a3"), Fixtures.ids(lb, fresh));
        }
    }

    @Test
    void shouldDrainDeregisteredTargetsAndTerminateWhenConfigured() {
        TargetGroup.Builder g = TargetGroup.builder("web", Protocol.TCP).deregistrationConnectionTermination(true)
                .deregistrationDelay(Duration.ofSeconds(300));
        try (Balancer lb = f.builder(1, g).build()) {
            f.becomeHealthy();
            int i = 0;
            FlowKey key;
            do {
                key = client(i++);
            } while (syn(lb, key) < 0 || !lb.target(ack(lb, key)).id().equals("a0"));
            lb.deregisterTargets("web", "a0");
            assertEquals(TargetState.DRAINING, lb.targetState("web", "a0"));
            f.clock.advance(Duration.ofSeconds(299));
            assertTrue(ack(lb, key) >= 0);
            // with a0 draining, zone a has no target: new flows there find none
            assertEquals(RouteCodes.NO_HEALTHY_TARGET, syn(lb, client(100_000)));
            f.clock.advance(Duration.ofSeconds(1));
            assertTrue(lb.targetHealth("web").stream().noneMatch(h -> h.target().id().equals("a0")));
            assertEquals(RouteCodes.RESET, ack(lb, key));
        }
    }

    @Test
    void shouldKeepFlowsInTheirZoneUnlessCrossZoneIsOn() {
        try (Balancer lb = f.tcp(3)) {
            f.becomeHealthy();
            List<Integer> zoneB = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                zoneB.add(syn(lb, client(i).zone(1)));
            }
            assertTrue(Fixtures.ids(lb, zoneB).stream().allMatch(id -> id.startsWith("b")));
        }
        Fixtures g = new Fixtures();
        try (Balancer lb = g.builder(3, TargetGroup.builder("web", Protocol.TCP)).crossZone(true).build()) {
            g.becomeHealthy();
            List<Integer> zoneB = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                zoneB.add(syn(lb, client(i).zone(1)));
            }
            assertEquals(6, Fixtures.ids(lb, zoneB).size());
        }
    }

    @Test
    void shouldDropAZoneFromDnsWhenItHasNoHealthyTarget() {
        try (Balancer lb = f.tcp(2)) {
            f.becomeHealthy();
            assertEquals(List.of("us-east-1a", "us-east-1b"), zoneNames(lb.dnsView()));
            f.prober.down("b0").down("b1");
            f.clock.advance(Duration.ofSeconds(10));
            assertEquals(List.of("us-east-1a"), zoneNames(lb.dnsView()));
        }
    }

    @Test
    void shouldShiftAZoneAwayWithoutTouchingExistingFlows() {
        TargetGroup.Builder g = TargetGroup.builder("web", Protocol.TCP).unhealthyConnectionTermination(false);
        try (Balancer lb = f.builder(2, g).crossZone(true).zonalShift(true).build()) {
            f.becomeHealthy();
            Map<Integer, Integer> flows = new HashMap<>();
            for (int i = 0; i < 400; i++) {
                flows.put(i, syn(lb, client(i)));
            }
            lb.startZonalShift("us-east-1a");
            assertEquals(List.of("us-east-1b"), zoneNames(lb.dnsView()));
            flows.forEach((i, target) -> assertEquals((int) target, ack(lb, client(i))));
            List<Integer> fresh = new ArrayList<>();
            for (int i = 1000; i < 1400; i++) {
                fresh.add(syn(lb, client(i)));
            }
            assertEquals(Set.of("b0", "b1"), Fixtures.ids(lb, fresh));
            assertEquals("a zonal shift is already active: zone=us-east-1a, requested=us-east-1b",
                    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                            () -> lb.startZonalShift("us-east-1b")).getMessage());
            lb.cancelZonalShift();
            assertEquals(2, lb.dnsView().size());
        }
    }

    @Test
    void shouldSplitNewFlowsByTargetGroupWeight() {
        TargetGroup blue = TargetGroup.builder("blue", Protocol.TCP)
                .target(new Target("blue-1", "10.1.0.1", 80, "us-east-1a")).build();
        TargetGroup green = TargetGroup.builder("green", Protocol.TCP)
                .target(new Target("green-1", "10.1.0.2", 80, "us-east-1a")).build();
        try (Balancer lb = Balancer.builder().clock(f.clock).prober(f.prober).zone("us-east-1a", "10.0.0.1")
                .targetGroup(blue).targetGroup(green)
                .listener(Listener.builder(Protocol.TCP, 443).forward("blue", 900).forward("green", 100).build())
                .build()) {
            int greens = 0;
            int flows = 20_000;
            for (int i = 0; i < flows; i++) {
                if (lb.targetGroupOf(syn(lb, client(i))).equals("green")) {
                    greens++;
                }
            }
            assertEquals(0.10, greens / (double) flows, 0.01);
        }
    }

    @Test
    void shouldStickOneSourceAddressToOneTarget() {
        try (Balancer lb = f.builder(4, TargetGroup.builder("web", Protocol.TCP).stickiness(true)).build()) {
            f.becomeHealthy();
            Set<Integer> targets = new HashSet<>();
            for (int port = 1000; port < 1200; port++) {
                targets.add(syn(lb, new FlowKey().tcp4(0x0B000001, port, Fixtures.LB_A, 443).sequence(port)));
            }
            assertEquals(1, targets.size());
        }
    }

    @Test
    void shouldRouteIpv6FlowsLikeIpv4Flows() {
        try (Balancer lb = f.tcp(3)) {
            f.becomeHealthy();
            Set<Integer> targets = new HashSet<>();
            for (int i = 0; i < 300; i++) {
                FlowKey key = new FlowKey().tcp6(0x20010DB800000000L, i, 40000 + i, 0x20010DB8FFFF0000L, 1, 443)
                        .sequence(i);
                int target = syn(lb, key);
                assertEquals(target, ack(lb, key));
                targets.add(target);
            }
            assertEquals(3, targets.size());
            assertEquals(RouteCodes.NO_LISTENER, lb.route(new FlowKey().tcp6(1, 2, 3, 4, 5, 80), FlowKey.SYN, 60));
        }
    }

    @Test
    void shouldReportPassiveFailuresLikeFailedProbes() {
        try (Balancer lb = f.tcp(1)) {
            f.becomeHealthy();
            int a0 = lb.targetHealth("web").get(0).index();
            lb.reportTargetFailure(a0);
            assertEquals(TargetState.HEALTHY, lb.targetState("web", "a0"));
            lb.reportTargetFailure(a0);
            assertEquals(TargetState.UNHEALTHY, lb.targetState("web", "a0"));
        }
    }

    @Test
    void shouldMarkTargetsInZonesNotEnabledUnused() {
        try (Balancer lb = f.tcp(1)) {
            lb.registerTargets("web", new Target("c0", "10.3.0.1", 80, "us-east-1c"));
            assertEquals(TargetState.UNUSED, lb.targetState("web", "c0"));
            assertEquals(TargetState.INITIAL, lb.targetState("web", "a0"));
        }
    }

    @Test
    void shouldBalanceNewFlowsAcrossManyTargets() {
        for (int n : new int[] {10, 100, 1000}) {
            Fixtures g = new Fixtures();
            TargetGroup.Builder group = TargetGroup.builder("web", Protocol.TCP);
            for (int t = 0; t < n; t++) {
                group.target(new Target("t" + t, "10.1." + (t / 250) + "." + (t % 250 + 1), 80, "us-east-1a"));
            }
            try (Balancer lb = Balancer.builder().clock(g.clock).prober(g.prober).random(RandomSource.seeded(n))
                    .zone("us-east-1a", "10.0.0.1").targetGroup(group.build()).flowCapacity(1 << 20)
                    .listener(Listener.builder(Protocol.TCP, 443).forward("web").build()).build()) {
                int flows = n * 200;
                int[] perTarget = new int[n];
                for (int i = 0; i < flows; i++) {
                    perTarget[syn(lb, client(i))]++;
                }
                double avg = flows / (double) n;
                int max = java.util.Arrays.stream(perTarget).max().getAsInt();
                // Poisson noise at 200 flows per target: max/avg stays well under 1.4 for a uniform hash
                assertTrue(max / avg < 1.4, "N=" + n + " max/avg=" + max / avg);
                assertTrue(java.util.Arrays.stream(perTarget).min().getAsInt() > avg * 0.6, "N=" + n);
            }
        }
    }

    private static List<String> zoneNames(final List<Zone> zones) {
        List<String> names = new ArrayList<>();
        zones.forEach(z -> names.add(z.name()));
        return names;
    }

    @Test
    void shouldNotRouteToATargetThatJoinedBeforeItIsHealthyUnlessFailingOpen() {
        try (Balancer lb = f.tcp(1)) {
            f.becomeHealthy();
            lb.registerTargets("web", new Target("a5", "10.1.0.55", 8080, "us-east-1a"));
            assertEquals(TargetState.INITIAL, lb.targetState("web", "a5"));
            List<Integer> fresh = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                fresh.add(syn(lb, client(i)));
            }
            assertEquals(Set.of("a0"), Fixtures.ids(lb, fresh));
            f.becomeHealthy();
            assertEquals(TargetState.HEALTHY, lb.targetState("web", "a5"));
            assertNotEquals(0, lb.counters().newFlows());
        }
    }
}
