package dev.stratus.samples;

import dev.stratus.Stratus;
import dev.stratus.bus.Bus;
import dev.stratus.bus.MessageAttribute;
import dev.stratus.bus.PublishRequest;
import dev.stratus.bus.Queue;
import dev.stratus.bus.ReceivedMessage;
import dev.stratus.bus.Topic;
import dev.stratus.core.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Shows the Bus fanning one order event out, as in "Event-Driven Computing with Amazon SNS": a filtered queue
 * polled by a worker, and a Java function; then a visibility timeout expiring on the manual clock.
 */
public final class BusFanOut {
    private BusFanOut() {
    }

    /** Runs the sample. */
    public static void main(final String... args) {
        // Virtual time and inline delivery make every step deterministic.
        ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
        Stratus stratus = Stratus.builder().clock(clock).seed(7).bus(b -> b.executor(Runnable::run)).build();
        Bus bus = stratus.bus();

        // A topic for order events, a queue for big orders only, and a function that sees everything.
        Topic orders = bus.createTopic("orders");
        Queue bigOrders = bus.createQueue("big-orders", Map.of("VisibilityTimeout", "30"));
        orders.subscribe(bigOrders, Map.of("RawMessageDelivery", "true",
                "FilterPolicy", "{\"amount\": [{\"numeric\": [\">=\", 100]}]}"));
        orders.subscribe("audit", n -> System.out.println("  audit saw: " + n.message()), Map.of());

        // Two events: only the second passes the queue's filter policy.
        orders.publish(PublishRequest.builder().message("order 1: 20 EUR")
                .messageAttribute("amount", MessageAttribute.number(20)).build());
        orders.publish(PublishRequest.builder().message("order 2: 250 EUR")
                .messageAttribute("amount", MessageAttribute.number(250)).build());

        // The worker receives the big order but does not delete it...
        List<ReceivedMessage> first = bigOrders.receive(10);
        System.out.println("  worker got: " + first.get(0).body() + " (receive #" + first.get(0).receiveCount() + ")");

        // ...so after the 30 s visibility timeout it comes back, and this time the worker deletes it.
        clock.advance(Duration.ofSeconds(30));
        ReceivedMessage again = bigOrders.receive(10).get(0);
        System.out.println("  worker got: " + again.body() + " (receive #" + again.receiveCount() + ")");
        bigOrders.delete(again.receiptHandle());
        System.out.println("  queue now holds " + bigOrders.size() + " messages");
    }
}
