package dev.stratus.metrics;

import java.util.Objects;

/** How an alarm compares a datapoint with its threshold. */
public enum ComparisonOperator {
    /** value >= threshold. */
    GREATER_THAN_OR_EQUAL_TO_THRESHOLD("GreaterThanOrEqualToThreshold", "greater than or equal to"),
    /** value > threshold. */
    GREATER_THAN_THRESHOLD("GreaterThanThreshold", "greater than"),
    /** value < threshold. */
    LESS_THAN_THRESHOLD("LessThanThreshold", "less than"),
    /** value <= threshold. */
    LESS_THAN_OR_EQUAL_TO_THRESHOLD("LessThanOrEqualToThreshold", "less than or equal to");

    private final String awsName;
    private final String words;

    ComparisonOperator(final String awsName, final String words) {
        this.awsName = awsName;
        this.words = words;
    }

    /** The name on the wire. */
    public String awsName() {
        return awsName;
    }

    /** The words of CloudWatch's state reasons ("greater than"). */
    public String words() {
        return words;
    }

    /** Whether {@code value} breaches {@code threshold}. */
    public boolean breaches(final double value, final double threshold) {
        return switch (this) {
            case GREATER_THAN_OR_EQUAL_TO_THRESHOLD -> value >= threshold;
            case GREATER_THAN_THRESHOLD -> value > threshold;
            case LESS_THAN_THRESHOLD -> value < threshold;
            case LESS_THAN_OR_EQUAL_TO_THRESHOLD -> value <= threshold;
        };
    }

    /**
     * The operator named {@code name}.
     *
     * @throws IllegalArgumentException if unknown
     */
    public static ComparisonOperator of(final String name) {
        Objects.requireNonNull(name, "comparisonOperator");
        for (ComparisonOperator operator : values()) {
            if (operator.awsName.equals(name)) {
                return operator;
            }
        }
        throw new IllegalArgumentException("unknown comparison operator: comparisonOperator=" + name);
    }
}
