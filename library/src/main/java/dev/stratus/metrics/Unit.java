package dev.stratus.metrics;

import java.util.Objects;

/** CloudWatch's 27 standard units. CloudWatch never converts between them: each unit is aggregated apart. */
public enum Unit {
    /** Seconds. */
    SECONDS("Seconds"),
    /** Microseconds. */
    MICROSECONDS("Microseconds"),
    /** Milliseconds. */
    MILLISECONDS("Milliseconds"),
    /** Bytes. */
    BYTES("Bytes"),
    /** Kilobytes. */
    KILOBYTES("Kilobytes"),
    /** Megabytes. */
    MEGABYTES("Megabytes"),
    /** Gigabytes. */
    GIGABYTES("Gigabytes"),
    /** Terabytes. */
    TERABYTES("Terabytes"),
    /** Bits. */
    BITS("Bits"),
    /** Kilobits. */
    KILOBITS("Kilobits"),
    /** Megabits. */
    MEGABITS("Megabits"),
    /** Gigabits. */
    GIGABITS("Gigabits"),
    /** Terabits. */
    TERABITS("Terabits"),
    /** Percent. */
    PERCENT("Percent"),
    /** Count. */
    COUNT("Count"),
    /** Bytes per second. */
    BYTES_PER_SECOND("Bytes/Second"),
    /** Kilobytes per second. */
    KILOBYTES_PER_SECOND("Kilobytes/Second"),
    /** Megabytes per second. */
    MEGABYTES_PER_SECOND("Megabytes/Second"),
    /** Gigabytes per second. */
    GIGABYTES_PER_SECOND("Gigabytes/Second"),
    /** Terabytes per second. */
    TERABYTES_PER_SECOND("Terabytes/Second"),
    /** Bits per second. */
    BITS_PER_SECOND("Bits/Second"),
    /** Kilobits per second. */
    KILOBITS_PER_SECOND("Kilobits/Second"),
    /** Megabits per second. */
    MEGABITS_PER_SECOND("Megabits/Second"),
    /** Gigabits per second. */
    GIGABITS_PER_SECOND("Gigabits/Second"),
    /** Terabits per second. */
    TERABITS_PER_SECOND("Terabits/Second"),
    /** Count per second. */
    COUNT_PER_SECOND("Count/Second"),
    /** No unit; what CloudWatch reports when a datum names none. */
    NONE("None");

    private final String awsName;

    Unit(final String awsName) {
        this.awsName = awsName;
    }

    /** The name on the wire, e.g. {@code Bytes/Second}. */
    public String awsName() {
        return awsName;
    }

    /**
     * The unit with AWS name {@code name}.
     *
     * @throws IllegalArgumentException if no unit has that name
     */
    public static Unit of(final String name) {
        Objects.requireNonNull(name, "unit");
        for (Unit unit : values()) {
            if (unit.awsName.equals(name)) {
                return unit;
            }
        }
        throw new IllegalArgumentException("unknown unit: unit=" + name);
    }

    @Override
    public String toString() {
        return awsName;
    }
}
