package dev.stratus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.core.Clock;
import dev.stratus.core.RandomSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bounded stress runs on real time: one producer and one consumer, then a final invariant check. */
@Timeout(60)
class BusConcurrencyTest {
    private static final int MESSAGES = 20_000;

    @Test
    void shouldDeliverEveryPublishedMessageExactlyOnceToOneProducerOneConsumer() throws Exception {
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        try (Bus bus = Bus.builder().clock(Clock.system()).random(RandomSource.seeded(11)).errorHandler(errors::add)
                .build()) {
            Topic topic = bus.createTopic("stress");
            Queue queue = bus.createQueue("stress", Map.of("VisibilityTimeout", "600"));
            topic.subscribe(queue, Map.of("RawMessageDelivery", "true"));
            Set<String> seen = Collections.synchronizedSet(new HashSet<>());
            Thread consumer = new Thread(() -> {
                while (seen.size() < MESSAGES) {
                    for (ReceivedMessage message : queue.receive(10, Duration.ofSeconds(1))) {
                        seen.add(message.body());
                        queue.delete(message.receiptHandle());
                    }
                }
            });
            consumer.start();
            for (int i = 0; i < MESSAGES; i++) {
                topic.publish("m" + i);
            }
            consumer.join(TimeUnit.SECONDS.toMillis(50));
            assertEquals(MESSAGES, seen.size());
            assertEquals(0, queue.size());
            assertEquals(List.of(), errors);
        }
    }

    @Test
    void shouldWakeLongPollsFromLockFreeSendsOfConcurrentProducers() throws Exception {
        // the clock never moves: a long poll completes only if a send wakes it, so a lost wake-up hangs (and times
        // out) instead of passing after the poll's wait
        dev.stratus.core.ManualClock clock = dev.stratus.core.ManualClock.atEpoch();
        try (Bus bus = Bus.builder().clock(clock).random(RandomSource.seeded(12)).build()) {
            Queue queue = bus.createQueue("inbox", Map.of("VisibilityTimeout", "600"));
            int producers = 4;
            int each = 5_000;
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                String prefix = "p" + p + "-";
                Thread producer = new Thread(() -> {
                    for (int i = 0; i < each; i++) {
                        queue.send(prefix + i);
                    }
                });
                threads.add(producer);
                producer.start();
            }
            Set<String> seen = new HashSet<>();
            while (seen.size() < producers * each) {
                for (ReceivedMessage message : queue.receiveAsync(10, Duration.ofSeconds(20)).toCompletableFuture()
                        .get()) {
                    assertTrue(seen.add(message.body()), message.body());
                    queue.delete(message.receiptHandle());
                }
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertEquals(0, queue.size());
            assertEquals((long) producers * each, queue.counters().get("sent"));
        }
    }

    @Test
    void shouldCallEachDirectSubscriptionOneThreadAtATimeAndDeliverEveryMessageFromConcurrentPublishers()
            throws Exception {
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        // mailboxes fill while one publisher delivers for all: a bound of MESSAGES means nothing may overflow
        try (Bus bus = Bus.builder().clock(Clock.system()).random(RandomSource.seeded(13)).errorHandler(errors::add)
                .maxPendingPerSubscription(MESSAGES).directDelivery().build()) {
            Topic topic = bus.createTopic("direct");
            int publishers = 4;
            List<Subscription> subscriptions = new ArrayList<>();
            AtomicInteger overlaps = new AtomicInteger();
            AtomicInteger handled = new AtomicInteger();
            for (int s = 0; s < 3; s++) {
                AtomicInteger inside = new AtomicInteger();
                subscriptions.add(topic.subscribe("fn" + s, n -> {
                    if (inside.incrementAndGet() != 1) {
                        overlaps.incrementAndGet();
                    }
                    handled.incrementAndGet();
                    inside.decrementAndGet();
                }, Map.of()));
            }
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < MESSAGES / publishers; i++) {
                        topic.publish("m" + i);
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertEquals(0, overlaps.get());
            assertEquals(3 * MESSAGES, handled.get());
            for (Subscription subscription : subscriptions) {
                assertEquals(new DeliveryStats(MESSAGES, MESSAGES, 0, 0, 0), subscription.stats());
            }
            assertEquals(List.of(), errors);
        }
    }

    @Test
    void shouldDeliverToFunctionsWhileSubscriptionsChange() throws Exception {
        // the mailbox holds every message: a publisher faster than the executor must not hit the overflow policy,
        // which another test covers
        try (Bus bus = Bus.builder().clock(Clock.system()).random(RandomSource.seeded(12))
                .maxPendingPerSubscription(MESSAGES).build()) {
            Topic topic = bus.createTopic("churn");
            CountDownLatch all = new CountDownLatch(MESSAGES);
            AtomicInteger extra = new AtomicInteger();
            Subscription counted = topic.subscribe("counted", n -> all.countDown(),
                    Map.of("FilterPolicy", "{\"kind\": [\"count\"]}"));
            Thread churn = new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    topic.subscribe("extra" + i, n -> extra.incrementAndGet(),
                            Map.of("FilterPolicy", "{\"kind\": [\"extra-" + i + "\"]}")).unsubscribe();
                }
            });
            churn.start();
            for (int i = 0; i < MESSAGES; i++) {
                topic.publish(PublishRequest.builder().message("m" + i)
                        .messageAttribute("kind", MessageAttribute.string("count")).build());
            }
            churn.join();
            assertTrue(all.await(30, TimeUnit.SECONDS), "delivered " + (MESSAGES - all.getCount()));
            assertEquals(0, extra.get());
            while (counted.stats().pending() > 0) {
                Thread.onSpinWait();
            }
            DeliveryStats stats = counted.stats();
            assertEquals(MESSAGES, stats.accepted());
            assertEquals(MESSAGES, stats.delivered());
        }
    }
}
