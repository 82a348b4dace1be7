package dev.stratus.balancer.internal;

import dev.stratus.balancer.FlowKey;

/**
 * Keyed 64-bit flow hashes. The keys come from the balancer's random source, so an attacker who does not know them
 * cannot aim flows at one table bucket or one target (hash flooding). Multiply-rotate rounds per 64-bit word and a
 * murmur3 finaliser: fast, well mixed, not cryptographic.
 */
public final class FlowHasher {
    private static final long C1 = 0x9E3779B97F4A7C15L;
    private static final long C2 = 0xC2B2AE3D27D4EB4FL;
    private static final long C3 = 0x165667B19E3779F9L;

    private final long k0;
    private final long k1;
    private final long k2;

    public FlowHasher(final long k0, final long k1, final long k2) {
        this.k0 = k0;
        this.k1 = k1;
        this.k2 = k2;
    }

    /** The hash of the full 5-tuple (protocol, addresses, ports); identifies the flow in the table. */
    public long flowHash(final FlowKey key) {
        long h = k0 ^ header(key, key.sourcePort());
        h = round(h, key.sourceLow());
        h = round(h, key.destinationLow());
        if (key.isIpv6()) {
            h = round(h, key.sourceHigh());
            h = round(h, key.destinationHigh());
        }
        return fmix(h ^ k1);
    }

    /** The hash without the source port: source-IP stickiness. */
    public long stickyHash(final FlowKey key) {
        long h = k1 ^ header(key, 0);
        h = round(h, key.sourceLow());
        h = round(h, key.destinationLow());
        if (key.isIpv6()) {
            h = round(h, key.sourceHigh());
            h = round(h, key.destinationHigh());
        }
        return fmix(h ^ k0);
    }

    /** NLB's TCP selection hash: the flow hash and the initial sequence number. */
    public long withSequence(final long flowHash, final int sequence) {
        return fmix(flowHash ^ k2 ^ ((sequence & 0xFFFF_FFFFL) * C3));
    }

    /** A selection hash derived from the flow hash, independent of the bits that pick shard and table bucket. */
    public long spread(final long flowHash) {
        return fmix(flowHash ^ k2);
    }

    private static long header(final FlowKey key, final int sourcePort) {
        return (key.isTcp() ? 6L : 17L) | (key.isIpv6() ? 1L << 8 : 0L) | ((long) sourcePort << 16)
                | ((long) key.destinationPort() << 32);
    }

    private long round(final long h, final long value) {
        return Long.rotateLeft(h ^ (value * C1 + k2), 29) * C2;
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
