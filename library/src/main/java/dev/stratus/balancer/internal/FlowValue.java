package dev.stratus.balancer.internal;

/**
 * The bits of a flow-table value.
 *
 * <pre>
 *   bits  0-19  target index
 *   bits 20-27  listener index
 *   bit  28     FIN seen
 *   bits 29-30  counter class (0 TCP, 1 UDP, 2 TLS)
 *   bits 32-63  last packet, seconds since the balancer started
 * </pre>
 */
public final class FlowValue {
    public static final int MAX_TARGETS = 1 << 20;
    public static final int MAX_LISTENERS = 1 << 8;
    private static final long FIN = 1L << 28;

    private FlowValue() {
    }

    public static long of(final int target, final int listener, final int counterClass, final long nowSeconds) {
        return target | ((long) listener << 20) | ((long) counterClass << 29) | (nowSeconds << 32);
    }

    public static int target(final long value) {
        return (int) value & (MAX_TARGETS - 1);
    }

    public static int listener(final long value) {
        return (int) (value >>> 20) & 0xFF;
    }

    public static int counterClass(final long value) {
        return (int) (value >>> 29) & 0x3;
    }

    public static boolean finSeen(final long value) {
        return (value & FIN) != 0;
    }

    /** Bits 20-30 (listener, FIN seen, counter class): everything the idle timeout depends on, as an index. */
    public static int idleIndex(final long value) {
        return (int) (value >>> 20) & 0x7FF;
    }

    /** The {@link #idleIndex(long)} of a flow with these fields. */
    public static int idleIndex(final int listener, final boolean fin, final int counterClass) {
        return listener | (fin ? 1 << 8 : 0) | (counterClass << 9);
    }

    public static long lastSeen(final long value) {
        return value >>> 32;
    }

    public static long touch(final long value, final long nowSeconds, final boolean fin) {
        return (value & 0xFFFF_FFFFL) | (fin ? FIN : 0) | (nowSeconds << 32);
    }
}
