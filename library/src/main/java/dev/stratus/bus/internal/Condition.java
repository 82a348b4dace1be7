package dev.stratus.bus.internal;

import java.util.Arrays;
import java.util.Set;

/** One compiled match condition of a filter-policy leaf; a leaf matches when any of its conditions does. */
public sealed interface Condition {

    /** Whether a present value satisfies this condition. */
    boolean matches(FieldValue value);

    /** Whether an absent key satisfies this condition (only {@code {"exists": false}}). */
    default boolean matchesAbsent() {
        return false;
    }

    /** Exact string: case-sensitive equality. */
    record ExactString(String text) implements Condition {
        @Override
        public boolean matches(final FieldValue value) {
            return value.kind == FieldValue.STRING && value.text.equals(text);
        }
    }

    /** Exact number: numeric equality, so {@code 301.5} equals {@code 3.015e2}; never matches strings. */
    record ExactNumber(double number) implements Condition {
        @Override
        public boolean matches(final FieldValue value) {
            return value.kind == FieldValue.NUMBER && value.number == number;
        }
    }

    /** {@code true}, {@code false} or {@code null}. */
    record ExactLiteral(byte kind) implements Condition {
        @Override
        public boolean matches(final FieldValue value) {
            return value.kind == kind;
        }
    }

    /** {@code {"prefix": ..}}: strings only. */
    record Prefix(String prefix) implements Condition {
        @Override
        public boolean matches(final FieldValue value) {
            return value.kind == FieldValue.STRING && value.text.startsWith(prefix);
        }
    }

    /** {@code {"suffix": ..}}: strings only. */
    record Suffix(String suffix) implements Condition {
        @Override
        public boolean matches(final FieldValue value) {
            return value.kind == FieldValue.STRING && value.text.endsWith(suffix);
        }
    }

    /** {@code {"equals-ignore-case": ..}}: strings only, locale-independent folding. */
    record EqualsIgnoreCase(String text) implements Condition {
        @Override
        public boolean matches(final FieldValue value) {
            return value.kind == FieldValue.STRING && value.text.equalsIgnoreCase(text);
        }
    }

    /** {@code {"anything-but": "x"}} or a list of strings: any value that is not one of these strings. */
    record AnythingButStrings(Set<String> excluded) implements Condition {
        @Override
        public boolean matches(final FieldValue value) {
            return value.kind != FieldValue.STRING || !excluded.contains(value.text);
        }
    }

    /** {@code {"anything-but": 5}} or a list of numbers: any value that is not one of these numbers. */
    record AnythingButNumbers(double[] excluded) implements Condition {
        @Override
        public boolean matches(final FieldValue value) {
            if (value.kind != FieldValue.NUMBER) {
                return true;
            }
            for (double number : excluded) {
                if (number == value.number) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean equals(final Object other) {
            return other instanceof AnythingButNumbers that && Arrays.equals(excluded, that.excluded);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(excluded);
        }

        @Override
        public String toString() {
            return "AnythingButNumbers" + Arrays.toString(excluded);
        }
    }

    /** {@code {"anything-but": {"prefix": ..}}}: any value that is not a string with this prefix. */
    record AnythingButPrefix(String prefix) implements Condition {
        @Override
        public boolean matches(final FieldValue value) {
            return value.kind != FieldValue.STRING || !value.text.startsWith(prefix);
        }
    }

    /**
     * {@code {"numeric": [..]}}: numbers only. Bounds are open unless marked inclusive; an infinite bound means the
     * side is unbounded.
     */
    record Numeric(double lower, boolean lowerInclusive, double upper, boolean upperInclusive) implements Condition {
        @Override
        public boolean matches(final FieldValue value) {
            if (value.kind != FieldValue.NUMBER) {
                return false;
            }
            double n = value.number;
            boolean aboveLower = lowerInclusive ? n >= lower : n > lower;
            boolean belowUpper = upperInclusive ? n <= upper : n < upper;
            return aboveLower && belowUpper;
        }
    }

    /** {@code {"exists": true|false}}: key presence. */
    record Exists(boolean present) implements Condition {
        @Override
        public boolean matches(final FieldValue value) {
            return present;
        }

        @Override
        public boolean matchesAbsent() {
            return !present;
        }
    }

    /** {@code {"cidr": ..}}: strings holding an IPv4 or IPv6 address inside the block. */
    record InCidr(Cidr cidr) implements Condition {
        @Override
        public boolean matches(final FieldValue value) {
            return value.kind == FieldValue.STRING && cidr.contains(value.text);
        }
    }
}
