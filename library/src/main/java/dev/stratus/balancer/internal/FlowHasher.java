package dev.stratus.balancer.internal;

import dev.stratus.balancer.FlowKey;

/**
 * Keyed 64-bit flow hashes. The keys come from the balancer's random source, so an attacker who does not know them
 * cannot aim flows at one table bucket or one target (hash flooding). The tuple is folded with wyhash's keyed
 * 64x64->128-bit multiply-fold ({@link Math#multiplyHigh} and the low product, one {@code mulx} on x86-64): two
 * multiplies for IPv4, three for IPv6, instead of a round per word and a finaliser. Fast, well mixed, not
 * cryptographic.
 */
public final class FlowHasher {
    private static final long C3 = 0x165667B19E3779F9L;

    private final long k0;
    private final long k1;
    private final long k2;
    private final long k3;
    private final long k4;

    public FlowHasher(final long k0, final long k1, final long k2) {
        this.k0 = k0;
        this.k1 = k1;
        this.k2 = k2;
        // two more independent-looking keys for the IPv6 words and the sticky variant
        this.k3 = fmix(k0 ^ 0xA0761D6478BD642FL);
        this.k4 = fmix(k1 ^ 0xE7037ED1A0B428DBL);
    }

    /** The hash of the full 5-tuple (protocol, addresses, ports); identifies the flow in the table. */
    public long flowHash(final FlowKey key) {
        return tuple(key, key.sourcePort(), k0, k1);
    }

    /** The hash without the source port: source-IP stickiness. */
    public long stickyHash(final FlowKey key) {
        return tuple(key, 0, k1, k0);
    }

    private long tuple(final FlowKey key, final int sourcePort, final long a, final long b) {
        final long header = (key.isTcp() ? 6L : 17L) | (key.isIpv6() ? 1L << 8 : 0L) | ((long) sourcePort << 16)
                | ((long) key.destinationPort() << 32);
        final long words;
        if (key.isIpv6()) {
            words = mum(key.sourceHigh() ^ k3, key.sourceLow() ^ a) ^ mum(key.destinationHigh() ^ k4,
                    key.destinationLow() ^ b);
        } else {
            // both IPv4 addresses fit one word
            words = (key.sourceLow() << 32) | key.destinationLow();
        }
        return mum(mum(words ^ a, header ^ b) ^ k2, header ^ k3);
    }

    /** wyhash's multiply-fold: the xor of the high and low halves of the 128-bit product. */
    private static long mum(final long x, final long y) {
        return Math.multiplyHigh(x, y) ^ (x * y);
    }

    /** NLB's TCP selection hash: the flow hash and the initial sequence number. */
    public long withSequence(final long flowHash, final int sequence) {
        return fmix(flowHash ^ k2 ^ ((sequence & 0xFFFF_FFFFL) * C3));
    }

    /** A selection hash derived from the flow hash, independent of the bits that pick shard and table bucket. */
    public long spread(final long flowHash) {
        return fmix(flowHash ^ k2);
    }

    /** Murmur3's 64-bit finaliser. */
    public static long fmix(final long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
