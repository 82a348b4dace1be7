package dev.stratus.core;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything random in Stratus (retry jitter, ids, hash keys, sampling) draws from one of these, so a seeded source
 * makes a whole run repeatable: the same seed and inputs give the same ids, delays and routes.
 *
 * <p>Thread-safe and lock-free: the generator is SplitMix64 (the algorithm of {@link java.util.SplittableRandom},
 * which gives the same sequence for the same seed), whose whole state is one counter advanced by a constant, so a
 * draw is one atomic add. Concurrent draws get distinct values; their order across threads is whatever the threads'
 * interleaving makes it. Not for cryptographic use: signing keys and the like use the JDK's {@code SecureRandom}.
 */
public final class RandomSource {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private final AtomicLong state;
    private final boolean seeded;
    private final long seed;

    private RandomSource(final long seed, final boolean seeded) {
        this.state = new AtomicLong(seed);
        this.seeded = seeded;
        this.seed = seed;
    }

    /** A repeatable source: the same seed gives the same sequence. */
    public static RandomSource seeded(final long seed) {
        return new RandomSource(seed, true);
    }

    /** A source seeded from the operating system's entropy: different on every run. */
    public static RandomSource unseeded() {
        return new RandomSource(new SecureRandom().nextLong(), false);
    }

    /** Whether this source was built from a fixed seed. */
    public boolean isSeeded() {
        return seeded;
    }

    /** The next 64 random bits. */
    public long nextLong() {
        return mix64(state.addAndGet(GOLDEN_GAMMA));
    }

    /**
     * A uniform value in {@code [0, bound)}.
     *
     * @throws IllegalArgumentException if {@code bound} is not positive
     */
    public int nextInt(final int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: bound=" + bound);
        }
        int r = mix32(state.addAndGet(GOLDEN_GAMMA));
        int m = bound - 1;
        if ((bound & m) == 0) {
            return r & m;
        }
        // rejection sampling, as SplittableRandom does, so every value is equally likely
        for (int u = r >>> 1; u + m - (r = u % bound) < 0; u = mix32(state.addAndGet(GOLDEN_GAMMA)) >>> 1) {
            // draw again
        }
        return r;
    }

    /** A uniform value in {@code [0, 1)}. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** A random (version 4) UUID drawn from this source: two consecutive draws taken in one atomic step. */
    public UUID uuid() {
        long before = state.getAndAdd(2 * GOLDEN_GAMMA);
        long msb = mix64(before + GOLDEN_GAMMA);
        long lsb = mix64(before + 2 * GOLDEN_GAMMA);
        msb = (msb & ~0xF000L) | 0x4000L;
        lsb = (lsb & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** An independent source derived from this one, for a component that must not disturb the parent's sequence. */
    public RandomSource split() {
        return new RandomSource(nextLong(), seeded);
    }

    private static long mix64(final long value) {
        long z = (value ^ (value >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static int mix32(final long value) {
        long z = (value ^ (value >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }

    @Override
    public String toString() {
        return seeded ? "RandomSource.seeded(" + seed + ")" : "RandomSource.unseeded()";
    }
}
