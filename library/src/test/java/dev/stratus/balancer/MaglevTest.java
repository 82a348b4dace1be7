package dev.stratus.balancer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.balancer.internal.Maglev;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MaglevTest {
    private static final int M = 65_537;

    private static long[] names(final int n) {
        long[] names = new long[n];
        for (int i = 0; i < n; i++) {
            names[i] = Maglev.nameHash("backend-" + i);
        }
        return names;
    }

    private static int[] ones(final int n) {
        int[] w = new int[n];
        Arrays.fill(w, 1);
        return w;
    }

    private static int[] counts(final int[] table, final int n) {
        int[] counts = new int[n];
        for (int b : table) {
            counts[b]++;
        }
        return counts;
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 100, 500, 1000})
    void shouldBalanceSlotsWithinOneForEqualWeights(final int n) {
        int[] counts = counts(Maglev.build(M, names(n), ones(n)), n);
        int max = Arrays.stream(counts).max().getAsInt();
        int min = Arrays.stream(counts).min().getAsInt();
        assertTrue(max - min <= 1, "max=" + max + " min=" + min);
        double ratio = max / (M / (double) n);
        double expected = Math.ceil(M / (double) n) / (M / (double) n);
        assertEquals(expected, ratio, 1e-9);
        if (n == 100) {
            assertEquals(1.0010, ratio, 5e-5);
        }
        if (n == 1000) {
            assertEquals(1.0071, ratio, 5e-5);
        }
    }

    @Test
    void shouldMoveFewSlotsNotOwnedByARemovedBackend() {
        for (int n : new int[] {10, 100, 1000}) {
            long[] all = names(n);
            int[] before = Maglev.build(M, all, ones(n));
            long[] survivors = Arrays.copyOf(all, n - 1);
            int[] after = Maglev.build(M, survivors, ones(n - 1));
            int moved = 0;
            for (int s = 0; s < M; s++) {
                if (before[s] != n - 1 && before[s] != after[s]) {
                    moved++;
                }
            }
            double disruption = moved / (double) M;
            // measured 1.57% / 0.66% mean at N=100 / 1000 (nlb.md 3.4); allow noise on one name set
            double bound = n == 10 ? 0.15 : n == 100 ? 0.03 : 0.012;
            assertTrue(disruption < bound, "N=" + n + " disruption=" + disruption);
        }
    }

    @Test
    void shouldGiveSlotsInProportionToWeights() {
        int[] counts = counts(Maglev.build(M, names(3), new int[] {1, 2, 4}), 3);
        assertEquals(M / 7.0, counts[0], M * 0.002);
        assertEquals(2 * M / 7.0, counts[1], M * 0.002);
        assertEquals(4 * M / 7.0, counts[2], M * 0.002);
    }

    @Test
    void shouldBuildThePaperSizedTableQuickly() {
        long[] names = names(1000);
        Maglev.build(M, names, ones(1000));
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            Maglev.build(M, names, ones(1000));
        }
        long perBuildMs = (System.nanoTime() - start) / 5 / 1_000_000;
        // goal 2 ms on a quiet core; generous bound for a shared CI machine
        assertTrue(perBuildMs < 100, perBuildMs + " ms");
    }

    @Test
    void shouldRecognisePrimes() {
        assertTrue(Maglev.isPrime(65_537));
        assertTrue(Maglev.isPrime(655_373));
        assertTrue(!Maglev.isPrime(65_536));
    }
}
