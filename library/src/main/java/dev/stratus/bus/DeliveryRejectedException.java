package dev.stratus.bus;

import dev.stratus.core.StratusException;

/** Thrown by a {@link NotificationHandler} to reject a notification for good: no retries, straight to the DLQ. */
public final class DeliveryRejectedException extends StratusException {
    private static final long serialVersionUID = 1L;

    /** A rejection with AWS-style error code and message, copied to the DLQ message's attributes. */
    public DeliveryRejectedException(final String code, final String message) {
        super(code, message);
    }
}
