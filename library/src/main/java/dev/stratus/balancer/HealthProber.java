package dev.stratus.balancer;

import dev.stratus.balancer.internal.SocketHealthProber;
import java.util.concurrent.CompletionStage;

/**
 * Runs one active health check against one target. The balancer schedules probes on its clock, applies
 * {@link HealthCheck#timeout()} itself (an unanswered probe fails) and counts results against the thresholds.
 */
@FunctionalInterface
public interface HealthProber {

    /**
     * Probes a target; must not block the caller.
     *
     * @param target the target
     * @param check the group's health check (protocol, port, path, success codes)
     * @param proxyProtocolV2 whether the group sends a PROXY v2 header, which probes carry too (without client
     *     information)
     * @return completes with whether the target passed
     */
    CompletionStage<Boolean> probe(Target target, HealthCheck check, boolean proxyProtocolV2);

    /** Real TCP connects and HTTP(S) GETs over sockets, on a small pool of daemon threads. */
    static HealthProber socket() {
        return SocketHealthProber.INSTANCE;
    }
}
