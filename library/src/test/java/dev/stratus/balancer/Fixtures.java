package dev.stratus.balancer;

import dev.stratus.core.ManualClock;
import dev.stratus.core.RandomSource;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** Shared set-ups: a ManualClock, a fake prober and a small TCP/UDP balancer in two zones. */
final class Fixtures {
    static final int LB_A = 0x0A00_0001;
    static final int LB_B = 0x0A00_0002;
    static final Duration HEALTHY_AFTER = Duration.ofSeconds(5 * 5);

    final ManualClock clock = ManualClock.atEpoch();
    final FakeProber prober = new FakeProber();

    Balancer.Builder builder(final int targetsPerZone, final TargetGroup.Builder group) {
        for (int i = 0; i < targetsPerZone; i++) {
            group.target(new Target("a" + i, "10.1.0." + (i + 1), 8080, "us-east-1a"));
            group.target(new Target("b" + i, "10.2.0." + (i + 1), 8080, "us-east-1b"));
        }
        return Balancer.builder()
                .clock(clock)
                .random(RandomSource.seeded(7))
                .prober(prober)
                .zone("us-east-1a", "10.0.0.1")
                .zone("us-east-1b", "10.0.0.2")
                .targetGroup(group.healthCheck(HealthCheck.builder().interval(Duration.ofSeconds(5))
                        .timeout(Duration.ofSeconds(2)).build()).build())
                .listener(Listener.builder(Protocol.TCP, 443).forward(group.build().name()).build());
    }

    Balancer tcp(final int targetsPerZone) {
        return builder(targetsPerZone, TargetGroup.builder("web", Protocol.TCP)).build();
    }

    /** Advances until the initial targets have passed the healthy threshold (5 checks at 5 s). */
    void becomeHealthy() {
        clock.advance(HEALTHY_AFTER);
    }

    static FlowKey client(final int i) {
        return new FlowKey().tcp4(0x0B00_0000 + i, 1024 + (i % 60000), LB_A, 443).sequence(i * 7919);
    }

    static Set<String> ids(final Balancer lb, final Iterable<Integer> results) {
        Set<String> ids = new HashSet<>();
        for (int r : results) {
            ids.add(lb.target(r).id());
        }
        return ids;
    }
}
