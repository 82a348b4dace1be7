package dev.stratus.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class RandomSourceTest {

    @Test
    void shouldRepeatTheSameSequenceForTheSameSeed() {
        RandomSource a = RandomSource.seeded(7);
        RandomSource b = RandomSource.seeded(7);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
        assertEquals(a.uuid(), b.uuid());
        assertEquals(a.split().nextLong(), b.split().nextLong());
        assertTrue(a.isSeeded());
        assertEquals("RandomSource.seeded(7)", a.toString());
    }

    @Test
    void shouldGiveTheSequenceOfSplittableRandomForTheSameSeed() {
        RandomSource source = RandomSource.seeded(42);
        java.util.SplittableRandom reference = new java.util.SplittableRandom(42);
        for (int i = 0; i < 1000; i++) {
            assertEquals(reference.nextLong(), source.nextLong());
            assertEquals(reference.nextInt(1 + i), source.nextInt(1 + i));
            assertEquals(reference.nextInt(1 << (i % 31)), source.nextInt(1 << (i % 31)));
            assertEquals(reference.nextDouble(), source.nextDouble());
        }
        UUID uuid = source.uuid();
        assertEquals((reference.nextLong() & ~0xF000L) | 0x4000L, uuid.getMostSignificantBits());
        assertEquals((reference.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L,
                uuid.getLeastSignificantBits());
        assertEquals(new java.util.SplittableRandom(reference.nextLong()).nextLong(), source.split().nextLong());
    }

    @Test
    void shouldGiveDistinctDrawsToConcurrentThreads() throws Exception {
        RandomSource source = RandomSource.seeded(5);
        java.util.Set<Long> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    seen.add(source.nextLong());
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        // SplitMix64 is a bijection of its counter: 40,000 distinct counter values give 40,000 distinct draws
        assertEquals(40_000, seen.size());
    }

    @Test
    void shouldDifferAcrossUnseededSources() {
        assertNotEquals(RandomSource.unseeded().nextLong(), RandomSource.unseeded().nextLong());
    }

    @Test
    void shouldMakeVersionFourUuids() {
        UUID uuid = RandomSource.seeded(1).uuid();
        assertEquals(4, uuid.version());
        assertEquals(2, uuid.variant());
    }

    @Test
    void shouldStayInBounds() {
        RandomSource random = RandomSource.seeded(3);
        for (int i = 0; i < 1000; i++) {
            int n = random.nextInt(10);
            assertTrue(n >= 0 && n < 10);
            double d = random.nextDouble();
            assertTrue(d >= 0 && d < 1);
        }
    }

    @Test
    void shouldRejectNonPositiveBoundNamingIt() {
        assertEquals("bound must be positive: bound=0", assertThrows(IllegalArgumentException.class,
                () -> RandomSource.seeded(1).nextInt(0)).getMessage());
    }
}
