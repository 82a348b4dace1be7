package dev.stratus.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualClockTest {
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void shouldStandStillUntilAdvanced() {
        ManualClock clock = ManualClock.at(START);
        assertEquals(START, clock.instant());
        assertEquals(0, clock.nanoTime());
        clock.advance(Duration.ofMillis(1500));
        assertEquals(START.plusMillis(1500), clock.instant());
        assertEquals(1_500_000_000L, clock.nanoTime());
    }

    @Test
    void shouldFireDueTimersInDeadlineOrderWithTiesInSchedulingOrder() {
        ManualClock clock = ManualClock.at(START);
        List<String> fired = new ArrayList<>();
        clock.schedule(Duration.ofSeconds(3), () -> fired.add("c@" + clock.instant()));
        clock.schedule(Duration.ofSeconds(1), () -> fired.add("a@" + clock.instant()));
        clock.schedule(Duration.ofSeconds(3), () -> fired.add("d@" + clock.instant()));
        clock.schedule(Duration.ofSeconds(2), () -> fired.add("b@" + clock.instant()));
        clock.schedule(Duration.ofSeconds(10), () -> fired.add("late"));

        clock.advance(Duration.ofSeconds(5));

        assertEquals(List.of("a@2025-01-01T00:00:01Z", "b@2025-01-01T00:00:02Z", "c@2025-01-01T00:00:03Z",
                "d@2025-01-01T00:00:03Z"), fired);
        assertEquals(START.plusSeconds(5), clock.instant());
        assertEquals(1, clock.pendingTimers());
    }

    @Test
    void shouldFireTimersScheduledWhileAdvancingWhenDueInTheSameCall() {
        ManualClock clock = ManualClock.at(START);
        List<Instant> fired = new ArrayList<>();
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            fired.add(clock.instant());
            clock.schedule(Duration.ofSeconds(1), tick[0]);
        };
        clock.schedule(Duration.ofSeconds(1), tick[0]);

        clock.advance(Duration.ofMillis(3500));

        assertEquals(List.of(START.plusSeconds(1), START.plusSeconds(2), START.plusSeconds(3)), fired);
    }

    @Test
    void shouldNotRunCancelledTimer() {
        ManualClock clock = ManualClock.at(START);
        List<String> fired = new ArrayList<>();
        Clock.Timer timer = clock.schedule(Duration.ofSeconds(1), () -> fired.add("x"));
        assertTrue(timer.cancel());
        assertFalse(timer.cancel());
        clock.advance(Duration.ofSeconds(2));
        assertEquals(List.of(), fired);
    }

    @Test
    void shouldCountAndSkipManyCancelledTimers() {
        ManualClock clock = ManualClock.at(START);
        List<Integer> fired = new ArrayList<>();
        List<Clock.Timer> timers = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int n = i;
            timers.add(clock.schedule(Duration.ofSeconds(1 + i % 7), () -> fired.add(n)));
        }
        for (int i = 0; i < 1000; i++) {
            if (i % 10 != 3) {
                assertTrue(timers.get(i).cancel());
            }
        }
        assertEquals(100, clock.pendingTimers());
        assertEquals(START.plusSeconds(1), clock.nextDeadline().orElseThrow());
        assertFalse(timers.get(0).cancel());
        assertTrue(timers.get(3).cancel());
        assertEquals(99, clock.pendingTimers());
        clock.advance(Duration.ofSeconds(10));
        List<Integer> expected = new ArrayList<>();
        for (int second = 1; second <= 7; second++) {
            for (int i = 0; i < 1000; i++) {
                if (i % 10 == 3 && i != 3 && 1 + i % 7 == second) {
                    expected.add(i);
                }
            }
        }
        assertEquals(expected, fired);
        assertEquals(0, clock.pendingTimers());
        assertEquals(java.util.Optional.empty(), clock.nextDeadline());
    }

    @Test
    void shouldReportCancelFalseAfterTimerRan() {
        ManualClock clock = ManualClock.at(START);
        Clock.Timer timer = clock.schedule(Duration.ZERO, () -> { });
        assertEquals(1, clock.runDue());
        assertFalse(timer.cancel());
    }

    @Test
    void shouldAdvanceToAnInstant() {
        ManualClock clock = ManualClock.at(START);
        List<String> fired = new ArrayList<>();
        clock.schedule(Duration.ofHours(1), () -> fired.add("hour"));
        assertEquals(START.plusSeconds(3600), clock.nextDeadline().orElseThrow());
        clock.advanceTo(START.plusSeconds(3600));
        assertEquals(List.of("hour"), fired);
    }

    @Test
    void shouldRejectGoingBackwardsNamingTheValue() {
        ManualClock clock = ManualClock.at(START);
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> clock.advance(Duration.ofSeconds(-1)));
        assertEquals("time cannot go backwards: duration=PT-1S", negative.getMessage());
        IllegalArgumentException earlier = assertThrows(IllegalArgumentException.class,
                () -> clock.advanceTo(START.minusSeconds(1)));
        assertEquals("time cannot go backwards: instant=2024-12-31T23:59:59Z, now=2025-01-01T00:00:00Z",
                earlier.getMessage());
    }

    @Test
    void shouldRejectNullArgumentsNamingThem() {
        ManualClock clock = ManualClock.atEpoch();
        assertEquals("delay", assertThrows(NullPointerException.class,
                () -> clock.schedule(null, () -> { })).getMessage());
        assertEquals("task", assertThrows(NullPointerException.class,
                () -> clock.schedule(Duration.ZERO, null)).getMessage());
        assertEquals("start", assertThrows(NullPointerException.class, () -> ManualClock.at(null)).getMessage());
    }

    @Test
    void shouldRunSystemClockTimers() throws Exception {
        java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);
        Clock.system().schedule(Duration.ZERO, latch::countDown);
        assertTrue(latch.await(5, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(Clock.system().epochMillis() > 0);
    }
}
