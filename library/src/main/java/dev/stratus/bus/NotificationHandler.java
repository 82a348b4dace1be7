package dev.stratus.bus;

/**
 * A Java function subscribed to a topic (the Lambda protocol). Called asynchronously, one notification at a time
 * per subscription. Throwing retries the delivery on the bus clock with AWS's policy for AWS-managed endpoints;
 * throwing {@link DeliveryRejectedException} is a client-side error: not retried, dead-lettered at once.
 */
@FunctionalInterface
public interface NotificationHandler {

    /** Handles one notification. */
    void handle(Notification notification) throws Exception;
}
