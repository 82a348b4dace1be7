package dev.stratus.core;

import java.util.Objects;

/**
 * The root of every exception Stratus throws for a failed request or operation. {@link #code()} is the error name
 * AWS uses for the same failure ({@code InvalidParameter}, {@code States.TaskFailed}, {@code ResourceNotFound},
 * ...), so callers can branch on it as they would on an AWS SDK error code.
 */
public class StratusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;

    /**
     * An exception with an AWS error code and message.
     *
     * @throws NullPointerException if {@code code} is null
     */
    public StratusException(final String code, final String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /**
     * An exception with an AWS error code, message and cause.
     *
     * @throws NullPointerException if {@code code} is null
     */
    public StratusException(final String code, final String message, final Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** AWS's name for this error, e.g. {@code InvalidParameter} or {@code States.Timeout}. */
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return getClass().getName() + ": " + code + ": " + getMessage();
    }
}
