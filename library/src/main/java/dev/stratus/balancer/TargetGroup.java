package dev.stratus.balancer;

import dev.stratus.core.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A target group: its protocol, its initial targets, its health check and AWS's target-group attributes with their
 * defaults and ranges. Setters named after an attribute report errors with the attribute's AWS key;
 * {@link Builder#attribute(String, String)} takes the AWS key and value directly.
 *
 * <pre>{@code
 * TargetGroup web = TargetGroup.builder("web", Protocol.TCP)
 *         .target(new Target("i-1", "10.0.1.10", 8080, "us-east-1a"))
 *         .deregistrationDelay(Duration.ofSeconds(30))
 *         .build();
 * }</pre>
 */
public final class TargetGroup {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?");
    private static final String OFF = "off";

    private final String name;
    private final Protocol protocol;
    private final List<Target> targets;
    private final HealthCheck healthCheck;
    private final Duration deregistrationDelay;
    private final boolean deregistrationConnectionTermination;
    private final boolean unhealthyConnectionTermination;
    private final Duration unhealthyDrainingInterval;
    private final boolean stickiness;
    private final CrossZone crossZone;
    private final boolean preserveClientIp;
    private final boolean proxyProtocolV2;
    private final int routingMinimumHealthyCount;
    private final int routingMinimumHealthyPercentage;
    private final int dnsMinimumHealthyCount;
    private final int dnsMinimumHealthyPercentage;

    private TargetGroup(final Builder b) {
        this.name = b.name;
        this.protocol = b.protocol;
        this.targets = List.copyOf(b.targets);
        this.healthCheck = b.healthCheck;
        this.deregistrationDelay = b.deregistrationDelay;
        this.deregistrationConnectionTermination = b.deregistrationConnectionTermination != null
                ? b.deregistrationConnectionTermination : protocol.carriesUdp();
        this.unhealthyConnectionTermination = b.unhealthyConnectionTermination == null
                || b.unhealthyConnectionTermination;
        this.unhealthyDrainingInterval = b.unhealthyDrainingInterval;
        this.stickiness = b.stickiness;
        this.crossZone = b.crossZone;
        this.preserveClientIp = b.preserveClientIp == null || b.preserveClientIp;
        this.proxyProtocolV2 = b.proxyProtocolV2;
        this.routingMinimumHealthyCount = b.routingMinimumHealthyCount;
        this.routingMinimumHealthyPercentage = b.routingMinimumHealthyPercentage;
        this.dnsMinimumHealthyCount = b.dnsMinimumHealthyCount;
        this.dnsMinimumHealthyPercentage = b.dnsMinimumHealthyPercentage;
    }

    /**
     * A builder for a group with AWS's defaults.
     *
     * @throws IllegalArgumentException if the name is not 1-32 letters, digits or inner hyphens
     */
    public static Builder builder(final String name, final Protocol protocol) {
        return new Builder(name, protocol);
    }

    /** A builder holding this group's settings. */
    public Builder toBuilder() {
        Builder b = new Builder(name, protocol);
        b.targets.addAll(targets);
        b.healthCheck = healthCheck;
        b.deregistrationDelay = deregistrationDelay;
        b.deregistrationConnectionTermination = deregistrationConnectionTermination;
        b.unhealthyConnectionTermination = protocol.carriesUdp() ? null : unhealthyConnectionTermination;
        b.unhealthyDrainingInterval = unhealthyDrainingInterval;
        b.stickiness = stickiness;
        b.crossZone = crossZone;
        b.preserveClientIp = protocol.carriesUdp() ? null : preserveClientIp;
        b.proxyProtocolV2 = proxyProtocolV2;
        b.routingMinimumHealthyCount = routingMinimumHealthyCount;
        b.routingMinimumHealthyPercentage = routingMinimumHealthyPercentage;
        b.dnsMinimumHealthyCount = dnsMinimumHealthyCount;
        b.dnsMinimumHealthyPercentage = dnsMinimumHealthyPercentage;
        return b;
    }

    /** The group's name. */
    public String name() {
        return name;
    }

    /** The group's protocol. */
    public Protocol protocol() {
        return protocol;
    }

    /** The targets registered when the balancer is built. */
    public List<Target> targets() {
        return targets;
    }

    /** The active health check. */
    public HealthCheck healthCheck() {
        return healthCheck;
    }

    /** {@code deregistration_delay.timeout_seconds}: time in {@code draining} (default 300 s). */
    public Duration deregistrationDelay() {
        return deregistrationDelay;
    }

    /** {@code deregistration_delay.connection_termination.enabled}: reset what remains when draining ends. */
    public boolean deregistrationConnectionTermination() {
        return deregistrationConnectionTermination;
    }

    /** {@code target_health_state.unhealthy.connection_termination.enabled}: reset flows of unhealthy targets. */
    public boolean unhealthyConnectionTermination() {
        return unhealthyConnectionTermination;
    }

    /** {@code target_health_state.unhealthy.draining_interval_seconds}: time in {@code unhealthy.draining}. */
    public Duration unhealthyDrainingInterval() {
        return unhealthyDrainingInterval;
    }

    /** {@code stickiness.enabled} with {@code stickiness.type=source_ip}. */
    public boolean stickiness() {
        return stickiness;
    }

    /** {@code load_balancing.cross_zone.enabled}. */
    public CrossZone crossZone() {
        return crossZone;
    }

    /** {@code preserve_client_ip.enabled}. */
    public boolean preserveClientIp() {
        return preserveClientIp;
    }

    /** {@code proxy_protocol_v2.enabled}. */
    public boolean proxyProtocolV2() {
        return proxyProtocolV2;
    }

    /** The least number of healthy targets in scope for normal routing; below it the group fails open. */
    public int minimumHealthyTargets(final int registered) {
        return minimum(routingMinimumHealthyCount, routingMinimumHealthyPercentage, registered);
    }

    /** The least number of healthy targets in a zone for the zone's address to stay in DNS. */
    public int dnsMinimumHealthyTargets(final int registered) {
        return minimum(dnsMinimumHealthyCount, dnsMinimumHealthyPercentage, registered);
    }

    private static int minimum(final int count, final int percentage, final int registered) {
        int byPercentage = percentage == 0 ? 0 : (int) Math.ceil(registered * percentage / 100.0);
        return Math.max(count, byPercentage);
    }

    @Override
    public String toString() {
        return "TargetGroup[" + name + ", " + protocol + ", targets=" + targets.size() + "]";
    }

    /** Settings for a {@link TargetGroup}; each setter checks its argument at once. */
    public static final class Builder {
        private final String name;
        private final Protocol protocol;
        private final List<Target> targets = new ArrayList<>();
        private HealthCheck healthCheck = HealthCheck.defaults();
        private Duration deregistrationDelay = Duration.ofSeconds(300);
        private Boolean deregistrationConnectionTermination;
        private Boolean unhealthyConnectionTermination;
        private Duration unhealthyDrainingInterval = Duration.ZERO;
        private boolean stickiness;
        private CrossZone crossZone = CrossZone.USE_LOAD_BALANCER_CONFIGURATION;
        private Boolean preserveClientIp;
        private boolean proxyProtocolV2;
        private int routingMinimumHealthyCount = 1;
        private int routingMinimumHealthyPercentage;
        private int dnsMinimumHealthyCount = 1;
        private int dnsMinimumHealthyPercentage;

        private Builder(final String name, final Protocol protocol) {
            Objects.requireNonNull(name, "name");
            Checks.argument(NAME.matcher(name).matches(), "name must be 1-32 letters, digits or hyphens, not "
                    + "starting or ending with a hyphen: name=" + name);
            this.name = name;
            this.protocol = Objects.requireNonNull(protocol, "protocol");
        }

        /** Adds a target registered when the balancer is built. */
        public Builder target(final Target target) {
            targets.add(Objects.requireNonNull(target, "target"));
            return this;
        }

        /** Adds targets registered when the balancer is built. */
        public Builder targets(final List<Target> targets) {
            Objects.requireNonNull(targets, "targets").forEach(this::target);
            return this;
        }

        /** The active health check (default {@link HealthCheck#defaults()}). */
        public Builder healthCheck(final HealthCheck healthCheck) {
            this.healthCheck = Objects.requireNonNull(healthCheck, "healthCheck");
            return this;
        }

        /**
         * {@code deregistration_delay.timeout_seconds} (default 300 s).
         *
         * @throws IllegalArgumentException if not whole seconds in 0-3600
         */
        public Builder deregistrationDelay(final Duration delay) {
            this.deregistrationDelay = Settings.seconds(delay, 0, 3600, "deregistration_delay.timeout_seconds");
            return this;
        }

        /** {@code deregistration_delay.connection_termination.enabled} (default false; true for UDP, TCP_UDP). */
        public Builder deregistrationConnectionTermination(final boolean enabled) {
            this.deregistrationConnectionTermination = enabled;
            return this;
        }

        /**
         * {@code target_health_state.unhealthy.connection_termination.enabled} (default true).
         *
         * @throws IllegalArgumentException for UDP and TCP_UDP groups, which do not support it
         */
        public Builder unhealthyConnectionTermination(final boolean enabled) {
            Checks.argument(!protocol.carriesUdp(), "target_health_state.unhealthy.connection_termination.enabled"
                    + " is not supported for protocol " + protocol + ": target_health_state.unhealthy."
                    + "connection_termination.enabled=" + enabled);
            this.unhealthyConnectionTermination = enabled;
            return this;
        }

        /**
         * {@code target_health_state.unhealthy.draining_interval_seconds} (default 0).
         *
         * @throws IllegalArgumentException if not whole seconds in 0-360000
         */
        public Builder unhealthyDrainingInterval(final Duration interval) {
            this.unhealthyDrainingInterval = Settings.seconds(interval, 0, 360_000,
                    "target_health_state.unhealthy.draining_interval_seconds");
            return this;
        }

        /** {@code stickiness.enabled} with {@code stickiness.type=source_ip} (default false). */
        public Builder stickiness(final boolean enabled) {
            this.stickiness = enabled;
            return this;
        }

        /** {@code load_balancing.cross_zone.enabled} (default {@code use_load_balancer_configuration}). */
        public Builder crossZone(final CrossZone crossZone) {
            this.crossZone = Objects.requireNonNull(crossZone, "crossZone");
            return this;
        }

        /**
         * {@code preserve_client_ip.enabled} (default true).
         *
         * @throws IllegalArgumentException when disabling it for UDP and TCP_UDP groups
         */
        public Builder preserveClientIp(final boolean enabled) {
            Checks.argument(enabled || !protocol.carriesUdp(), "preserve_client_ip.enabled cannot be disabled "
                    + "for protocol " + protocol + ": preserve_client_ip.enabled=false");
            this.preserveClientIp = enabled;
            return this;
        }

        /** {@code proxy_protocol_v2.enabled} (default false). */
        public Builder proxyProtocolV2(final boolean enabled) {
            this.proxyProtocolV2 = enabled;
            return this;
        }

        /**
         * {@code target_group_health.unhealthy_state_routing.minimum_healthy_targets.count} (default 1).
         *
         * @throws IllegalArgumentException if less than 1
         */
        public Builder routingMinimumHealthyTargets(final int count) {
            this.routingMinimumHealthyCount = atLeastOne(count,
                    "target_group_health.unhealthy_state_routing.minimum_healthy_targets.count");
            return this;
        }

        /**
         * {@code target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage}; 0 is {@code off}.
         *
         * @throws IllegalArgumentException if not in 0-100
         */
        public Builder routingMinimumHealthyPercentage(final int percentage) {
            this.routingMinimumHealthyPercentage = Checks.inRange(percentage, 0, 100,
                    "target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage");
            return this;
        }

        /**
         * {@code target_group_health.dns_failover.minimum_healthy_targets.count} (default 1).
         *
         * @throws IllegalArgumentException if less than 1
         */
        public Builder dnsMinimumHealthyTargets(final int count) {
            this.dnsMinimumHealthyCount = atLeastOne(count,
                    "target_group_health.dns_failover.minimum_healthy_targets.count");
            return this;
        }

        /**
         * {@code target_group_health.dns_failover.minimum_healthy_targets.percentage}; 0 is {@code off}.
         *
         * @throws IllegalArgumentException if not in 0-100
         */
        public Builder dnsMinimumHealthyPercentage(final int percentage) {
            this.dnsMinimumHealthyPercentage = Checks.inRange(percentage, 0, 100,
                    "target_group_health.dns_failover.minimum_healthy_targets.percentage");
            return this;
        }

        /**
         * Sets an attribute by its AWS key and string value, as ModifyTargetGroupAttributes takes it.
         *
         * @throws IllegalArgumentException if the key is unknown or the value invalid for it
         */
        public Builder attribute(final String key, final String value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            switch (key) {
                case "deregistration_delay.timeout_seconds":
                    return deregistrationDelay(Duration.ofSeconds(integer(key, value)));
                case "deregistration_delay.connection_termination.enabled":
                    return deregistrationConnectionTermination(bool(key, value));
                case "target_health_state.unhealthy.connection_termination.enabled":
                    return unhealthyConnectionTermination(bool(key, value));
                case "target_health_state.unhealthy.draining_interval_seconds":
                    return unhealthyDrainingInterval(Duration.ofSeconds(integer(key, value)));
                case "stickiness.enabled":
                    return stickiness(bool(key, value));
                case "stickiness.type":
                    Checks.argument(value.equals("source_ip"),
                            "stickiness.type must be source_ip: stickiness.type=" + value);
                    return this;
                case "load_balancing.cross_zone.enabled":
                    return crossZone(crossZoneValue(value));
                case "preserve_client_ip.enabled":
                    return preserveClientIp(bool(key, value));
                case "proxy_protocol_v2.enabled":
                    return proxyProtocolV2(bool(key, value));
                case "target_group_health.unhealthy_state_routing.minimum_healthy_targets.count":
                    return routingMinimumHealthyTargets(integerInt(key, value));
                case "target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage":
                    return routingMinimumHealthyPercentage(value.equals(OFF) ? 0 : integerInt(key, value));
                case "target_group_health.dns_failover.minimum_healthy_targets.count":
                    return dnsMinimumHealthyTargets(integerInt(key, value));
                case "target_group_health.dns_failover.minimum_healthy_targets.percentage":
                    return dnsMinimumHealthyPercentage(value.equals(OFF) ? 0 : integerInt(key, value));
                default:
                    throw new IllegalArgumentException("unknown target group attribute: key=" + key);
            }
        }

        /**
         * Builds the group; the builder is left as it was.
         *
         * @throws IllegalStateException if attributes conflict: a draining interval with unhealthy termination on,
         *     stickiness on a TLS group, or two targets with the same id
         */
        public TargetGroup build() {
            boolean termination = unhealthyConnectionTermination == null || unhealthyConnectionTermination;
            Checks.state(unhealthyDrainingInterval.isZero() || !termination || protocol.carriesUdp(),
                    "target_health_state.unhealthy.draining_interval_seconds needs "
                            + "target_health_state.unhealthy.connection_termination.enabled=false: "
                            + "target_health_state.unhealthy.draining_interval_seconds="
                            + unhealthyDrainingInterval.toSeconds()
                            + ", target_health_state.unhealthy.connection_termination.enabled=true");
            Checks.state(!stickiness || protocol != Protocol.TLS,
                    "stickiness is not supported on TLS target groups: stickiness.enabled=true, protocol=TLS");
            Set<String> ids = new HashSet<>();
            for (Target target : targets) {
                Checks.state(ids.add(target.id()), "target registered twice: targetGroup=" + name + ", id="
                        + target.id());
            }
            return new TargetGroup(this);
        }

        private static int atLeastOne(final int value, final String field) {
            Checks.argument(value >= 1, field + " must be at least 1: " + field + "=" + value);
            return value;
        }

        private static long integer(final String key, final String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be an integer: " + key + "=" + value, e);
            }
        }

        private static int integerInt(final String key, final String value) {
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, integer(key, value)));
        }

        private static boolean bool(final String key, final String value) {
            switch (value.toLowerCase(Locale.ROOT)) {
                case "true":
                    return true;
                case "false":
                    return false;
                default:
                    throw new IllegalArgumentException(key + " must be true or false: " + key + "=" + value);
            }
        }

        private static CrossZone crossZoneValue(final String value) {
            switch (value) {
                case "true":
                    return CrossZone.ENABLED;
                case "false":
                    return CrossZone.DISABLED;
                case "use_load_balancer_configuration":
                    return CrossZone.USE_LOAD_BALANCER_CONFIGURATION;
                default:
                    throw new IllegalArgumentException("load_balancing.cross_zone.enabled must be true, false or "
                            + "use_load_balancer_configuration: load_balancing.cross_zone.enabled=" + value);
            }
        }
    }
}
