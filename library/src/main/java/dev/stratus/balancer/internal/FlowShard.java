package dev.stratus.balancer.internal;

import dev.stratus.balancer.FlowKey;
import dev.stratus.balancer.HashMode;
import dev.stratus.balancer.RouteCodes;
import dev.stratus.balancer.RouteHandler;
import dev.stratus.balancer.Shard;
import dev.stratus.balancer.TableFullPolicy;
import dev.stratus.core.Clock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReference;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * One shard: the single writer of its {@link FlowTable}, fed by its ring (as an Agrona {@link Agent}) or called
 * directly. Connection tracking first, the published Maglev tables second; no locks, no allocation per packet.
 */
public final class FlowShard implements Shard, Agent, MessageHandler {
    public static final int NEW_FLOWS = 0;
    public static final int PROCESSED_BYTES = 1;
    public static final int RESETS = 2;
    public static final int TABLE_FULL = 3;
    public static final int ACTIVE_FLOWS = 4;
    public static final int COUNTERS = 5;
    /** Packets whose table lines are loaded together by a burst route and the ring path. */
    static final int BURST = 16;
    /** A flow that saw a FIN is forgotten after this many idle seconds (the rest of the close handshake). */
    static final long FIN_IDLE_SECONDS = 10;
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    private final int index;
    private final FlowTable table;
    private final FlowHasher hasher;
    private final ListenerMap listeners;
    private final AtomicReference<RoutingSnapshot> snapshot;
    private final HashMode mode;
    private final boolean rejectWhenFull;
    /** Idle timeout in seconds by {@link FlowValue#idleIndex(long)}: one load, no branch, per established packet. */
    private final long[] idleSeconds = new long[1 << 11];
    private final Clock clock;
    private final long originNanos;
    private final RingBuffer ring;
    private final RouteHandler routeHandler;
    private final int sweepSlotsPerCycle;
    private final int readLimit;
    private final long[] counters = new long[ListenerMap.CLASSES * COUNTERS];
    private final long[] burstHashes = new long[BURST];
    /** Keeps the burst's probe loads alive. */
    private long probeSink;
    private final FlowKey[] ringKeys = new FlowKey[BURST];
    private final int[] ringFlags = new int[BURST];
    private final int[] ringBytes = new int[BURST];
    private final int[] ringResults = new int[BURST];
    private final long[] ringCorrelations = new long[BURST];
    private int ringCount;
    private long nowSeconds;
    private int sweepCursor;
    /** Until then, a TCP packet of an unknown flow may belong to a flow routed untracked: route it, no RST. */
    private long untrackedUntil = Long.MIN_VALUE;

