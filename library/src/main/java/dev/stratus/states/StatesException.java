package dev.stratus.states;

import dev.stratus.core.StratusException;

/**
 * An ASL error with its name and cause: thrown by a {@link TaskHandler} to fail its task with that error (so that
 * Retry and Catch see {@link #error()}), and by the engine's API for requests AWS rejects with a Step Functions error
 * code ({@code ExecutionDoesNotExist}, {@code TaskDoesNotExist}, ...).
 */
public class StatesException extends StratusException {
    private static final long serialVersionUID = 1L;

    private final String errorCause;

    /**
     * An error with a name and a cause.
     *
     * @param error the ASL error name, e.g. {@code Payment.Declined}; not null
     * @param cause the human-readable cause, may be null
     */
    public StatesException(final String error, final String cause) {
        super(error, cause == null ? error : cause);
        this.errorCause = cause;
    }

    /** The ASL error name (the same as {@link #code()}). */
    public String error() {
        return code();
    }

    /** The cause as given, possibly null. */
    public String errorCause() {
        return errorCause;
    }
}
