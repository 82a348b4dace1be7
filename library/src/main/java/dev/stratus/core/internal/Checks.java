package dev.stratus.core.internal;

import java.time.Duration;
import java.util.Objects;

/** Preconditions whose messages follow the house form: what is wrong, then {@code field=value}. */
public final class Checks {
    private Checks() {
    }

    private static final java.util.regex.Pattern ACCOUNT = java.util.regex.Pattern.compile("\\d{12}");
    private static final java.util.regex.Pattern REGION = java.util.regex.Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    /** An AWS account id: 12 digits. */
    public static String account(final String account) {
        Objects.requireNonNull(account, "account");
        if (!ACCOUNT.matcher(account).matches()) {
            throw new IllegalArgumentException("account must be 12 digits: account=" + account);
        }
        return account;
    }

    /** An AWS region name such as {@code us-east-1}. */
    public static String region(final String region) {
        Objects.requireNonNull(region, "region");
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("region must look like us-east-1: region=" + region);
        }
        return region;
    }

    public static <T> T notNull(final T value, final String field) {
        return Objects.requireNonNull(value, field);
    }

    public static String notEmpty(final String value, final String field) {
        Objects.requireNonNull(value, field);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty: " + field + "=");
        }
        return value;
    }

    public static int positive(final int value, final String field) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive: " + field + "=" + value);
        }
        return value;
    }

    public static long positive(final long value, final String field) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive: " + field + "=" + value);
        }
        return value;
    }

    public static int inRange(final int value, final int min, final int max, final String field) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    field + " must be between " + min + " and " + max + ": " + field + "=" + value);
        }
        return value;
    }

    public static long inRange(final long value, final long min, final long max, final String field) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    field + " must be between " + min + " and " + max + ": " + field + "=" + value);
        }
        return value;
    }

    public static int powerOfTwo(final int value, final int min, final String field) {
        if (value < min || Integer.bitCount(value) != 1) {
            throw new IllegalArgumentException(
                    field + " must be a power of two of at least " + min + ": " + field + "=" + value);
        }
        return value;
    }

    public static Duration nonNegative(final Duration value, final String field) {
        Objects.requireNonNull(value, field);
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative: " + field + "=" + value);
        }
        return value;
    }

    public static void argument(final boolean condition, final String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public static void state(final boolean condition, final String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