    public FlowShard(final int index, final int flowCapacity, final FlowHasher hasher, final ListenerMap listeners,
            final AtomicReference<RoutingSnapshot> snapshot, final HashMode mode, final Clock clock,
            final long originNanos, final RingBuffer ring, final RouteHandler routeHandler,
            final int sweepSlotsPerCycle, final TableFullPolicy tableFullPolicy) {
        this.index = index;
        this.table = new FlowTable(flowCapacity);
        this.hasher = hasher;
        this.listeners = listeners;
        this.snapshot = snapshot;
        this.mode = mode;
        this.rejectWhenFull = tableFullPolicy == TableFullPolicy.REJECT;
        for (int l = 0; l < listeners.size(); l++) {
            for (int cls = 0; cls < ListenerMap.CLASSES; cls++) {
                long idle = listeners.idleSeconds(l, cls);
                idleSeconds[FlowValue.idleIndex(l, false, cls)] = idle;
                idleSeconds[FlowValue.idleIndex(l, true, cls)] = Math.min(idle, FIN_IDLE_SECONDS);
            }
        }
        this.clock = clock;
        this.originNanos = originNanos;
        this.ring = ring;
        this.routeHandler = routeHandler;
        this.sweepSlotsPerCycle = sweepSlotsPerCycle;
        this.readLimit = 256;
        for (int i = 0; i < BURST; i++) {
            ringKeys[i] = new FlowKey();
        }
        refreshClock();
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public void refreshClock() {
        nowSeconds = Math.max(nowSeconds, (clock.nanoTime() - originNanos) / 1_000_000_000L);
    }

    @Override
    public int route(final FlowKey key, final int tcpFlags, final int bytes) {
        return route(key, tcpFlags, bytes, hasher.flowHash(key));
    }

    @Override
    public void route(final FlowKey[] keys, final int[] tcpFlags, final int[] bytes, final int[] results,
            final int count) {
        if (count < 0 || count > keys.length || count > tcpFlags.length || count > bytes.length
                || count > results.length) {
            throw new IndexOutOfBoundsException("count must be between 0 and every array's length: count=" + count);
        }
        for (int start = 0; start < count; start += BURST) {
            final int n = Math.min(BURST, count - start);
            long sink = 0;
            for (int i = 0; i < n; i++) {
                final long flowHash = hasher.flowHash(keys[start + i]);
                burstHashes[i] = flowHash;
                sink ^= table.probe(FlowTable.key(flowHash));
            }
            probeSink = sink;
            for (int i = 0; i < n; i++) {
                results[start + i] = route(keys[start + i], tcpFlags[start + i], bytes[start + i], burstHashes[i]);
            }
        }
    }

    private int route(final FlowKey key, final int tcpFlags, final int bytes, final long flowHash) {
        final boolean tcp = key.isTcp();
        final int listener = listeners.listener(tcp, key.destinationPort());
        if (listener < 0) {
            return RouteCodes.NO_LISTENER;
        }
        final RoutingSnapshot view = snapshot.get();
        final int cls = listeners.counterClass(listener, tcp);
        add(cls, PROCESSED_BYTES, bytes);
        final long tableKey = FlowTable.key(flowHash);
        final long now = nowSeconds;
        final boolean syn = tcp && (tcpFlags & (FlowKey.SYN | FlowKey.ACK)) == FlowKey.SYN;
        final boolean rst = tcp && (tcpFlags & FlowKey.RST) != 0;
        int slot = table.find(tableKey);
        if (slot >= 0) {
            long value = table.valueAt(slot);
            int target = FlowValue.target(value);
            boolean expired = expired(value, now);
            // a SYN after a FIN reuses the 5-tuple for a new connection, which NLB hashes afresh
            boolean reused = syn && FlowValue.finSeen(value);
            if (!expired && !reused && !view.terminates(target)) {
                if (rst) {
                    remove(slot, value);
                } else {
                    long touched = FlowValue.touch(value, now,
                            FlowValue.finSeen(value) || (tcp && (tcpFlags & FlowKey.FIN) != 0));
                    // most packets of a busy flow arrive within the same second: skip the redundant store
                    if (touched != value) {
                        table.valueAt(slot, touched);
                    }
                }
                return target;
            }
            remove(slot, value);
            if (tcp && !syn) {
                add(cls, RESETS, 1);
                return RouteCodes.RESET;
            }
            // a UDP flow after its idle timeout or termination, or a SYN reusing the 5-tuple: a new flow
        } else if (tcp && !syn) {
            if (rst) {
                return RouteCodes.RESET;
            }
            if (mode == HashMode.NLB_COMPAT) {
                if (now > untrackedUntil) {
                    add(cls, RESETS, 1);
                    return RouteCodes.RESET;
                }
                // a full table routed flows untracked lately: this may be one of them, route it by its 5-tuple
                return newFlow(key, listener, cls, flowHash, false, true, false);
            }
            // FIVE_TUPLE adopts the flow
        }
        return newFlow(key, listener, cls, flowHash, syn, !rst, true);
    }

    /**
     * Routes a flow the table does not hold (kept out of {@link #route} so the established path stays small enough
     * to inline): a target from the Maglev table, tracked if {@code track} and the table has room, else handled by
     * the {@link TableFullPolicy}; {@code counted} adds it to NewFlowCount.
     */
    private int newFlow(final FlowKey key, final int listener, final int cls, final long flowHash, final boolean syn,
            final boolean track, final boolean counted) {
        final RoutingSnapshot view = snapshot.get();
        final long now = nowSeconds;
        final boolean full = table.isFull();
        if (full && rejectWhenFull) {
            add(cls, TABLE_FULL, 1);
            return RouteCodes.TABLE_FULL;
        }
        final RoutingSnapshot.ListenerRoute route = view.listeners[listener];
        long selection = syn && mode == HashMode.NLB_COMPAT && !full
                ? hasher.withSequence(flowHash, key.sequence()) : hasher.spread(flowHash);
        if (route.sticky) {
            selection = hasher.stickyHash(key);
        }
        final RoutingSnapshot.GroupRoute group = route.pick(selection);
        final int zone = key.zone();
        final int[] maglev = zone < group.tables.length ? group.tables[zone] : null;
        if (maglev == null) {
            return RouteCodes.NO_HEALTHY_TARGET;
        }
        final int target = maglev[Maglev.slot(selection, maglev.length)];
        if (counted) {
            add(cls, NEW_FLOWS, 1);
        }
        if (full) {
            add(cls, TABLE_FULL, 1);
            untrackedUntil = Math.max(untrackedUntil, now + idleSeconds[FlowValue.idleIndex(listener, false, cls)]);
        } else if (track) {
            table.insert(FlowTable.key(flowHash), FlowValue.of(target, listener, cls, now));
            add(cls, ACTIVE_FLOWS, 1);
        }
        return target;
    }

    private boolean expired(final long value, final long now) {
        return now - FlowValue.lastSeen(value) > idleSeconds[FlowValue.idleIndex(value)];
    }

    private void remove(final int slot, final long value) {
        table.removeAt(slot);
        add(FlowValue.counterClass(value), ACTIVE_FLOWS, -1);
    }

    @Override
    public int sweep(final int slots) {
        final RoutingSnapshot view = snapshot.get();
        final long now = nowSeconds;
        final int tableSlots = table.slots();
        int removed = 0;
        int cursor = sweepCursor;
        for (int examined = 0; examined < slots; examined++) {
            if (table.keyAt(cursor) != 0) {
                long value = table.valueAt(cursor);
                if (expired(value, now) || view.terminates(FlowValue.target(value))) {
                    remove(cursor, value);
                    removed++;
                    // back-shift may have moved a later entry into this slot: look at it again
                    continue;
                }
            }
            cursor = (cursor + 1) & (tableSlots - 1);
        }
        sweepCursor = cursor;
        return removed;
    }

    @Override
    public int doWork() {
        refreshClock();
        int work = ring.read(this, readLimit);
        routeRingBurst();
        work += sweep(sweepSlotsPerCycle);
        return work;
    }

    @Override
    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int offset, final int length) {
        if (msgTypeId != FlowRecordDescriptor.MSG_TYPE_PACKET) {
            return;
        }
        final int i = ringCount;
        FlowRecordDescriptor.decode(buffer, offset, ringKeys[i]);
        ringFlags[i] = FlowRecordDescriptor.tcpFlags(buffer, offset);
        ringBytes[i] = FlowRecordDescriptor.bytes(buffer, offset);
        ringCorrelations[i] = FlowRecordDescriptor.correlation(buffer, offset);
        ringCount = i + 1;
        if (ringCount == BURST) {
            routeRingBurst();
        }
    }

    /** Routes the records decoded since the last burst and reports them, in ring order. */
    private void routeRingBurst() {
        final int n = ringCount;
        if (n == 0) {
            return;
        }
        route(ringKeys, ringFlags, ringBytes, ringResults, n);
        ringCount = 0;
        for (int i = 0; i < n; i++) {
            routeHandler.onRoute(ringCorrelations[i], ringResults[i]);
        }
    }

    @Override
    public String roleName() {
        return "stratus-balancer-shard-" + index;
    }

    @Override
    public int activeFlows() {
        return table.size();
    }

    @Override
    public int flowCapacity() {
        return table.maxFlows();
    }

    /** The shard's ring. */
    public RingBuffer ring() {
        return ring;
    }

    @Override
    public long flowTableBytes() {
        return table.bytes();
    }

    /** A counter of one class, read from any thread. */
    public long counter(final int counterClass, final int counter) {
        return (long) LONGS.getOpaque(counters, counterClass * COUNTERS + counter);
    }

    private void add(final int counterClass, final int counter, final long delta) {
        int i = counterClass * COUNTERS + counter;
        LONGS.setOpaque(counters, i, counters[i] + delta);
    }
}
