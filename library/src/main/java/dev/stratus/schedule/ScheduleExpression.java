package dev.stratus.schedule;

import dev.stratus.core.StratusException;
import dev.stratus.schedule.internal.CronSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule expression: {@code rate(value unit)}, AWS's six-field
 * {@code cron(minutes hours day-of-month month day-of-week year)}, or a one-time {@code at(yyyy-mm-ddThh:mm:ss)}.
 *
 * <pre>{@code
 * ScheduleExpression.parse("rate(15 minutes)");
 * ScheduleExpression.parse("cron(0/1 * * * ? *)");        // every minute
 * ScheduleExpression.parse("cron(0 10 ? * MON-FRI *)");   // 10:00 on weekdays
 * }</pre>
 */
public final class ScheduleExpression {
    /** The error code EventBridge returns for a malformed expression. */
    public static final String VALIDATION_EXCEPTION = "ValidationException";

    private static final Pattern RATE = Pattern.compile("rate\\((\\S+) (\\S+)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");
    private static final Pattern AT = Pattern.compile("at\\((.*)\\)");

    private final String text;
    private final Duration rate;
    private final CronSpec cron;
    private final LocalDateTime at;

    private ScheduleExpression(final String text, final Duration rate, final CronSpec cron, final LocalDateTime at) {
        this.text = text;
        this.rate = rate;
        this.cron = cron;
        this.at = at;
    }

    /**
     * Parses an expression.
     *
     * @throws StratusException with code {@value #VALIDATION_EXCEPTION} and EventBridge's message
     *     {@code Parameter ScheduleExpression is not valid.} followed by what is wrong
     */
    public static ScheduleExpression parse(final String expression) {
        Objects.requireNonNull(expression, "expression");
        try {
            Matcher m = RATE.matcher(expression);
            if (m.matches()) {
                return new ScheduleExpression(expression, parseRate(m.group(1), m.group(2)), null, null);
            }
            m = CRON.matcher(expression);
            if (m.matches()) {
                return new ScheduleExpression(expression, null, CronSpec.parse(m.group(1)), null);
            }
            m = AT.matcher(expression);
            if (m.matches()) {
                try {
                    return new ScheduleExpression(expression, null, null, LocalDateTime.parse(m.group(1)));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("at() needs yyyy-mm-ddThh:mm:ss", e);
                }
            }
            throw new IllegalArgumentException("expected rate(value unit), cron(6 fields) or at(yyyy-mm-ddThh:mm:ss)");
        } catch (IllegalArgumentException e) {
            throw new StratusException(VALIDATION_EXCEPTION, "Parameter ScheduleExpression is not valid. "
                    + e.getMessage() + ": ScheduleExpression=" + expression, e);
        }
    }

    private static Duration parseRate(final String valueText, final String unit) {
        long value;
        try {
            value = Long.parseLong(valueText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rate value must be a positive whole number, found '" + valueText
                    + "'", e);
        }
        if (value <= 0) {
            throw new IllegalArgumentException("rate value must be a positive whole number, found " + value);
        }
        String singular = unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
        Duration base = switch (singular) {
            case "minute" -> Duration.ofMinutes(1);
            case "hour" -> Duration.ofHours(1);
            case "day" -> Duration.ofDays(1);
            default -> throw new IllegalArgumentException("rate unit must be minute(s), hour(s) or day(s), found '"
                    + unit + "'");
        };
        // AWS: a value of 1 takes the singular unit, any other value the plural
        boolean plural = unit.endsWith("s");
        if ((value == 1) == plural) {
            throw new IllegalArgumentException(value == 1 ? "rate of 1 takes a singular unit, found '" + unit + "'"
                    : "rate of " + value + " takes a plural unit, found '" + unit + "'");
        }
        return base.multipliedBy(value);
    }

    /** The period of a {@code rate(...)} expression, if it is one. */
    public Optional<Duration> rate() {
        return Optional.ofNullable(rate);
    }

    /**
     * The first time strictly after {@code after} that this expression fires, evaluated in {@code zone} (cron and
     * at); empty once a one-time or bounded schedule is over. A rate fires every period counted from
     * {@code after}.
     */
    public Optional<Instant> next(final Instant after, final ZoneId zone) {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(zone, "zone");
        if (rate != null) {
            return Optional.of(after.plus(rate));
        }
        if (cron != null) {
            return cron.next(ZonedDateTime.ofInstant(after, zone)).map(ZonedDateTime::toInstant);
        }
        Instant once = at.atZone(zone).toInstant();
        return once.isAfter(after) ? Optional.of(once) : Optional.empty();
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof ScheduleExpression that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The expression as written. */
    @Override
    public String toString() {
        return text;
    }
}
