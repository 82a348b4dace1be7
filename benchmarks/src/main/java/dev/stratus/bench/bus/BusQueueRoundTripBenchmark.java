package dev.stratus.bench.bus;

import dev.stratus.bus.Bus;
import dev.stratus.bus.PublishRequest;
import dev.stratus.bus.Queue;
import dev.stratus.bus.ReceivedMessage;
import dev.stratus.bus.Topic;
import dev.stratus.core.ManualClock;
import dev.stratus.core.RandomSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Messages per second through publish, queue and receive: 10 raw publishes fan out to one queue, then one
 * {@code receive(10)} and 10 deletes (goal: at least 1M messages/s). Baseline in the same run: the hand-rolled
 * equivalent, 10 {@code ConcurrentLinkedQueue.offer} then 10 {@code poll}.
 *
 * <pre>
 *   10 x publish --> topic --raw--> queue --> receive(10) --> 10 x delete
 *   10 x offer ----> ConcurrentLinkedQueue --> 10 x poll
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BusQueueRoundTripBenchmark {
    private static final int BATCH = 10;

    /** The implementation under test. */
    public enum Impl { STRATUS, CONCURRENT_LINKED_QUEUE }

    @Param({"STRATUS", "CONCURRENT_LINKED_QUEUE"})
    public Impl impl;

    private Topic topic;
    private Queue queue;
    private final ConcurrentLinkedQueue<String> baseline = new ConcurrentLinkedQueue<>();
    private final PublishRequest request = PublishRequest.of("order 42 placed");

    @Setup
    public void setUp() {
        Bus bus = Bus.builder().clock(ManualClock.atEpoch()).random(RandomSource.seeded(1)).executor(Runnable::run)
                .build();
        topic = bus.createTopic("orders");
        queue = bus.createQueue("workers");
        topic.subscribe(queue, Map.of("RawMessageDelivery", "true"));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int roundTrip() {
        if (impl == Impl.CONCURRENT_LINKED_QUEUE) {
            for (int i = 0; i < BATCH; i++) {
                baseline.offer("order 42 placed");
            }
            int received = 0;
            while (baseline.poll() != null) {
                received++;
            }
            return check(received);
        }
        for (int i = 0; i < BATCH; i++) {
            topic.publish(request);
        }
        List<ReceivedMessage> received = queue.receive(BATCH);
        for (ReceivedMessage message : received) {
            queue.delete(message.receiptHandle());
        }
        return check(received.size());
    }

    private static int check(final int received) {
        if (received != BATCH) {
            throw new IllegalStateException("lost messages: received=" + received + ", expected=" + BATCH);
        }
        return received;
    }
}
