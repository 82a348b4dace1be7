package dev.stratus.balancer;

/**
 * Network Load Balancer Capacity Units as AWS bills them: per protocol, the maximum over new flows per second
 * (TCP 800, UDP 400, TLS 50 per NLCU), active flows (100,000 / 50,000 / 3,000) and processed bytes (1 GB an hour,
 * taken as 10^9 bytes).
 */
public final class Nlcu {
    /** Bytes per hour in one NLCU. */
    public static final double BYTES_PER_HOUR = 1e9;

    private Nlcu() {
    }

    /**
     * The NLCUs one protocol's traffic consumes.
     *
     * @param protocol TCP, UDP or TLS (TCP_UDP is billed as its TCP and UDP parts)
     * @param newFlowsPerSecond average new flows per second
     * @param activeFlows concurrent flows (sampled per minute)
     * @param bytesPerHour processed bytes per hour
     * @throws IllegalArgumentException for TCP_UDP or negative inputs
     */
    public static double consumed(final Protocol protocol, final double newFlowsPerSecond, final double activeFlows,
            final double bytesPerHour) {
        if (newFlowsPerSecond < 0 || activeFlows < 0 || bytesPerHour < 0) {
            throw new IllegalArgumentException("NLCU inputs must not be negative: newFlowsPerSecond="
                    + newFlowsPerSecond + ", activeFlows=" + activeFlows + ", bytesPerHour=" + bytesPerHour);
        }
        double newFlows;
        double active;
        switch (protocol) {
            case TCP:
                newFlows = 800;
                active = 100_000;
                break;
            case UDP:
                newFlows = 400;
                active = 50_000;
                break;
            case TLS:
                newFlows = 50;
                active = 3_000;
                break;
            default:
                throw new IllegalArgumentException("NLCUs are billed per TCP, UDP or TLS: protocol=" + protocol);
        }
        return Math.max(Math.max(newFlowsPerSecond / newFlows, activeFlows / active), bytesPerHour / BYTES_PER_HOUR);
    }
}
