package dev.stratus.balancer.internal;

/**
 * A pre-sized, single-writer, open-addressing flow table: linear probing over one interleaved {@code long[]} of
 * {@code (key, value)} pairs, 16 bytes a slot, deletion by back-shift (no tombstones), never resized. The key is the
 * flow's keyed 64-bit hash (0 means empty, so a zero hash is stored as 1); two different flows collide only when
 * their 64-bit keyed hashes are equal (about 3e-8 for a million flows). Inserts fail once the table holds
 * {@link #maxFlows()}, which keeps probe chains short (load factor at most 0.75).
 *
 * <pre>
 *   data[2 * slot]     key   = flow hash (0 = empty)
 *   data[2 * slot + 1] value = FlowValue bits
 * </pre>
 */
public final class FlowTable {
    /** Returned by {@link #find(long)} when the key is absent and by {@link #insert(long, long)} when full. */
    public static final int MISSING = -1;

    private final long[] data;
    private final int mask;
    private final int maxFlows;
    private int size;

    /** A table for up to {@code maxFlows} flows (at least 1). */
    public FlowTable(final int maxFlows) {
        if (maxFlows < 1 || maxFlows > (1 << 26)) {
            throw new IllegalArgumentException("flowCapacity must be between 1 and 67108864: flowCapacity="
                    + maxFlows);
        }
        int slots = Integer.highestOneBit((int) Math.min(1L << 30, ((long) maxFlows * 4 + 2) / 3) * 2 - 1);
        slots = Math.max(slots, 2);
        this.data = new long[slots * 2];
        this.mask = slots - 1;
        this.maxFlows = maxFlows;
    }

    /** Makes a stored key from a flow hash. */
    public static long key(final long flowHash) {
        return flowHash == 0 ? 1 : flowHash;
    }

    /** The slot holding {@code key}, or {@link #MISSING}. */
    public int find(final long key) {
        final long[] d = data;
        int slot = (int) key & mask;
        while (true) {
            long k = d[slot << 1];
            if (k == key) {
                return slot;
            }
            if (k == 0) {
                return MISSING;
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * Loads {@code key}'s home slot so that a {@link #find(long)} soon after hits the cache; returns the key stored
     * there, for the caller to fold into something it keeps (an unused load would be compiled away). A burst of
     * probes with no dependency between them keeps many cache misses in flight at once, where a run of finds waits
     * for them one by one.
     */
    public long probe(final long key) {
        return data[((int) key & mask) << 1];
    }

    /** Inserts a key known to be absent; returns its slot, or {@link #MISSING} when the table is full. */
    public int insert(final long key, final long value) {
        if (size >= maxFlows) {
            return MISSING;
        }
        final long[] d = data;
        int slot = (int) key & mask;
        while (d[slot << 1] != 0) {
            slot = (slot + 1) & mask;
        }
        d[slot << 1] = key;
        d[(slot << 1) + 1] = value;
        size++;
        return slot;
    }

    /** The key in {@code slot} (0 if empty). */
    public long keyAt(final int slot) {
        return data[slot << 1];
    }

    /** The value in {@code slot}. */
    public long valueAt(final int slot) {
        return data[(slot << 1) + 1];
    }

    /** Replaces the value in an occupied {@code slot}. */
    public void valueAt(final int slot, final long value) {
        data[(slot << 1) + 1] = value;
    }

    /** Empties {@code slot}, shifting later entries of its probe chain back so lookups stay correct. */
    public void removeAt(final int slot) {
        final long[] d = data;
        int hole = slot;
        int i = (hole + 1) & mask;
        while (true) {
            long k = d[i << 1];
            if (k == 0) {
                break;
            }
            int home = (int) k & mask;
            // move the entry at i into the hole unless its home lies cyclically in (hole, i]
            boolean stays = hole <= i ? home > hole && home <= i : home > hole || home <= i;
            if (!stays) {
                d[hole << 1] = k;
                d[(hole << 1) + 1] = d[(i << 1) + 1];
                hole = i;
            }
            i = (i + 1) & mask;
        }
        d[hole << 1] = 0;
        d[(hole << 1) + 1] = 0;
        size--;
    }

    /** Flows stored. */
    public int size() {
        return size;
    }

    /** Whether no more flows fit. */
    public boolean isFull() {
        return size >= maxFlows;
    }

    /** The most flows the table accepts. */
    public int maxFlows() {
        return maxFlows;
    }

    /** Number of slots (a power of two). */
    public int slots() {
        return mask + 1;
    }

    /** Bytes of flow state the table holds. */
    public long bytes() {
        return (long) data.length * Long.BYTES;
    }

    /** Removes every flow. */
    public void clear() {
        java.util.Arrays.fill(data, 0);
        size = 0;
    }
}
