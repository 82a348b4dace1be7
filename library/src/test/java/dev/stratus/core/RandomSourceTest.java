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
