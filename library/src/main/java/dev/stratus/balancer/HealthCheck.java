package dev.stratus.balancer;

import dev.stratus.core.internal.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * A target group's active health check, with NLB's ranges and defaults: protocol TCP, interval 30 s (5-300),
 * timeout 10 s for TCP and HTTPS and 6 s for HTTP (2-120), healthy threshold 5 and unhealthy threshold 2 (2-10),
 * HTTP success codes 200-399. Probes go to the target's own port unless {@link Builder#port(int)} is set.
 */
public final class HealthCheck {
    /** The probe protocol. */
    public enum Protocol {
        /** A TCP connect. */
        TCP,
        /** An HTTP GET of {@link HealthCheck#path()}. */
        HTTP,
        /** An HTTPS GET of {@link HealthCheck#path()}. */
        HTTPS
    }

    private final Protocol protocol;
    private final int port;
    private final String path;
    private final Duration interval;
    private final Duration timeout;
    private final int healthyThreshold;
    private final int unhealthyThreshold;
    private final int successCodeMin;
    private final int successCodeMax;

    private HealthCheck(final Builder b, final Duration timeout) {
        this.protocol = b.protocol;
        this.port = b.port;
        this.path = b.path;
        this.interval = b.interval;
        this.timeout = timeout;
        this.healthyThreshold = b.healthyThreshold;
        this.unhealthyThreshold = b.unhealthyThreshold;
        this.successCodeMin = b.successCodeMin;
        this.successCodeMax = b.successCodeMax;
    }

    /** A builder with NLB's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** NLB's default check: TCP connect every 30 s, timeout 10 s, thresholds 5 and 2. */
    public static HealthCheck defaults() {
        return builder().build();
    }

    /** A builder holding this check's settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.protocol = protocol;
        b.port = port;
        b.path = path;
        b.interval = interval;
        b.timeout = timeout;
        b.healthyThreshold = healthyThreshold;
        b.unhealthyThreshold = unhealthyThreshold;
        b.successCodeMin = successCodeMin;
        b.successCodeMax = successCodeMax;
        return b;
    }

    /** The probe protocol. */
    public Protocol protocol() {
        return protocol;
    }

    /** The probed port, or 0 for the target's own port ({@code traffic-port}). */
    public int port() {
        return port;
    }

    /** The HTTP(S) path. */
    public String path() {
        return path;
    }

    /** Time between probes of one target. */
    public Duration interval() {
        return interval;
    }

    /** Time after which an unanswered probe counts as failed. */
    public Duration timeout() {
        return timeout;
    }

    /** Consecutive successes that make a target healthy. */
    public int healthyThreshold() {
        return healthyThreshold;
    }

    /** Consecutive failures that make a target unhealthy. */
    public int unhealthyThreshold() {
        return unhealthyThreshold;
    }

    /** Whether an HTTP status code counts as success. */
    public boolean isSuccess(final int statusCode) {
        return statusCode >= successCodeMin && statusCode <= successCodeMax;
    }

    @Override
    public String toString() {
        return "HealthCheck[" + protocol + (protocol == Protocol.TCP ? "" : " " + path)
                + ", interval=" + interval.toSeconds() + "s, timeout=" + timeout.toSeconds() + "s, healthy="
                + healthyThreshold + ", unhealthy=" + unhealthyThreshold + "]";
    }

    /** Settings for a {@link HealthCheck}; each setter checks its argument at once. */
    public static final class Builder {
        private Protocol protocol = Protocol.TCP;
        private int port;
        private String path = "/";
        private Duration interval = Duration.ofSeconds(30);
        private Duration timeout;
        private int healthyThreshold = 5;
        private int unhealthyThreshold = 2;
        private int successCodeMin = 200;
        private int successCodeMax = 399;

        private Builder() {
        }

        /** The probe protocol (default TCP). */
        public Builder protocol(final Protocol protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /**
         * The probed port instead of the target's own.
         *
         * @throws IllegalArgumentException if not 1-65535
         */
        public Builder port(final int port) {
            this.port = Checks.inRange(port, 1, 65535, "port");
            return this;
        }

        /**
         * The HTTP(S) path (default {@code /}).
         *
         * @throws IllegalArgumentException if it does not start with {@code /} or exceeds 1024 characters
         */
        public Builder path(final String path) {
            Objects.requireNonNull(path, "path");
            Checks.argument(path.startsWith("/") && path.length() <= 1024,
                    "path must start with / and have at most 1024 characters: path=" + path);
            this.path = path;
            return this;
        }

        /**
         * Time between probes (default 30 s).
         *
         * @throws IllegalArgumentException if not whole seconds in 5-300
         */
        public Builder interval(final Duration interval) {
            this.interval = Settings.seconds(interval, 5, 300, "HealthCheckIntervalSeconds");
            return this;
        }

        /**
         * Probe timeout (default 10 s, or 6 s for HTTP).
         *
         * @throws IllegalArgumentException if not whole seconds in 2-120
         */
        public Builder timeout(final Duration timeout) {
            this.timeout = Settings.seconds(timeout, 2, 120, "HealthCheckTimeoutSeconds");
            return this;
        }

        /**
         * Consecutive successes to become healthy (default 5).
         *
         * @throws IllegalArgumentException if not in 2-10
         */
        public Builder healthyThreshold(final int count) {
            this.healthyThreshold = Checks.inRange(count, 2, 10, "HealthyThresholdCount");
            return this;
        }

        /**
         * Consecutive failures to become unhealthy (default 2).
         *
         * @throws IllegalArgumentException if not in 2-10
         */
        public Builder unhealthyThreshold(final int count) {
            this.unhealthyThreshold = Checks.inRange(count, 2, 10, "UnhealthyThresholdCount");
            return this;
        }

        /**
         * The HTTP status codes that count as success (default 200-399).
         *
         * @throws IllegalArgumentException if the codes are outside 200-599 or {@code min > max}
         */
        public Builder successCodes(final int min, final int max) {
            Checks.inRange(min, 200, 599, "Matcher.HttpCode");
            Checks.inRange(max, 200, 599, "Matcher.HttpCode");
            Checks.argument(min <= max, "Matcher.HttpCode range must not be empty: Matcher.HttpCode=" + min + "-"
                    + max);
            this.successCodeMin = min;
            this.successCodeMax = max;
            return this;
        }

        /**
         * Builds the check; the builder is left as it was.
         *
         * @throws IllegalStateException if the timeout is not shorter than the interval
         */
        public HealthCheck build() {
            Duration effectiveTimeout = timeout != null ? timeout
                    : Duration.ofSeconds(protocol == Protocol.HTTP ? 6 : 10);
            Checks.state(effectiveTimeout.compareTo(interval) < 0,
                    "HealthCheckTimeoutSeconds must be smaller than HealthCheckIntervalSeconds: "
                            + "HealthCheckTimeoutSeconds=" + effectiveTimeout.toSeconds()
                            + ", HealthCheckIntervalSeconds=" + interval.toSeconds());
            return new HealthCheck(this, effectiveTimeout);
        }
    }
}
