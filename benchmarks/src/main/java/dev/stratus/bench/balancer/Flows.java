package dev.stratus.bench.balancer;

import dev.stratus.balancer.Balancer;
import dev.stratus.balancer.FlowKey;
import dev.stratus.balancer.HealthProber;
import dev.stratus.balancer.Listener;
import dev.stratus.balancer.Protocol;
import dev.stratus.balancer.RouteHandler;
import dev.stratus.balancer.Target;
import dev.stratus.balancer.TargetGroup;
import dev.stratus.core.RandomSource;
import java.util.concurrent.CompletableFuture;

/** Shared set-up: a one-zone TCP balancer with {@code targets} healthy-enough targets, and client flow keys. */
final class Flows {
    static final int LB = 0x0A00_0001;
    static final int PORT = 443;

    private Flows() {
    }

    static Balancer balancer(final int targets, final int flowCapacity, final int ringCapacity) {
        return balancer(targets, flowCapacity, ringCapacity, (correlation, result) -> { });
    }

    static Balancer balancer(final int targets, final int flowCapacity, final int ringCapacity,
            final RouteHandler routeHandler) {
        TargetGroup.Builder group = TargetGroup.builder("web", Protocol.TCP);
        for (int t = 0; t < targets; t++) {
            group.target(new Target("t" + t, "10.1." + (t / 250) + "." + (t % 250 + 1), 8080, "us-east-1a"));
        }
        HealthProber alwaysUp = (target, check, ppv2) -> CompletableFuture.completedFuture(true);
        return Balancer.builder()
                .random(RandomSource.seeded(42))
                .prober(alwaysUp)
                .zone("us-east-1a", "10.0.0.1")
                .targetGroup(group.build())
                .listener(Listener.builder(Protocol.TCP, PORT).forward("web").build())
                .flowCapacity(flowCapacity)
                .ringCapacity(ringCapacity)
                .routeHandler(routeHandler)
                .build();
    }

    /** The key of client flow {@code i}: distinct 5-tuples, a pseudo-random initial sequence number. */
    static FlowKey key(final FlowKey key, final int i) {
        return key.tcp4(0x0B00_0000 + (i >>> 12), 1024 + (i & 0xFFF), LB, PORT).sequence(i * 0x9E3779B9);
    }
}
