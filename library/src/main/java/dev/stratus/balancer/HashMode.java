package dev.stratus.balancer;

/** How a new flow's target is chosen, and whether routing survives losing the flow table. */
public enum HashMode {
    /**
     * AWS NLB's rule: TCP flows hash the 5-tuple and the initial sequence number, so later packets can only be
     * routed through the flow table; a TCP packet of an unknown flow gets {@link RouteCodes#RESET} (except right
     * after a full table routed flows untracked: see {@link TableFullPolicy#ROUTE_STATELESS}).
     */
    NLB_COMPAT,
    /**
     * Maglev/Katran style: the 5-tuple alone picks the target, so a packet of an unknown flow is routed as a new
     * flow and routing survives losing the table (only flows whose target changed since move).
     */
    FIVE_TUPLE
}
