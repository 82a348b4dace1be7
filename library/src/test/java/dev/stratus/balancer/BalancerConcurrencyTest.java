package dev.stratus.balancer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.core.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BalancerConcurrencyTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldKeepEstablishedFlowsPinnedWhileTheControlPlaneChurns() throws Exception {
        Fixtures f = new Fixtures();
        int flows = 4096;
        int[] pinned = new int[flows];
        AtomicInteger moved = new AtomicInteger();
        AtomicInteger routed = new AtomicInteger();
        // termination off: a flow may only ever answer with its own target, whatever the control plane does
        Balancer.Builder b = f.builder(4, TargetGroup.builder("web", Protocol.TCP)
                        .unhealthyConnectionTermination(false))
                .clock(Clock.system())
                .routeHandler((correlation, result) -> {
                    if (result != pinned[(int) correlation]) {
                        moved.incrementAndGet();
                    }
                    routed.incrementAndGet();
                });
        try (Balancer lb = b.build()) {
            for (int i = 0; i < flows; i++) {
                pinned[i] = lb.route(Fixtures.client(i), FlowKey.SYN, 60);
                assertTrue(pinned[i] >= 0);
            }
            lb.start();
            AtomicBoolean stop = new AtomicBoolean();
            Thread churn = new Thread(() -> {
                int round = 0;
                while (!stop.get()) {
                    String id = "x" + round++;
                    lb.registerTargets("web", new Target(id, "10.9." + (round / 250 % 250) + "." + (round % 250 + 1),
                            80, round % 2 == 0 ? "us-east-1a" : "us-east-1b"));
                    lb.deregisterTargets("web", id);
                    lb.reportTargetFailure(pinned[round % flows]);
                }
            });
            churn.start();
            FlowKey key = new FlowKey();
            int offered = 0;
            for (int round = 0; round < 50; round++) {
                for (int i = 0; i < flows; i++) {
                    key.copyFrom(Fixtures.client(i));
                    while (!lb.offer(key, FlowKey.ACK, 100, i)) {
                        Thread.onSpinWait();
                    }
                    offered++;
                }
            }
            stop.set(true);
            churn.join();
            while (routed.get() < offered) {
                Thread.onSpinWait();
            }
            assertEquals(0, moved.get());
            assertEquals(offered, routed.get());
        }
    }
}
