package dev.stratus.core;

/** Logs asynchronous failures through the platform logger. */
final class LoggingErrorHandler implements ErrorHandler {
    static final LoggingErrorHandler INSTANCE = new LoggingErrorHandler();
    private static final System.Logger LOG = System.getLogger("dev.stratus");

    private LoggingErrorHandler() {
    }

    @Override
    public void onError(final Throwable error) {
        LOG.log(System.Logger.Level.ERROR, "asynchronous failure", error);
    }

    @Override
    public String toString() {
        return "ErrorHandler.logging()";
    }
}
