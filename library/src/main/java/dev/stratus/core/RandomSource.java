package dev.stratus.core;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Everything random in Stratus (retry jitter, ids, hash keys, sampling) draws from one of these, so a seeded source
 * makes a whole run repeatable: the same seed and inputs give the same ids, delays and routes.
 *
 * <p>Thread-safe. Not for cryptographic use: signing keys and the like use the JDK's {@code SecureRandom}.
 */
public final class RandomSource {
    private final SplittableRandom random;
    private final boolean seeded;
    private final long seed;

    private RandomSource(final long seed, final boolean seeded) {
        this.random = new SplittableRandom(seed);
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
    public synchronized long nextLong() {
        return random.nextLong();
    }

    /**
     * A uniform value in {@code [0, bound)}.
     *
     * @throws IllegalArgumentException if {@code bound} is not positive
     */
    public synchronized int nextInt(final int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: bound=" + bound);
        }
        return random.nextInt(bound);
    }

    /** A uniform value in {@code [0, 1)}. */
    public synchronized double nextDouble() {
        return random.nextDouble();
    }

    /** A random (version 4) UUID drawn from this source. */
    public UUID uuid() {
        long msb;
        long lsb;
        synchronized (this) {
            msb = random.nextLong();
            lsb = random.nextLong();
        }
        msb = (msb & ~0xF000L) | 0x4000L;
        lsb = (lsb & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** An independent source derived from this one, for a component that must not disturb the parent's sequence. */
    public synchronized RandomSource split() {
        return new RandomSource(random.nextLong(), seeded);
    }

    @Override
    public String toString() {
        return seeded ? "RandomSource.seeded(" + seed + ")" : "RandomSource.unseeded()";
    }
}
