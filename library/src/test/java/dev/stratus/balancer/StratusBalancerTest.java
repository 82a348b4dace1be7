package dev.stratus.balancer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.Stratus;
import dev.stratus.core.ManualClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class StratusBalancerTest {

    @Test
    void shouldBuildABalancerOnTheFacadesClockAndRepeatRoutesForTheSameSeed() {
        ManualClock clock = ManualClock.atEpoch();
        int[] routes = new int[2];
        for (int run = 0; run < 2; run++) {
            Stratus stratus = Stratus.builder().clock(clock).seed(42).build();
            try (Balancer lb = stratus.balancer()
                    .zone("us-east-1a", "10.0.0.1")
                    .targetGroup(TargetGroup.builder("web", Protocol.TCP)
                            .target(new Target("i-1", "10.0.1.1", 80, "us-east-1a"))
                            .target(new Target("i-2", "10.0.1.2", 80, "us-east-1a"))
                            .build())
                    .listener(Listener.builder(Protocol.TCP, 80).forward("web").build())
                    .prober((t, c, p) -> CompletableFuture.completedFuture(true))
                    .build()) {
                clock.advance(Duration.ofSeconds(150));
                assertEquals(TargetState.HEALTHY, lb.targetState("web", "i-1"));
                routes[run] = lb.route(new FlowKey().tcp4(1, 2, 3, 80).sequence(4), FlowKey.SYN, 60);
                assertTrue(lb.dimension().startsWith("net/stratus-nlb/"));
            }
        }
        assertEquals(routes[0], routes[1]);
    }
}
