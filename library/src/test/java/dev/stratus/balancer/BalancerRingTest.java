package dev.stratus.balancer;

import static dev.stratus.balancer.Fixtures.client;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.core.Clock;
import dev.stratus.core.RandomSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BalancerRingTest {

    @Test
    void shouldRouteRecordsFromTheRingLikeDirectCalls() {
        Fixtures f = new Fixtures();
        long[] results = new long[2000];
        // 2,000 64-byte records, however the keyed hash splits them over the two shards: 128 KiB rings never fill
        Balancer.Builder b = f.builder(3, TargetGroup.builder("web", Protocol.TCP)).shards(2).ringCapacity(128 * 1024)
                .routeHandler((correlation, result) -> results[(int) correlation] = result);
        try (Balancer viaRing = b.build(); Balancer direct = b.random(RandomSource.seeded(7)).build()) {
            f.becomeHealthy();
            for (int i = 0; i < 1000; i++) {
                assertTrue(viaRing.offer(client(i), FlowKey.SYN, 60, i));
                assertTrue(viaRing.offer(client(i), FlowKey.ACK, 1500, 1000 + i));
            }
            while (viaRing.doWork() > 0) {
                continue;
            }
            for (int i = 0; i < 1000; i++) {
                int expected = direct.route(client(i), FlowKey.SYN, 60);
                assertEquals(expected, results[i]);
                assertEquals(expected, results[1000 + i]);
            }
            assertEquals(2000, viaRing.counters().newFlows() + viaRing.counters().activeFlows());
            assertTrue(viaRing.shard(0).activeFlows() > 0 && viaRing.shard(1).activeFlows() > 0);
        }
    }

    @Test
    void shouldReportBackPressureWhenTheRingIsFull() {
        Fixtures f = new Fixtures();
        try (Balancer lb = f.builder(1, TargetGroup.builder("web", Protocol.TCP)).ringCapacity(1024).build()) {
            int accepted = 0;
            while (lb.offer(client(accepted), FlowKey.SYN, 60, accepted)) {
                accepted++;
            }
            // 1024-byte ring, 64-byte records (56 + 8-byte header)
            assertEquals(16, accepted);
            lb.doWork();
            assertTrue(lb.offer(client(99), FlowKey.SYN, 60, 99));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldRouteEveryRecordFromTwoProducersOnRunningShards() throws Exception {
        Fixtures f = new Fixtures();
        int perProducer = 200_000;
        AtomicLongArray seen = new AtomicLongArray(2);
        AtomicLong handled = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        Balancer.Builder b = f.builder(2, TargetGroup.builder("web", Protocol.TCP)).shards(2).flowCapacity(1 << 19)
                .clock(Clock.system())
                .routeHandler((correlation, result) -> {
                    if (result >= 0) {
                        seen.incrementAndGet((int) (correlation >>> 32));
                    }
                    if (handled.incrementAndGet() == 2L * perProducer) {
                        done.countDown();
                    }
                });
        try (Balancer lb = b.build()) {
            lb.start();
            assertThrows(IllegalStateException.class, lb::doWork);
            Thread[] producers = new Thread[2];
            for (int p = 0; p < 2; p++) {
                int producer = p;
                producers[p] = new Thread(() -> {
                    FlowKey key = new FlowKey();
                    for (int i = 0; i < perProducer; i++) {
                        key.tcp4(producer << 24 | i, 1000 + (i & 0x7FFF), Fixtures.LB_A, 443).sequence(i);
                        while (!lb.offer(key, FlowKey.SYN, 60, ((long) producer << 32) | i)) {
                            Thread.onSpinWait();
                        }
                    }
                });
                producers[p].start();
            }
            for (Thread t : producers) {
                t.join();
            }
            assertTrue(done.await(30, TimeUnit.SECONDS));
            assertEquals(perProducer, seen.get(0));
            assertEquals(perProducer, seen.get(1));
            assertEquals(2L * perProducer, lb.counters().newFlows());
        }
    }
}
