package dev.stratus.bench.states;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stratus.core.ManualClock;
import dev.stratus.core.RandomSource;
import dev.stratus.states.Execution;
import dev.stratus.states.ExecutionStatus;
import dev.stratus.states.ExecutionStore;
import dev.stratus.states.StateMachine;
import dev.stratus.states.States;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable transitions: 4 threads each run executions of a 10-state Pass chain on one engine whose Standard
 * histories go to a file journal. {@code PER_BATCH} forces each batch of concurrent appends with one fsync (group
 * commit), {@code PER_RECORD} forces every event, {@code NEVER} only writes to the OS; {@code NONE} (the baseline)
 * has no store. One operation is one transition (10 per execution), so the score is transitions/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@Threads(4)
public class StatesJournalBenchmark {
    static final int STATES = 10;

    /** Where the histories go. */
    public enum Store { PER_BATCH, PER_RECORD, NEVER, NONE }

    @Param
    public Store store;

    private Path dir;
    private ExecutionStore journal;
    private States states;
    private StateMachine machine;
    private JsonNode input;
    private final AtomicLong counter = new AtomicLong();

    @Setup
    public void setUp() throws IOException {
        States.Builder builder = States.builder().clock(ManualClock.at(Instant.EPOCH)).random(RandomSource.seeded(1))
                .retainedExecutions(64);
        if (store != Store.NONE) {
            dir = Files.createTempDirectory("stratus-journal-bench");
            journal = ExecutionStore.journal(dir.resolve("states.journal"),
                    ExecutionStore.Fsync.valueOf(store.name()));
            builder.store(journal);
        }
        states = builder.build();
        StringBuilder asl = new StringBuilder("{\"StartAt\":\"S0\",\"States\":{");
        for (int i = 0; i < STATES; i++) {
            asl.append(i == 0 ? "" : ",").append("\"S").append(i).append("\":{\"Type\":\"Pass\",")
                    .append(i == STATES - 1 ? "\"End\":true}" : "\"Next\":\"S" + (i + 1) + "\"}");
        }
        machine = states.define("chain", asl.append("}}").toString());
        input = JsonNodeFactory.instance.objectNode().put("order", 42);
    }

    @TearDown
    public void tearDown() {
        if (journal != null) {
            journal.close();
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
                Files.delete(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(STATES)
    public Object chainOf10() {
        Execution run = states.start(machine, "e" + counter.incrementAndGet(), input);
        if (run.status() != ExecutionStatus.SUCCEEDED) {
            throw new IllegalStateException("chain did not succeed: " + run.status() + " " + run.cause());
        }
        return run.output().orElseThrow();
    }
}
