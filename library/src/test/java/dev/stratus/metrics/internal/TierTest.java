package dev.stratus.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TierTest {
    private final Tier tier = new Tier();
    private final Agg scratch = new Agg();

    private void add(final long second, final double value) {
        int at = tier.slot(second);
        tier.store(at, tier.load(at, scratch).addValue(value, 1));
    }

    @Test
    void shouldKeepPointsSortedWhateverTheArrivalOrder() {
        Random random = new Random(3);
        TreeMap<Long, Agg> reference = new TreeMap<>();
        for (int i = 0; i < 5000; i++) {
            long second = 1000 + (i % 3 == 0 ? random.nextInt(4000) : i);
            double value = random.nextInt(100);
            add(second, value);
            reference.computeIfAbsent(second, k -> new Agg()).addValue(value, 1);
        }
        assertEquals(reference.size(), tier.size());
        List<Map.Entry<Long, Agg>> points = tier.points(0, Long.MAX_VALUE);
        int i = 0;
        for (Map.Entry<Long, Agg> expected : reference.entrySet()) {
            Map.Entry<Long, Agg> actual = points.get(i++);
            assertEquals(expected.getKey(), actual.getKey());
            assertEquals(expected.getValue().count, actual.getValue().count);
            assertEquals(expected.getValue().sum, actual.getValue().sum);
            assertEquals(expected.getValue().min, actual.getValue().min);
            assertEquals(expected.getValue().max, actual.getValue().max);
        }
    }

    @Test
    void shouldFoldBucketsAcrossGapsLikeTheReference() {
        Random random = new Random(5);
        TreeMap<Long, double[]> reference = new TreeMap<>();
        for (long s = 0; s < 3000; s++) {
            if (random.nextInt(4) != 0) {
                double value = random.nextGaussian();
                add(s, value);
                reference.put(s, new double[] {value});
            }
        }
        long start = 95;
        int period = 7;
        double[] out = new double[100 * Series.BASIC_STRIDE];
        double[] expected = new double[out.length];
        for (int b = 0; b < 100; b++) {
            out[b * 4 + 2] = Double.POSITIVE_INFINITY;
            out[b * 4 + 3] = Double.NEGATIVE_INFINITY;
            expected[b * 4 + 2] = Double.POSITIVE_INFINITY;
            expected[b * 4 + 3] = Double.NEGATIVE_INFINITY;
        }
        for (Map.Entry<Long, double[]> point : reference.subMap(start, start + 700).entrySet()) {
            int at = (int) (point.getKey() - start) / period * 4;
            double value = point.getValue()[0];
            expected[at] += 1;
            expected[at + 1] += value;
            expected[at + 2] = Math.min(expected[at + 2], value);
            expected[at + 3] = Math.max(expected[at + 3], value);
        }
        tier.aggregateBasic(start, period, out, Series.BASIC_STRIDE);
        assertArrayEquals(expected, out);
    }

    @Test
    void shouldSkipEmptyBucketsAndLeaveTheRestOfAWiderStride() {
        // points in buckets 0, 1 and 5 only, at period 10 and 6 doubles per bucket
        add(100, 1);
        add(109, 3);
        add(110, 5);
        add(155, 7);
        add(159, 2);
        int stride = 6;
        double[] out = new double[8 * stride];
        for (int b = 0; b < 8; b++) {
            out[b * stride + 2] = Double.POSITIVE_INFINITY;
            out[b * stride + 3] = Double.NEGATIVE_INFINITY;
            out[b * stride + 5] = -1;
        }
        tier.aggregateBasic(100, 10, out, stride);
        double inf = Double.POSITIVE_INFINITY;
        double[] expected = {
            2, 4, 1, 3, 0, -1,
            1, 5, 5, 5, 0, -1,
            0, 0, inf, -inf, 0, -1,
            0, 0, inf, -inf, 0, -1,
            0, 0, inf, -inf, 0, -1,
            2, 9, 2, 7, 0, -1,
            0, 0, inf, -inf, 0, -1,
            0, 0, inf, -inf, 0, -1,
        };
        assertArrayEquals(expected, out);
    }

    @Test
    void shouldExpireOldPointsAndReclaimTheirSlots() {
        for (long s = 0; s < 1000; s++) {
            add(s, s);
        }
        long full = tier.memoryBytes();
        tier.expireBefore(990);
        assertEquals(10, tier.size());
        assertEquals(990, tier.points(0, 2000).get(0).getKey());
        for (long s = 1000; s < 1100; s++) {
            add(s, s);
        }
        assertEquals(110, tier.size());
        assertEquals(true, tier.memoryBytes() < full / 2, "dead slots reclaimed: " + tier.memoryBytes());
        tier.expireBefore(5000);
        assertEquals(0, tier.size());
        assertEquals(true, tier.memoryBytes() < 200, "empty tier: " + tier.memoryBytes());
        add(6000, 1);
        assertEquals(1, tier.size());
    }

    @Test
    void shouldKeepDistributionsPerPoint() {
        add(10, 1);
        add(10, 2);
        add(20, 5);
        Agg[] out = new Agg[2];
        assertEquals(2, tier.aggregate(10, 10, out, true));
        assertEquals(2, out[0].count);
        assertEquals(true, out[0].distribution() != null, "two values need a distribution");
        assertNull(out[1].distribution());
        assertEquals(5, out[1].min);
    }
}
