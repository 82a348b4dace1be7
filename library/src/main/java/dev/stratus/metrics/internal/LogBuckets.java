package dev.stratus.metrics.internal;

/**
 * The fixed log-linear bucket mapping shared by the hot accumulator and stored distributions: a positive double's
 * key is its biased exponent and the top {@value #SUB_BITS} bits of its mantissa, i.e. 64 buckets per power of two.
 * A bucket's midpoint is within 1/128 (0.79%) of every value in it, so percentiles from buckets are within 1%
 * relative error, and any two distributions merge by adding counts key by key.
 */
public final class LogBuckets {
    /** Mantissa bits kept: 2^6 = 64 sub-buckets per octave. */
    public static final int SUB_BITS = 6;
    private static final int SHIFT = 52 - SUB_BITS;
    /** Lowest key of the dense range used by the hot accumulator: 2^-20 (about 1e-6). */
    public static final int DENSE_MIN_KEY = (1023 - 20) << SUB_BITS;
    /** Number of keys of the dense range: up to 2^37 (about 1.4e11); values outside are clamped to its ends. */
    public static final int DENSE_SIZE = 57 << SUB_BITS;

    private LogBuckets() {
    }

    /** The key of a positive finite value. */
    public static int key(final double value) {
        return (int) (Double.doubleToRawLongBits(value) >>> SHIFT);
    }

    /** The value that stands for every value of bucket {@code key}: the midpoint of its bounds. */
    public static double representative(final int key) {
        double low = Double.longBitsToDouble((long) key << SHIFT);
        double high = Double.longBitsToDouble((long) (key + 1) << SHIFT);
        return (low + high) / 2;
    }
}
