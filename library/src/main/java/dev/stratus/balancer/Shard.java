package dev.stratus.balancer;

/**
 * One shard of the data path: a single-writer flow table and its routing logic. Drive a shard either through its
 * ring ({@link Balancer#offer(FlowKey, int, int, long)} and an agent) or directly from exactly one thread through
 * {@link #route(FlowKey, int, int)}, never both at once.
 */
public interface Shard {

    /** This shard's index. */
    int index();

    /**
     * Routes one packet synchronously: an established flow keeps its target, a new flow gets one from the
     * listener's target groups. Never allocates, locks or throws.
     *
     * @param key the packet's flow
     * @param tcpFlags the TCP flags ({@link FlowKey#SYN}, {@link FlowKey#FIN}, {@link FlowKey#RST},
     *     {@link FlowKey#ACK}); ignored for UDP
     * @param bytes the packet's size including headers, for ProcessedBytes
     * @return a target index ({@link Balancer#target(int)}) or one of {@link RouteCodes}
     */
    int route(FlowKey key, int tcpFlags, int bytes);

    /**
     * Routes a burst of packets in order, exactly as {@code count} calls of {@link #route(FlowKey, int, int)} would,
     * writing result {@code i} to {@code results[i]}. Faster than single calls on a large table: the flow-table
     * lines of a group of packets are loaded together, so their cache misses overlap (the ring path routes its
     * records this way). Never allocates, locks or throws.
     *
     * @param keys the packets' flows, from index 0
     * @param tcpFlags each packet's TCP flags
     * @param bytes each packet's size
     * @param results receives each packet's target index or {@link RouteCodes} value
     * @param count the number of packets; at most the length of every array
     */
    void route(FlowKey[] keys, int[] tcpFlags, int[] bytes, int[] results, int count);

    /** Re-reads the clock; routing uses the time of the last call (once per duty cycle on the ring path). */
    void refreshClock();

    /**
     * Examines up to {@code slots} flow-table slots for idle or terminated flows and removes them.
     *
     * @return the number of flows removed
     */
    int sweep(int slots);

    /** Flows in this shard's table now. */
    int activeFlows();

    /** Flows this shard's table can hold. */
    int flowCapacity();

    /** Bytes of flow state this shard's table holds (fixed: the table is pre-sized). */
    long flowTableBytes();
}
