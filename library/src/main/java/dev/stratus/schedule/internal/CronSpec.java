package dev.stratus.schedule.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Optional;

/**
 * AWS's six-field cron: {@code minutes hours day-of-month month day-of-week year}, with {@code , - * /} everywhere,
 * {@code ?} in one of the day fields (exactly one of them must be {@code ?}), {@code L} and {@code W} in
 * day-of-month, {@code L} and {@code #} in day-of-week (1 = SUN ... 7 = SAT), years 1970-2199.
 */
public final class CronSpec {
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
        "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    private static final int MAX_YEAR = 2199;

    private final BitSet minutes;
    private final BitSet hours;
    private final DayOfMonth dayOfMonth;
    private final BitSet months;
    private final DayOfWeekRule dayOfWeek;
    private final BitSet years;

    /** Day-of-month: a set of days, or last day ({@code L}), or nearest weekday ({@code nW}, {@code LW}). */
    private record DayOfMonth(boolean any, BitSet days, boolean last, int nearestWeekdayTo, boolean lastWeekday) {
    }

    /** Day-of-week: a set of days, or the last given weekday ({@code nL}), or the nth ({@code d#n}). */
    private record DayOfWeekRule(boolean any, BitSet days, int lastOf, int nthDay, int nth) {
    }

    private CronSpec(final String[] fields) {
        minutes = parseSet(fields[0], 0, 59, null, "minutes");
        hours = parseSet(fields[1], 0, 23, null, "hours");
        dayOfMonth = parseDayOfMonth(fields[2]);
        months = parseSet(fields[3], 1, 12, MONTHS, "month");
        dayOfWeek = parseDayOfWeek(fields[4]);
        years = parseSet(fields[5], 1970, MAX_YEAR, null, "year");
        if (dayOfMonth.any() == dayOfWeek.any()) {
            throw new IllegalArgumentException(dayOfMonth.any()
                    ? "day-of-month and day-of-week cannot both be '?'"
                    : "one of day-of-month and day-of-week must be '?'");
        }
    }

