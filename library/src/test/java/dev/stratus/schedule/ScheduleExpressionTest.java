package dev.stratus.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stratus.core.StratusException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScheduleExpressionTest {

    private static List<String> next(final String expression, final String after, final int count,
            final ZoneId zone) {
        ScheduleExpression schedule = ScheduleExpression.parse(expression);
        List<String> times = new ArrayList<>();
        Instant t = Instant.parse(after);
        for (int i = 0; i < count; i++) {
            Optional<Instant> next = schedule.next(t, zone);
            if (next.isEmpty()) {
                break;
            }
            t = next.get();
            times.add(t.toString());
        }
        return times;
    }

    private static List<String> next(final String expression, final String after, final int count) {
        return next(expression, after, count, ZoneOffset.UTC);
    }

    @Test
    void shouldFireRateEveryPeriod() {
        assertEquals(Optional.of(Duration.ofMinutes(15)), ScheduleExpression.parse("rate(15 minutes)").rate());
        assertEquals(List.of("2025-01-01T00:15:00Z", "2025-01-01T00:30:00Z"),
                next("rate(15 minutes)", "2025-01-01T00:00:00Z", 2));
        assertEquals(List.of("2025-01-02T00:00:00Z"), next("rate(1 day)", "2025-01-01T00:00:00Z", 1));
    }

    @Test
    void shouldFireEveryMinuteForTheBlogPostCron() {
        assertEquals(List.of("2025-01-01T00:01:00Z", "2025-01-01T00:02:00Z", "2025-01-01T00:03:00Z"),
                next("cron(0/1 * * * ? *)", "2025-01-01T00:00:00Z", 3));
        assertEquals(List.of("2025-01-01T00:01:00Z"), next("cron(0/1 * * * ? *)", "2025-01-01T00:00:30Z", 1));
    }

    @Test
    void shouldHonourRangesListsStepsAndNames() {
        assertEquals(List.of("2025-01-06T10:00:00Z", "2025-01-07T10:00:00Z"),
                next("cron(0 10 ? * MON-FRI *)", "2025-01-04T00:00:00Z", 2)); // 4 Jan 2025 is a Saturday
        assertEquals(List.of("2025-01-01T08:15:00Z", "2025-01-01T08:45:00Z", "2025-01-01T17:15:00Z"),
                next("cron(15,45 8,17 * * ? *)", "2025-01-01T00:00:00Z", 3));
        assertEquals(List.of("2025-03-01T00:00:00Z", "2025-06-01T00:00:00Z"),
                next("cron(0 0 1 MAR/3 ? 2025)", "2025-01-01T00:00:00Z", 2));
    }

    @Test
    void shouldHonourLastWeekdayAndNth() {
        assertEquals(List.of("2025-01-31T12:00:00Z", "2025-02-28T12:00:00Z"),
                next("cron(0 12 L * ? *)", "2025-01-01T00:00:00Z", 2));
        // 15 Feb 2025 is a Saturday: the nearest weekday is Friday 14th
        assertEquals(List.of("2025-02-14T09:00:00Z"), next("cron(0 9 15W 2 ? 2025)", "2025-02-01T00:00:00Z", 1));
        // 1 Mar 2025 is a Saturday: 1W moves forward to Monday the 3rd, never into February
        assertEquals(List.of("2025-03-03T09:00:00Z"), next("cron(0 9 1W 3 ? 2025)", "2025-02-01T00:00:00Z", 1));
        // third Friday (6#3) and last Friday (6L)
        assertEquals(List.of("2025-01-17T00:00:00Z"), next("cron(0 0 ? 1 6#3 2025)", "2025-01-01T00:00:00Z", 1));
        assertEquals(List.of("2025-01-31T00:00:00Z"), next("cron(0 0 ? 1 6L 2025)", "2025-01-01T00:00:00Z", 1));
    }

    @Test
    void shouldEndBoundedSchedules() {
        assertEquals(List.of("2025-12-25T00:00:00Z"), next("cron(0 0 25 12 ? 2025)", "2025-01-01T00:00:00Z", 3));
        assertEquals(List.of("2025-06-01T12:00:00Z"), next("at(2025-06-01T12:00:00)", "2025-01-01T00:00:00Z", 3));
    }

    @Test
    void shouldReadCronInTheRuleTimeZone() {
        assertEquals(List.of("2025-01-01T14:00:00Z"),
                next("cron(0 9 * * ? *)", "2025-01-01T00:00:00Z", 1, ZoneId.of("America/New_York")));
    }

    @Test
    void shouldRejectMalformedExpressionsWithEventBridgeMessage() {
        assertInvalid("cron(0 0 * * * *)", "one of day-of-month and day-of-week must be '?'");
        assertInvalid("cron(0 0 ? * ? *)", "day-of-month and day-of-week cannot both be '?'");
        assertInvalid("cron(0 0 * * ?)", "cron needs 6 fields (minutes hours day-of-month month day-of-week year),"
                + " found 5");
        assertInvalid("cron(60 0 * * ? *)", "minutes value 60 is outside 0-59");
        assertInvalid("cron(0 0 ? * FUNDAY *)", "day-of-week has an invalid value 'FUNDAY'");
        assertInvalid("rate(0 minutes)", "rate value must be a positive whole number, found 0");
        assertInvalid("rate(5 minute)", "rate of 5 takes a plural unit, found 'minute'");
        assertInvalid("rate(1 hours)", "rate of 1 takes a singular unit, found 'hours'");
        assertInvalid("rate(2 weeks)", "rate unit must be minute(s), hour(s) or day(s), found 'weeks'");
        assertInvalid("every minute", "expected rate(value unit), cron(6 fields) or at(yyyy-mm-ddThh:mm:ss)");
    }

    private static void assertInvalid(final String expression, final String detail) {
        StratusException e = assertThrows(StratusException.class, () -> ScheduleExpression.parse(expression));
        assertEquals("ValidationException", e.code());
        assertEquals("Parameter ScheduleExpression is not valid. " + detail + ": ScheduleExpression=" + expression,
                e.getMessage());
    }
}
