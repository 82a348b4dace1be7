package dev.stratus.balancer.internal;

/**
 * Maglev lookup-table population (Eisenbud et al., NSDI '16, section 3.4): each backend walks its own permutation
 * of the {@code M} slots ({@code offset + j * skip mod M}, {@code M} prime) and the backends take turns claiming
 * their next free slot until all are taken. With equal weights slot counts differ by at most one; a backend of
 * weight {@code w} takes {@code w / maxWeight} turns per round.
 */
public final class Maglev {
    /** Table size used unless configured: the paper's and Envoy's default prime. */
    public static final int DEFAULT_TABLE_SIZE = 65_537;

    private Maglev() {
    }

    /**
     * Builds a table of {@code tableSize} slots, each holding the position (0..n-1) of the backend that owns it.
     *
     * @param tableSize a prime
     * @param names a stable 64-bit hash of each backend's name
     * @param weights each backend's weight, at least one positive
     */
    public static int[] build(final int tableSize, final long[] names, final int[] weights) {
        int n = names.length;
        int[] table = new int[tableSize];
        int[] position = new int[n];
        int[] skip = new int[n];
        long[] credit = new long[n];
        int maxWeight = 0;
        for (int i = 0; i < n; i++) {
            long h1 = FlowHasher.fmix(names[i]);
            long h2 = FlowHasher.fmix(names[i] ^ 0x5851F42D4C957F2DL);
            position[i] = (int) Long.remainderUnsigned(h1, tableSize);
            skip[i] = (int) Long.remainderUnsigned(h2, tableSize - 1) + 1;
            maxWeight = Math.max(maxWeight, weights[i]);
        }
        if (maxWeight <= 0) {
            throw new IllegalArgumentException("at least one weight must be positive: backends=" + n);
        }
        // Which slots are taken, as bits: 65,537 slots fit in 8 KiB, in L1, so the probing walk stays out of the
        // 256 KiB table, which is written once per slot.
        long[] taken = new long[(tableSize + 63) >>> 6];
        boolean equalWeights = true;
        for (int i = 0; i < n; i++) {
            equalWeights &= weights[i] == maxWeight;
        }
        int filled = 0;
        while (true) {
            for (int i = 0; i < n; i++) {
                int turns = 1;
                if (!equalWeights) {
                    credit[i] += weights[i];
                    turns = (int) (credit[i] / maxWeight);
                    credit[i] -= (long) turns * maxWeight;
                }
                for (; turns > 0; turns--) {
                    int c = position[i];
                    int step = skip[i];
                    while ((taken[c >>> 6] & (1L << c)) != 0) {
                        c += step;
                        if (c >= tableSize) {
                            c -= tableSize;
                        }
                    }
                    taken[c >>> 6] |= 1L << c;
                    table[c] = i;
                    c += step;
                    if (c >= tableSize) {
                        c -= tableSize;
                    }
                    position[i] = c;
                    if (++filled == tableSize) {
                        return table;
                    }
                }
            }
        }
    }

    /** The slot for a 64-bit selection hash, from its high 32 bits (Lemire's multiply-shift range reduction). */
    public static int slot(final long hash, final int tableSize) {
        return (int) (((hash >>> 32) * tableSize) >>> 32);
    }

    /** A stable 64-bit hash of a backend name (FNV-1a over UTF-16 units, then mixed). */
    public static long nameHash(final String name) {
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < name.length(); i++) {
            h ^= name.charAt(i);
            h *= 0x100000001B3L;
        }
        return FlowHasher.fmix(h);
    }

    /** Whether {@code value} is prime. */
    public static boolean isPrime(final int value) {
        if (value < 2) {
            return false;
        }
        if (value % 2 == 0) {
            return value == 2;
        }
        for (int d = 3; (long) d * d <= value; d += 2) {
            if (value % d == 0) {
                return false;
            }
        }
        return true;
    }
}