    /**
     * Parses the six fields between {@code cron(} and {@code )}.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public static CronSpec parse(final String body) {
        String[] fields = body.trim().split("\\s+");
        if (fields.length != 6) {
            throw new IllegalArgumentException("cron needs 6 fields"
                    + " (minutes hours day-of-month month day-of-week year), found " + fields.length);
        }
        return new CronSpec(fields);
    }

    /** The first minute strictly after {@code after} that matches, in {@code zone}; empty past year 2199. */
    public Optional<ZonedDateTime> next(final ZonedDateTime after) {
        ZoneId zone = after.getZone();
        LocalDateTime t = after.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        while (t.getYear() <= MAX_YEAR) {
            if (!years.get(t.getYear())) {
                int year = years.nextSetBit(t.getYear());
                if (year < 0) {
                    return Optional.empty();
                }
                t = LocalDate.of(year, 1, 1).atStartOfDay();
                continue;
            }
            if (!months.get(t.getMonthValue())) {
                t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
                continue;
            }
            if (!dayMatches(t.toLocalDate())) {
                t = t.toLocalDate().plusDays(1).atStartOfDay();
                continue;
            }
            if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
                continue;
            }
            if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
                continue;
            }
            ZonedDateTime candidate = ZonedDateTime.ofLocal(t, zone, null);
            if (candidate.isAfter(after) && candidate.toLocalDateTime().equals(t)) {
                return Optional.of(candidate);
            }
            t = t.plusMinutes(1); // a local time skipped by a daylight-saving gap does not fire
        }
        return Optional.empty();
    }

    private boolean dayMatches(final LocalDate date) {
        if (!dayOfMonth.any()) {
            int lastDay = date.lengthOfMonth();
            if (dayOfMonth.last()) {
                return date.getDayOfMonth() == lastDay;
            }
            if (dayOfMonth.lastWeekday()) {
                return date.equals(nearestWeekday(date.withDayOfMonth(lastDay)));
            }
            if (dayOfMonth.nearestWeekdayTo() > 0) {
                int target = Math.min(dayOfMonth.nearestWeekdayTo(), lastDay);
                return date.equals(nearestWeekday(date.withDayOfMonth(target)));
            }
            return dayOfMonth.days().get(date.getDayOfMonth());
        }
        int awsDay = date.getDayOfWeek().getValue() % 7 + 1; // SUN=1 ... SAT=7
        if (dayOfWeek.lastOf() > 0) {
            return awsDay == dayOfWeek.lastOf() && date.plusWeeks(1).getMonthValue() != date.getMonthValue();
        }
        if (dayOfWeek.nth() > 0) {
            return awsDay == dayOfWeek.nthDay() && (date.getDayOfMonth() - 1) / 7 + 1 == dayOfWeek.nth();
        }
        return dayOfWeek.days().get(awsDay);
    }

    /** The weekday nearest to {@code day} without leaving its month (cron's {@code W}). */
    private static LocalDate nearestWeekday(final LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        if (dow == DayOfWeek.SATURDAY) {
            return day.getDayOfMonth() == 1 ? day.plusDays(2) : day.minusDays(1);
        }
        if (dow == DayOfWeek.SUNDAY) {
            return day.getDayOfMonth() == day.lengthOfMonth() ? day.minusDays(2) : day.plusDays(1);
        }
        return day;
    }

    private static DayOfMonth parseDayOfMonth(final String field) {
        String f = field.toUpperCase(Locale.ROOT);
        if (f.equals("?")) {
            return new DayOfMonth(true, null, false, 0, false);
        }
        if (f.equals("L")) {
            return new DayOfMonth(false, null, true, 0, false);
        }
        if (f.equals("LW")) {
            return new DayOfMonth(false, null, false, 0, true);
        }
        if (f.endsWith("W")) {
            int day = number(f.substring(0, f.length() - 1), 1, 31, null, "day-of-month");
            return new DayOfMonth(false, null, false, day, false);
        }
        return new DayOfMonth(false, parseSet(field, 1, 31, null, "day-of-month"), false, 0, false);
    }

    private static DayOfWeekRule parseDayOfWeek(final String field) {
        String f = field.toUpperCase(Locale.ROOT);
        if (f.equals("?")) {
            return new DayOfWeekRule(true, null, 0, 0, 0);
        }
        if (f.equals("L")) {
            BitSet saturday = new BitSet();
            saturday.set(7);
            return new DayOfWeekRule(false, saturday, 0, 0, 0);
        }
        if (f.endsWith("L")) {
            int day = number(f.substring(0, f.length() - 1), 1, 7, DAYS, "day-of-week");
            return new DayOfWeekRule(false, null, day, 0, 0);
        }
        int hash = f.indexOf('#');
        if (hash >= 0) {
            int day = number(f.substring(0, hash), 1, 7, DAYS, "day-of-week");
            int nth = number(f.substring(hash + 1), 1, 5, null, "day-of-week");
            return new DayOfWeekRule(false, null, 0, day, nth);
        }
        return new DayOfWeekRule(false, parseSet(field, 1, 7, DAYS, "day-of-week"), 0, 0, 0);
    }

    private static BitSet parseSet(final String field, final int min, final int max, final String[] names,
            final String fieldName) {
        BitSet set = new BitSet(max + 1);
        for (String part : field.toUpperCase(Locale.ROOT).split(",", -1)) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException(fieldName + " has an empty list element: " + fieldName + "="
                        + field);
            }
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(part.substring(slash + 1), 1, max, null, fieldName);
                range = part.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else {
                int dash = range.indexOf('-', 1);
                from = number(dash < 0 ? range : range.substring(0, dash), min, max, names, fieldName);
                to = dash < 0 ? (slash >= 0 ? max : from) : number(range.substring(dash + 1), min, max, names,
                        fieldName);
                if (to < from) {
                    throw new IllegalArgumentException(fieldName + " range runs backwards: " + fieldName + "="
                            + field);
                }
            }
            for (int v = from; v <= to; v += step) {
                set.set(v);
            }
        }
        return set;
    }

    private static int number(final String text, final int min, final int max, final String[] names,
            final String fieldName) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(text)) {
                    return i + 1;
                }
            }
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(fieldName + " has an invalid value '" + text + "'", e);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(fieldName + " value " + value + " is outside " + min + "-" + max);
        }
        return value;
    }
}
