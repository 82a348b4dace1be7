package dev.stratus.states.internal;

/**
 * An ASL error travelling from where it is raised to the state that handles it with Retry/Catch. No stack trace:
 * it is a value, not a bug report. {@link #stateScoped()} errors get AWS's "An error occurred while executing the
 * state ..." prefix once the state is known.
 */
public final class AslError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String error;
    private final String cause;
    private final boolean stateScoped;
    /**
     * For a JSONata evaluation failure (an {@code EvaluationFailed} event), the field it failed in, empty when AWS
     * names none; null for any other error.
     */
    private final String location;

    /** An error with a name and a cause (either may be null). */
    public AslError(final String error, final String cause) {
        this(error, cause, false, null);
    }

    private AslError(final String error, final String cause, final boolean stateScoped, final String location) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.cause = cause;
        this.stateScoped = stateScoped;
        this.location = location;
    }

    /** A States.QueryEvaluationError (a JSONata expression failed) in the field {@code location}. */
    public static AslError queryEvaluation(final String cause, final String location) {
        return new AslError("States.QueryEvaluationError", cause, true, location);
    }

    /** A States.Runtime error whose cause AWS prefixes with the state name and entry event id. */
    public static AslError runtime(final String cause) {
        return new AslError("States.Runtime", cause, true, null);
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }

    public String location() {
        return location;
    }

    public boolean stateScoped() {
        return stateScoped;
    }

    /** This error as a plain value, without the state prefix (TestState reports causes bare). */
    public AslError withoutPrefix() {
        return stateScoped ? new AslError(error, cause, false, location) : this;
    }

    /** This error with AWS's state prefix on its cause. */
    public AslError inState(final String state, final long enteredEventId) {
        if (!stateScoped) {
            return this;
        }
        return new AslError(error, "An error occurred while executing the state '" + state
                + "' (entered at the event id #" + enteredEventId + "). " + cause, false, location);
    }
}
