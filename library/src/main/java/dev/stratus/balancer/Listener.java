package dev.stratus.balancer;

import dev.stratus.core.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A listener: a protocol and port on every zone's address, forwarding new flows to one target group or splitting
 * them over weighted target groups. Idle timeouts follow NLB: TCP 350 s by default (60-6000 s,
 * {@code tcp.idle_timeout.seconds}), UDP 120 s, TLS 350 s; only TCP and TCP_UDP listeners may change it.
 *
 * <pre>{@code
 * Listener web = Listener.builder(Protocol.TCP, 443)
 *         .forward("blue", 900)
 *         .forward("green", 100)
 *         .build();
 * }</pre>
 */
public final class Listener {
    /** The default TCP idle timeout. */
    public static final Duration DEFAULT_TCP_IDLE_TIMEOUT = Duration.ofSeconds(350);
    /** The fixed UDP idle timeout. */
    public static final Duration UDP_IDLE_TIMEOUT = Duration.ofSeconds(120);
    /** The fixed TLS idle timeout. */
    public static final Duration TLS_IDLE_TIMEOUT = Duration.ofSeconds(350);

    private final Protocol protocol;
    private final int port;
    private final Duration tcpIdleTimeout;
    private final List<WeightedTargetGroup> forward;

    private Listener(final Builder b) {
        this.protocol = b.protocol;
        this.port = b.port;
        this.tcpIdleTimeout = b.tcpIdleTimeout;
        this.forward = List.copyOf(b.forward);
    }

    /**
     * A builder for a listener on {@code port}.
     *
     * @throws IllegalArgumentException if the port is not 1-65535
     */
    public static Builder builder(final Protocol protocol, final int port) {
        return new Builder(protocol, port);
    }

    /** A builder holding this listener's settings. */
    public Builder toBuilder() {
        Builder b = new Builder(protocol, port);
        b.tcpIdleTimeout = tcpIdleTimeout;
        b.forward.addAll(forward);
        return b;
    }

    /** The listener's protocol. */
    public Protocol protocol() {
        return protocol;
    }

    /** The listener's port. */
    public int port() {
        return port;
    }

    /** The idle timeout of TCP flows (the fixed 350 s for TLS). */
    public Duration tcpIdleTimeout() {
        return protocol == Protocol.TLS ? TLS_IDLE_TIMEOUT : tcpIdleTimeout;
    }

    /** The idle timeout of UDP flows: 120 s. */
    public Duration udpIdleTimeout() {
        return UDP_IDLE_TIMEOUT;
    }

    /** The forward action's target groups and weights. */
    public List<WeightedTargetGroup> forward() {
        return forward;
    }

    @Override
    public String toString() {
        return "Listener[" + protocol + ":" + port + " -> " + forward + "]";
    }

    /** Settings for a {@link Listener}; each setter checks its argument at once. */
    public static final class Builder {
        private final Protocol protocol;
        private final int port;
        private Duration tcpIdleTimeout = DEFAULT_TCP_IDLE_TIMEOUT;
        private final List<WeightedTargetGroup> forward = new ArrayList<>();

        private Builder(final Protocol protocol, final int port) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            this.port = Checks.inRange(port, 1, 65535, "port");
        }

        /**
         * {@code tcp.idle_timeout.seconds} (default 350 s).
         *
         * @throws IllegalArgumentException if not whole seconds in 60-6000, or the listener is not TCP or TCP_UDP
         */
        public Builder tcpIdleTimeout(final Duration timeout) {
            Checks.argument(protocol == Protocol.TCP || protocol == Protocol.TCP_UDP,
                    "tcp.idle_timeout.seconds can only be changed on TCP and TCP_UDP listeners: protocol="
                            + protocol);
            this.tcpIdleTimeout = Settings.seconds(timeout, 60, 6000, "tcp.idle_timeout.seconds");
            return this;
        }

        /** Forwards to one target group (weight 1). */
        public Builder forward(final String targetGroup) {
            return forward(targetGroup, 1);
        }

        /**
         * Adds a weighted target group to the forward action.
         *
         * @throws IllegalArgumentException if the weight is outside 0-999
         */
        public Builder forward(final String targetGroup, final int weight) {
            forward.add(new WeightedTargetGroup(targetGroup, weight));
            return this;
        }

        /**
         * Builds the listener; the builder is left as it was.
         *
         * @throws IllegalStateException if the action has no group, a group twice, more than 5 groups, or no
         *     positive weight
         */
        public Listener build() {
            Checks.state(!forward.isEmpty(), "a listener needs a forward action: port=" + port);
            Checks.state(forward.size() <= 5, "a forward action takes at most 5 target groups: targetGroups="
                    + forward.size());
            Set<String> names = new HashSet<>();
            int total = 0;
            for (WeightedTargetGroup group : forward) {
                Checks.state(names.add(group.targetGroup()), "target group listed twice in the forward action: "
                        + "targetGroup=" + group.targetGroup());
                total += group.weight();
            }
            Checks.state(total > 0, "at least one target group weight must be positive: port=" + port);
            return new Listener(this);
        }
    }
}
