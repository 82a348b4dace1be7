package dev.stratus.balancer;

/**
 * Cumulative data-path counters of one protocol (TCP, UDP or TLS), summed over the shards.
 *
 * @param newFlows flows routed as new (NewFlowCount)
 * @param activeFlows flows tracked now (ActiveFlowCount)
 * @param processedBytes bytes routed, headers included (ProcessedBytes)
 * @param resets packets answered with a TCP RST (TCP_ELB_Reset_Count)
 * @param tableFull new flows routed without tracking because a flow table was full
 */
public record FlowCounters(long newFlows, long activeFlows, long processedBytes, long resets, long tableFull) {

    /** The field-wise sum. */
    public FlowCounters plus(final FlowCounters other) {
        return new FlowCounters(newFlows + other.newFlows, activeFlows + other.activeFlows,
                processedBytes + other.processedBytes, resets + other.resets, tableFull + other.tableFull);
    }
}
