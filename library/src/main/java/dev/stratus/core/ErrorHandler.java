package dev.stratus.core;

/**
 * Receives failures that happen off the caller's thread: a subscriber or task handler that throws, a timer task
 * that fails. Stratus never swallows them; without a handler they are logged through {@link System.Logger}.
 */
@FunctionalInterface
public interface ErrorHandler {

    /** Called with each asynchronous failure; must not throw. */
    void onError(Throwable error);

    /** The default: logs at ERROR level through {@code System.getLogger("dev.stratus")}. */
    static ErrorHandler logging() {
        return LoggingErrorHandler.INSTANCE;
    }
}
