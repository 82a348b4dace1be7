package dev.stratus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stratus.balancer.Balancer;
import org.junit.jupiter.api.Test;

/** Runs in the flagless Surefire execution: the balancer must refuse to build, everything else must work. */
class BalancerFlagTest {

    @Test
    void shouldFailFastNamingTheFlagWhenAgronaIsNotExported() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Balancer.builder().zone("us-east-1a", "10.0.0.1").build());
        assertEquals("the load balancer needs the JVM option --add-exports java.base/jdk.internal.misc=ALL-UNNAMED",
                e.getMessage());
    }

    @Test
    void shouldBuildStratusWithoutTheFlagWhenNoBalancerIsAskedFor() {
        Stratus stratus = Stratus.builder().seed(1).build();
        assertNotNull(stratus.balancer());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> stratus.balancer().zone("us-east-1a", "10.0.0.1").build());
        assertEquals("the load balancer needs the JVM option " + Balancer.REQUIRED_JVM_FLAG, e.getMessage());
    }
}
