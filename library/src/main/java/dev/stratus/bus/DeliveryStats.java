package dev.stratus.bus;

/**
 * Per-subscription delivery counters. Invariant: {@code accepted == delivered + pending + deadLettered +
 * discarded}; {@code discarded} only grows when a delivery fails for good, or overflows the subscription's bound,
 * and the subscription has no dead-letter queue.
 *
 * @param accepted messages that passed the filter
 * @param delivered messages handed to the endpoint successfully
 * @param pending messages queued or waiting for a retry
 * @param deadLettered messages sent to the subscription's dead-letter queue
 * @param discarded messages dropped (no dead-letter queue), each reported to the error handler
 */
public record DeliveryStats(long accepted, long delivered, long pending, long deadLettered, long discarded) {
}
