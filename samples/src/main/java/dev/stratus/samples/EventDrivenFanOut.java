package dev.stratus.samples;

import dev.stratus.Stratus;
import dev.stratus.bus.Bus;
import dev.stratus.bus.MessageAttribute;
import dev.stratus.bus.PublishRequest;
import dev.stratus.bus.Queue;
import dev.stratus.bus.ReceivedMessage;
import dev.stratus.bus.Subscription;
import dev.stratus.bus.Topic;
import dev.stratus.core.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * "Event-Driven Computing with Amazon SNS and AWS Compute, Storage, Database, and Networking Services": objects
 * created in an input bucket are announced on a topic; two queues with filter policies feed fleets of converter
 * workers (Word documents, text files) and a function indexes every upload. Workers poll with a visibility
 * timeout; one worker crashes holding a message, which comes back to another worker when the timeout expires; a
 * corrupt document fails every attempt and lands in the dead-letter queue after {@code maxReceiveCount}. The
 * report accounts for every message.
 */
public final class EventDrivenFanOut {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int MAX_RECEIVE_COUNT = 3;

    /** The accounting the report prints, for the tour's summary and for tests. */
    record Result(int published, long delivered, int redelivered, int converted, int deadLettered, int indexed) {
    }

    private EventDrivenFanOut() {
    }

    /** Runs the sample. */
    public static void main(final String... args) {
        run();
    }

    /** Runs the sample and returns its accounting. */
    static Result run() {
        // Virtual time and inline delivery make every step deterministic.
        ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
        Stratus stratus = Stratus.builder().clock(clock).seed(7).bus(b -> b.executor(Runnable::run)).build();
        Bus bus = stratus.bus();

        // The topic the input bucket announces new objects on.
        Topic uploads = bus.createTopic("resume-uploads");

        // A dead-letter queue, and two work queues that give up on a message after 3 receives (30 s visibility).
        Queue deadLetters = bus.createQueue("conversion-dlq");
        Map<String, String> workQueue = Map.of("VisibilityTimeout", "30", "RedrivePolicy",
                "{\"deadLetterTargetArn\": \"" + deadLetters.arn() + "\", \"maxReceiveCount\": \""
                        + MAX_RECEIVE_COUNT + "\"}");
        Queue wordQueue = bus.createQueue("word-to-pdf", workQueue);
        Queue textQueue = bus.createQueue("text-to-pdf", workQueue);

        // Filter policies route by the object's format; raw delivery hands workers the event itself.
        Subscription wordSubscription = uploads.subscribe(wordQueue, Map.of("RawMessageDelivery", "true",
                "FilterPolicy", "{\"format\": [\"doc\", \"docx\"]}"));
        Subscription textSubscription = uploads.subscribe(textQueue, Map.of("RawMessageDelivery", "true",
                "FilterPolicy", "{\"format\": [\"txt\"]}"));

        // A function indexes every upload, whatever its format.
        List<String> index = new ArrayList<>();
        Subscription indexSubscription = uploads.subscribe("IndexUploads",
                notification -> index.add(notification.message()), Map.of());

        // The bucket announces six uploads: three Word files (one corrupt), two text files, one image.
        String[][] objects = {{"alice.docx", "docx"}, {"bob.txt", "txt"}, {"carol.doc", "doc"},
            {"corrupt.docx", "docx"}, {"dave.txt", "txt"}, {"erin.png", "png"}};
        for (String[] object : objects) {
            uploads.publish(PublishRequest.builder()
                    .message("{\"eventName\": \"ObjectCreated:Put\", \"bucket\": \"resumes-in\", \"key\": \""
                            + object[0] + "\"}")
                    .messageAttribute("format", MessageAttribute.string(object[1])).build());
        }
        System.out.printf(Locale.ROOT, "  published %d events; word queue holds %d, text queue %d, index saw %d%n",
                objects.length, wordQueue.size(), textQueue.size(), index.size());

        // Three workers poll every 10 s: two on the Word queue, one on the text queue. Worker word-2 will crash.
        List<Worker> workers = List.of(new Worker("word-1", wordQueue), new Worker("word-2", wordQueue),
                new Worker("text-1", textQueue));
        workers.get(1).crashesOnFirstMessage = true;
        Counts counts = new Counts();
        for (int round = 0; round < 15; round++) {
            for (Worker worker : workers) {
                worker.poll(clock, counts);
            }
            clock.advance(Duration.ofSeconds(10));
        }

        // The corrupt document is in the dead-letter queue, with the receive count it reached.
        List<ReceivedMessage> dead = deadLetters.receive(10);
        for (ReceivedMessage message : dead) {
            System.out.println("  dead-lettered: " + message.body());
        }

        // The accounting: every published event is indexed, and every queued one is converted or dead-lettered.
        long delivered = wordSubscription.stats().delivered() + textSubscription.stats().delivered()
                + indexSubscription.stats().delivered();
        long queued = wordSubscription.stats().delivered() + textSubscription.stats().delivered();
        int deadLettered = (int) (wordQueue.counters().get("deadLettered") + textQueue.counters().get("deadLettered"));
        System.out.println();
        System.out.printf(Locale.ROOT, "  published            %3d%n", objects.length);
        System.out.printf(Locale.ROOT, "  delivered            %3d  (word %d, text %d, index %d; erin.png matched no"
                + " queue)%n", delivered, wordSubscription.stats().delivered(), textSubscription.stats().delivered(),
                indexSubscription.stats().delivered());
        System.out.printf(Locale.ROOT, "  received             %3d  (%d redelivered after a visibility timeout)%n",
                counts.received, counts.redelivered);
        System.out.printf(Locale.ROOT, "  converted to PDF     %3d%n", counts.converted);
        System.out.printf(Locale.ROOT, "  dead-lettered        %3d%n", deadLettered);
        System.out.printf(Locale.ROOT, "  left in work queues  %3d%n", wordQueue.size() + textQueue.size());
        boolean balanced = queued == counts.converted + deadLettered && wordQueue.size() + textQueue.size() == 0
                && index.size() == objects.length && dead.size() == deadLettered;
        System.out.println("  every message accounted for: " + balanced);
        if (!balanced) {
            throw new IllegalStateException("messages unaccounted for");
        }
        return new Result(objects.length, delivered, counts.redelivered, counts.converted, deadLettered,
                index.size());
    }

