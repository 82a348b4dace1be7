package dev.stratus.metrics.internal;

/**
 * The current epoch second, published by the engine's roll timer so the hot path reads one volatile field instead
 * of calling the clock (which may lock).
 */
public final class SecondTicker {
    private volatile long second;

    public SecondTicker(final long second) {
        this.second = second;
    }

    public long second() {
        return second;
    }

    public void second(final long second) {
        this.second = second;
    }
}
