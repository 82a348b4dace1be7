package dev.stratus.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.core.ManualClock;
import dev.stratus.core.StratusException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private final ManualClock clock = ManualClock.at(START);
    private final List<Throwable> errors = new ArrayList<>();
    private final Scheduler scheduler = Scheduler.builder().clock(clock).errorHandler(errors::add).build();

    @Test
    void shouldFireEveryDueTimeOnceInOrder() {
        List<String> fired = new ArrayList<>();
        scheduler.create(Rule.builder().name("minutely").schedule("cron(0/1 * * * ? *)").input("{\"n\":1}")
                .target(i -> fired.add("m " + i.scheduledTime() + " " + i.input())).build());
        scheduler.create(Rule.builder().name("quarterly").schedule("rate(15 minutes)")
                .target(i -> fired.add("q " + i.scheduledTime())).build());

        clock.advance(Duration.ofHours(1));

        assertEquals(60, scheduler.invocationCount("minutely"));
        assertEquals(4, scheduler.invocationCount("quarterly"));
        assertEquals("m 2025-01-01T00:01:00Z {\"n\":1}", fired.get(0));
        int quarter = fired.indexOf("q 2025-01-01T00:15:00Z");
        assertEquals("m 2025-01-01T00:15:00Z {\"n\":1}", fired.get(quarter - 1)); // creation order
        assertEquals(64, fired.size());
        assertEquals(Optional.of(START.plusSeconds(3660)), scheduler.nextFireTime("minutely"));
    }

    @Test
    void shouldKeepScheduleWhenTargetFails() {
        scheduler.create(Rule.builder().name("flaky").schedule("rate(1 minute)")
                .target(i -> {
                    throw new IllegalStateException("down");
                }).build());
        clock.advance(Duration.ofMinutes(3));
        assertEquals(3, scheduler.invocationCount("flaky"));
        assertEquals(3, errors.size());
        assertEquals("target of rule flaky failed at 2025-01-01T00:01:00Z: java.lang.IllegalStateException: down",
                errors.get(0).getMessage());
    }

    @Test
    void shouldStopWhenDisabledOrDeletedAndResumeWhenEnabled() {
        List<Instant> fired = new ArrayList<>();
        scheduler.create(Rule.builder().name("r").schedule("rate(1 minute)")
                .target(i -> fired.add(i.scheduledTime())).build());
        clock.advance(Duration.ofMinutes(2));
        scheduler.disable("r");
        assertEquals(Optional.empty(), scheduler.nextFireTime("r"));
        clock.advance(Duration.ofMinutes(5));
        assertEquals(2, fired.size());
        scheduler.enable("r");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(START.plusSeconds(480), fired.get(2));
        scheduler.delete("r");
        clock.advance(Duration.ofMinutes(5));
        assertEquals(3, fired.size());
        assertTrue(scheduler.rules().isEmpty());
    }

    @Test
    void shouldRejectDuplicateAndUnknownRulesWithAwsCodes() {
        Rule rule = Rule.builder().name("r").schedule("rate(1 minute)").target(i -> { }).build();
        scheduler.create(rule);
        StratusException duplicate = assertThrows(StratusException.class, () -> scheduler.create(rule));
        assertEquals("ResourceAlreadyExistsException", duplicate.code());
        assertEquals("Rule r already exists.", duplicate.getMessage());
        StratusException unknown = assertThrows(StratusException.class, () -> scheduler.delete("nope"));
        assertEquals("ResourceNotFoundException", unknown.code());
        assertEquals("Rule nope does not exist.", unknown.getMessage());
    }

    @Test
    void shouldRejectBadRuleSettingsNamingTheField() {
        assertEquals("name must be 1 to 64 characters of . - _ A-Z a-z 0-9: name=bad name",
                assertThrows(IllegalArgumentException.class, () -> Rule.builder().name("bad name")).getMessage());
        assertEquals("schedule is required: schedule=null, name=r", assertThrows(IllegalStateException.class,
                () -> Rule.builder().name("r").target(i -> { }).build()).getMessage());
        assertEquals("target is required: target=null, name=r", assertThrows(IllegalStateException.class,
                () -> Rule.builder().name("r").schedule("rate(1 minute)").build()).getMessage());
        assertEquals("zone", assertThrows(NullPointerException.class, () -> Rule.builder().zone(null)).getMessage());
        assertEquals("clock", assertThrows(NullPointerException.class,
                () -> Scheduler.builder().clock(null)).getMessage());
    }
}
