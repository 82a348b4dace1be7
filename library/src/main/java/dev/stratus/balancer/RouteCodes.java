package dev.stratus.balancer;

/**
 * The negative results of routing a packet; a result of zero or more is a target index
 * ({@link Balancer#target(int)}). Routing never throws on the data path.
 */
public final class RouteCodes {
    /** No listener on the packet's destination port and transport: the packet is dropped. */
    public static final int NO_LISTENER = -1;
    /** The chosen target group has no target to route to (none registered in reach): dropped. */
    public static final int NO_HEALTHY_TARGET = -2;
    /**
     * The flow is terminated: the client gets a TCP RST. Causes: a TCP packet after the idle timeout, a TCP packet
     * of a flow the table does not know (NLB hash mode), or a flow pinned to a target that became unhealthy (with
     * unhealthy connection termination) or finished deregistering (with deregistration connection termination).
     */
    public static final int RESET = -3;
    /** The shard's ring buffer is full; the record was not queued (ring path only). */
    public static final int BACK_PRESSURED = -4;
    /**
     * The shard's flow table is full and the balancer's {@link TableFullPolicy} is {@link TableFullPolicy#REJECT}:
     * the first packet of a new flow is dropped, untracked (counted in {@link FlowCounters#tableFull()}). Under the
     * default {@link TableFullPolicy#ROUTE_STATELESS} a full table never yields this code: such a flow is routed by
     * its 5-tuple without being tracked, and counted the same way.
     */
    public static final int TABLE_FULL = -5;

    private RouteCodes() {
    }

    /** A readable name for a result: {@code target#3}, {@code NO_LISTENER}, ... */
    public static String describe(final int result) {
        switch (result) {
            case NO_LISTENER:
                return "NO_LISTENER";
            case NO_HEALTHY_TARGET:
                return "NO_HEALTHY_TARGET";
            case RESET:
                return "RESET";
            case BACK_PRESSURED:
                return "BACK_PRESSURED";
            case TABLE_FULL:
                return "TABLE_FULL";
            default:
                return result >= 0 ? "target#" + result : "UNKNOWN(" + result + ")";
        }
    }
}
