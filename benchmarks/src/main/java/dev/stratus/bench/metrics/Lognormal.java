package dev.stratus.bench.metrics;

import java.util.Random;

/** The shared value stream: lognormal (mu 5, sigma 1), pre-generated, seeded. */
final class Lognormal {
    static final int SIZE = 4096;
    static final int MASK = SIZE - 1;

    private Lognormal() {
    }

    static double[] values(final int count, final long seed) {
        Random random = new Random(seed);
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = Math.exp(5 + random.nextGaussian());
        }
        return values;
    }
}