    /** What the workers did, summed. */
    private static final class Counts {
        private int received;
        private int redelivered;
        private int converted;
    }

    /** A converter worker: receives one message at a time, converts it and deletes it. */
    private static final class Worker {
        private final String name;
        private final Queue queue;
        private boolean crashesOnFirstMessage;
        private boolean crashed;

        Worker(final String name, final Queue queue) {
            this.name = name;
            this.queue = queue;
        }

        void poll(final ManualClock clock, final Counts counts) {
            if (crashed) {
                return;
            }
            // ReceiveMessage: the message stays in the queue, invisible for 30 s, until the worker deletes it.
            for (ReceivedMessage message : queue.receive(1)) {
                counts.received++;
                String key = message.body().replaceAll(".*\"key\": \"([^\"]+)\".*", "$1");
                String prefix = "  " + TIME.format(clock.instant()) + "  " + name + " got " + key + " (receive #"
                        + message.receiveCount() + ")";
                if (message.receiveCount() > 1) {
                    counts.redelivered++;
                }
                if (crashesOnFirstMessage) {
                    // The worker dies mid-conversion: no delete, so the message reappears after the timeout.
                    crashed = true;
                    System.out.println(prefix + ": worker crashed, message not deleted");
                } else if (key.startsWith("corrupt")) {
                    // The converter rejects the file: no delete, so SQS counts another receive.
                    System.out.println(prefix + ": conversion failed, left for a retry");
                } else {
                    // Converted: DeleteMessage ends the message's life.
                    queue.delete(message.receiptHandle());
                    counts.converted++;
                    System.out.println(prefix + ": converted to PDF, deleted");
                }
            }
        }
    }
}
