package dev.stratus.bench.bus;

import com.google.common.eventbus.EventBus;
import com.google.common.eventbus.Subscribe;
import dev.stratus.bus.Bus;
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
 * Publish to deliver, synchronously, to N in-process subscribers without filters (goal G1: at least 2x / 3x Guava's
 * {@code EventBus.post} with 1 / 100 subscribers). Stratus delivers to function subscriptions on the publishing
 * thread ({@code directDelivery()}); Guava dispatches to {@code @Subscribe} methods.
 *
 * <pre>
 *   publisher --publish--> topic --(no filter)--> N x NotificationHandler (counts)
 *   publisher --post-----> EventBus ------------> N x @Subscribe method (counts)
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BusPublishBenchmark {
    /** The implementation under test. */
    public enum Impl { STRATUS, GUAVA_EVENTBUS }

    @Param({"STRATUS", "GUAVA_EVENTBUS"})
    public Impl impl;

    @Param({"1", "100"})
    public int subscribers;

    private Bus bus;
    private Topic topic;
    private EventBus eventBus;
    private final PublishRequest request = PublishRequest.of("order 42 placed");
    private final String event = "order 42 placed";
    private long delivered;
    private long published;

    /** Counts Guava deliveries. */
    public final class Counter {
        /** Guava subscriber method. */
        @Subscribe
        public void on(final String message) {
            delivered++;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        if (impl == Impl.STRATUS) {
            bus = Bus.builder().clock(ManualClock.atEpoch()).random(RandomSource.seeded(1))
                    .directDelivery().build();
            topic = bus.createTopic("bench");
            for (int i = 0; i < subscribers; i++) {
                topic.subscribe("fn" + i, n -> delivered++, Map.of());
            }
        } else {
            eventBus = new EventBus("bench");
            for (int i = 0; i < subscribers; i++) {
                eventBus.register(new Counter());
            }
        }
    }

    @Benchmark
    public long publish() {
        if (impl == Impl.STRATUS) {
            topic.publish(request);
        } else {
            eventBus.post(event);
        }
        published++;
        return delivered;
    }

    @TearDown(Level.Trial)
    public void check() {
        if (delivered != published * subscribers) {
            throw new IllegalStateException("lost deliveries: delivered=" + delivered + ", expected="
                    + published * subscribers);
        }
        if (bus != null) {
            bus.close();
        }
    }
}
