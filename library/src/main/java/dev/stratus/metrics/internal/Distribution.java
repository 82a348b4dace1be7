package dev.stratus.metrics.internal;

import java.util.Arrays;

/**
 * The values of one stored point, for percentiles and the other extended statistics. While a point holds at most
 * {@value #EXACT_LIMIT} distinct values they are kept exactly (so small samples give exact percentiles); beyond
 * that they fold into {@link LogBuckets} (1% relative error), which merge by adding weights key by key. Only
 * non-negative values are ever added: CloudWatch offers no percentiles for a period holding a negative value.
 * Not thread-safe; a series guards its points.
 */
public final class Distribution {
    /** Distinct values kept exactly, as many as one PutMetricData {@code Values} array may carry. */
    public static final int EXACT_LIMIT = 150;

    private boolean exact = true;
    private double[] values = new double[4];
    private int[] keys;
    private double[] weights = new double[4];
    private int size;
    private double zeroWeight;

    /** Adds {@code weight} occurrences of {@code value} (finite, not negative). */
    public void add(final double value, final double weight) {
        if (weight <= 0) {
            return;
        }
        if (exact) {
            int at = Arrays.binarySearch(values, 0, size, value);
            if (at >= 0) {
                weights[at] += weight;
                return;
            }
            if (size < EXACT_LIMIT) {
                insertExact(-at - 1, value, weight);
                return;
            }
            toBuckets();
        }
        addToBucket(value, weight);
    }

    /** Adds {@code weight} to bucket {@code key} directly (the hot accumulator hands over whole buckets). */
    public void addBucket(final int key, final double weight) {
        if (exact) {
            toBuckets();
        }
        addKey(key, weight);
    }

    /** Adds every value of {@code other}. */
    public void merge(final Distribution other) {
        if (other.exact) {
            for (int i = 0; i < other.size; i++) {
                add(other.values[i], other.weights[i]);
            }
            return;
        }
        if (exact) {
            toBuckets();
        }
        zeroWeight += other.zeroWeight;
        for (int i = 0; i < other.size; i++) {
            addKey(other.keys[i], other.weights[i]);
        }
    }

    /** Whether values are kept exactly. */
    public boolean isExact() {
        return exact;
    }

    /** Number of (value, weight) pairs {@link #pairs} fills. */
    public int pairCount() {
        return exact ? size : size + (zeroWeight > 0 ? 1 : 0);
    }

    /** Fills ascending values and their weights; returns how many. Arrays must hold {@link #pairCount()}. */
    public int pairs(final double[] outValues, final double[] outWeights) {
        if (exact) {
            System.arraycopy(values, 0, outValues, 0, size);
            System.arraycopy(weights, 0, outWeights, 0, size);
            return size;
        }
        int n = 0;
        if (zeroWeight > 0) {
            outValues[n] = 0;
            outWeights[n++] = zeroWeight;
        }
        for (int i = 0; i < size; i++) {
            outValues[n] = LogBuckets.representative(keys[i]);
            outWeights[n++] = weights[i];
        }
        return n;
    }

    /** Bytes held, roughly: arrays and object headers. */
    public long memoryBytes() {
        long bytes = 48 + 16 + weights.length * 8L;
        bytes += values != null ? 16 + values.length * 8L : 0;
        bytes += keys != null ? 16 + keys.length * 4L : 0;
        return bytes;
    }

    private void insertExact(final int at, final double value, final double weight) {
        if (size == values.length) {
            int capacity = Math.min(EXACT_LIMIT, size * 2);
            values = Arrays.copyOf(values, capacity);
            weights = Arrays.copyOf(weights, capacity);
        }
        System.arraycopy(values, at, values, at + 1, size - at);
        System.arraycopy(weights, at, weights, at + 1, size - at);
        values[at] = value;
        weights[at] = weight;
        size++;
    }

    private void toBuckets() {
        double[] oldValues = values;
        double[] oldWeights = weights;
        int oldSize = size;
        exact = false;
        values = null;
        keys = new int[Math.max(4, oldSize)];
        weights = new double[keys.length];
        size = 0;
        for (int i = 0; i < oldSize; i++) {
            addToBucket(oldValues[i], oldWeights[i]);
        }
    }

    private void addToBucket(final double value, final double weight) {
        if (value == 0) {
            zeroWeight += weight;
        } else {
            addKey(LogBuckets.key(value), weight);
        }
    }

    private void addKey(final int key, final double weight) {
        int at = Arrays.binarySearch(keys, 0, size, key);
        if (at >= 0) {
            weights[at] += weight;
            return;
        }
        at = -at - 1;
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            weights = Arrays.copyOf(weights, size * 2);
        }
        System.arraycopy(keys, at, keys, at + 1, size - at);
        System.arraycopy(weights, at, weights, at + 1, size - at);
        keys[at] = key;
        weights[at] = weight;
        size++;
    }
}
