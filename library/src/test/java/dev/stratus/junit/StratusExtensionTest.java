package dev.stratus.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stratus.Stratus;
import dev.stratus.core.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StratusExtensionTest {
    private static final Instant START = Instant.parse("2030-06-01T00:00:00Z");
    private static final List<String> FIRST_IDS = new ArrayList<>();

    @RegisterExtension
    final StratusExtension aws = StratusExtension.builder().start(START).seed(7).region("eu-west-1").build();

    @Test
    void shouldGiveEachTestAFreshStratusOnAManualClock(final Stratus stratus, final ManualClock clock) {
        assertSame(stratus, aws.stratus());
        assertSame(clock, aws.clock());
        assertEquals(START, clock.instant());
        assertEquals("eu-west-1", stratus.region());
        List<Instant> fired = new ArrayList<>();
        stratus.clock().schedule(Duration.ofHours(1), () -> fired.add(clock.instant()));
        assertEquals(START.plusSeconds(7200), aws.advance(Duration.ofHours(2)));
        assertEquals(List.of(START.plusSeconds(3600)), fired);
    }

    @Test
    void shouldRepeatIdsForTheSeedInEveryTest() {
        String id = aws.stratus().ids().executionName();
        synchronized (FIRST_IDS) {
            if (!FIRST_IDS.isEmpty()) {
                assertEquals(FIRST_IDS.get(0), id);
            }
            FIRST_IDS.add(id);
        }
    }

    @Test
    void shouldCollectAsynchronousFailuresForTheTest() {
        IllegalStateException boom = new IllegalStateException("boom");
        aws.stratus().errorHandler().onError(boom);
        assertEquals(List.of(boom), aws.errors());
        assertEquals(List.of(boom), aws.takeErrors());
        assertEquals(List.of(), aws.errors());
    }

    @Test
    void shouldRejectBadSettingsNamingTheField() {
        assertEquals("account must be 12 digits: account=1", assertThrows(IllegalArgumentException.class,
                () -> StratusExtension.builder().account("1")).getMessage());
        assertEquals("start", assertThrows(NullPointerException.class,
                () -> StratusExtension.builder().start(null)).getMessage());
        assertEquals("StratusExtension is not active: register it with @RegisterExtension and call stratus()"
                + " inside a test", assertThrows(IllegalStateException.class,
                        () -> StratusExtension.builder().build().stratus()).getMessage());
    }
}
