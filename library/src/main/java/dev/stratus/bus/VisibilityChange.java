package dev.stratus.bus;

import java.time.Duration;
import java.util.Objects;

/**
 * One entry of {@link Queue#changeVisibilityBatch}: a received message's receipt handle and its new visibility
 * timeout, counted from the call.
 *
 * @param receiptHandle the handle from the receive
 * @param timeout the new visibility timeout, 0 to 12 hours
 */
public record VisibilityChange(String receiptHandle, Duration timeout) {

    /** Checks that both fields are present. */
    public VisibilityChange {
        Objects.requireNonNull(receiptHandle, "receiptHandle");
        Objects.requireNonNull(timeout, "timeout");
    }
}
