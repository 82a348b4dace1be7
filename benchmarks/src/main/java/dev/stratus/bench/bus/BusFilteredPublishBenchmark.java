package dev.stratus.bench.bus;

import dev.stratus.bus.Bus;
import dev.stratus.bus.MessageAttribute;
import dev.stratus.bus.PublishRequest;
import dev.stratus.bus.Topic;
import dev.stratus.core.ManualClock;
import dev.stratus.core.RandomSource;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole publish on a topic whose N function subscriptions each filter on their own store (attribute scope), so
 * each message matches one subscription: the cost with 1,000 subscriptions against 10 in the same run (goal G4:
 * at most 1.5x).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BusFilteredPublishBenchmark {
    private static final int MESSAGES = 1024;

    @Param({"10", "1000"})
    public int subscriptions;

    private Topic topic;
    private PublishRequest[] requests;
    private long delivered;
    private long published;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Bus bus = Bus.builder().clock(ManualClock.atEpoch()).random(RandomSource.seeded(5)).executor(Runnable::run)
                .maxFilterPoliciesPerTopic(subscriptions).build();
        topic = bus.createTopic("stores");
        for (int i = 0; i < subscriptions; i++) {
            topic.subscribe("store" + i, n -> delivered++,
                    Map.of("FilterPolicy", "{\"store\": [\"store-" + i + "\"], \"event\": [\"order_placed\"]}"));
        }
        requests = new PublishRequest[MESSAGES];
        for (int m = 0; m < MESSAGES; m++) {
            requests[m] = PublishRequest.builder().message("order")
                    .messageAttribute("store", MessageAttribute.string("store-" + (m % subscriptions)))
                    .messageAttribute("event", MessageAttribute.string("order_placed")).build();
        }
    }

    @Benchmark
    public long publish() {
        topic.publish(requests[next++ & (MESSAGES - 1)]);
        published++;
        return delivered;
    }

    @TearDown(Level.Trial)
    public void check() {
        if (delivered != published) {
            throw new IllegalStateException("each message must reach exactly one subscription: delivered="
                    + delivered + ", published=" + published);
        }
    }
}
