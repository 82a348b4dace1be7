package dev.stratus.bus.internal;

/**
 * A filter policy rejected while compiling; the message is AWS's text without the per-operation prefix, e.g.
 * {@code FilterPolicy: Filter policy is too complex}.
 */
public final class PolicyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean ruleText;

    /** A rule text that gets the {@code FilterPolicy: } prefix when reported. */
    public PolicyException(final String message) {
        this(message, true);
    }

    PolicyException(final String message, final boolean ruleText) {
        super(message, null, false, false);
        this.ruleText = ruleText;
    }

    /** The reason as AWS reports it after {@code Invalid parameter: } (with or without {@code FilterPolicy: }). */
    public String reason() {
        return ruleText ? "FilterPolicy: " + getMessage() : getMessage();
    }
}
