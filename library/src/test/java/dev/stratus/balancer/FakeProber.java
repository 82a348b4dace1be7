package dev.stratus.balancer;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A prober answering at once from a table of target ids (healthy unless marked down); "hang" never answers. */
final class FakeProber implements HealthProber {
    private final Map<String, Boolean> up = new ConcurrentHashMap<>();
    private final Map<String, Boolean> hang = new ConcurrentHashMap<>();
    final AtomicInteger probes = new AtomicInteger();

    FakeProber down(final String id) {
        up.put(id, false);
        return this;
    }

    FakeProber up(final String id) {
        up.put(id, true);
        return this;
    }

    FakeProber hang(final String id) {
        hang.put(id, true);
        return this;
    }

    @Override
    public CompletionStage<Boolean> probe(final Target target, final HealthCheck check, final boolean ppv2) {
        probes.incrementAndGet();
        if (hang.getOrDefault(target.id(), false)) {
            return new CompletableFuture<>();
        }
        return CompletableFuture.completedFuture(up.getOrDefault(target.id(), true));
    }
}
