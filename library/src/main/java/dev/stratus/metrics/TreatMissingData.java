package dev.stratus.metrics;

import java.util.Objects;

/** How an alarm treats periods without data. */
public enum TreatMissingData {
    /** The default: all missing means INSUFFICIENT_DATA. */
    MISSING("missing"),
    /** Missing periods count as within the threshold. */
    NOT_BREACHING("notBreaching"),
    /** Missing periods count as breaching. */
    BREACHING("breaching"),
    /** Missing periods keep the current state. */
    IGNORE("ignore");

    private final String awsName;

    TreatMissingData(final String awsName) {
        this.awsName = awsName;
    }

    /** The name on the wire. */
    public String awsName() {
        return awsName;
    }

    /**
     * The setting named {@code name}.
     *
     * @throws IllegalArgumentException if unknown
     */
    public static TreatMissingData of(final String name) {
        Objects.requireNonNull(name, "treatMissingData");
        for (TreatMissingData treat : values()) {
            if (treat.awsName.equals(name)) {
                return treat;
            }
        }
        throw new IllegalArgumentException("unknown treatMissingData: treatMissingData=" + name);
    }
}
