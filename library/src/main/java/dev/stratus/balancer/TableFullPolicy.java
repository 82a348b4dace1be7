package dev.stratus.balancer;

/**
 * What a shard does with a flow it cannot track because its flow table is full (a SYN flood, or more concurrent
 * flows than {@link Balancer.Builder#flowCapacity(int)}). Either way the table is never resized or evicted from,
 * routing never fails or allocates, and every such packet counts in {@link FlowCounters#tableFull()}.
 */
public enum TableFullPolicy {
    /**
     * The default, Maglev's behaviour: the flow is routed statelessly by its 5-tuple through the Maglev table
     * (the initial sequence number is left out, so every packet of the flow lands on the same target while the
     * target set holds still) and is not inserted. Later packets of such an untracked flow keep being routed by the
     * 5-tuple, even in {@link HashMode#NLB_COMPAT}, for one idle timeout after the table was last found full, and
     * are tracked again as soon as room frees; only a TCP packet of an unknown flow outside that window gets
     * {@link RouteCodes#RESET}. The price: an untracked flow moves if its target's Maglev slots change.
     */
    ROUTE_STATELESS,
    /**
     * Strict connection tracking: the first packet of a flow that does not fit gets {@link RouteCodes#TABLE_FULL}
     * and is dropped (TCP clients retry their SYN), so every flow that is routed is pinned in the table and never
     * moves. Not counted in {@link FlowCounters#newFlows()}.
     */
    REJECT
}
