package dev.stratus.balancer;

/**
 * Cumulative data-path counters of one protocol (TCP, UDP or TLS), summed over the shards.
 *
 * @param newFlows flows routed as new (NewFlowCount)
 * @param activeFlows flows tracked now (ActiveFlowCount)
 * @param processedBytes bytes routed, headers included (ProcessedBytes)
 * @param resets packets answered with a TCP RST (TCP_ELB_Reset_Count)
 * @param tableFull packets of flows a full flow table could not track: routed by their 5-tuple
 *     ({@link TableFullPolicy#ROUTE_STATELESS}) or answered {@link RouteCodes#TABLE_FULL}
 *     ({@link TableFullPolicy#REJECT})
 */
public record FlowCounters(long newFlows, long activeFlows, long processedBytes, long resets, long tableFull) {

    /** The field-wise sum. */
    public FlowCounters plus(final FlowCounters other) {
        return new FlowCounters(newFlows + other.newFlows, activeFlows + other.activeFlows,
                processedBytes + other.processedBytes, resets + other.resets, tableFull + other.tableFull);
    }
}
