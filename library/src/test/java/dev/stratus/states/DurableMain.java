package dev.stratus.states;

import dev.stratus.core.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;

/**
 * The child JVM of {@link DurableExecutionsTest}: builds a States engine over a journal, starts the workflows and
 * hangs in the middle of one, logging each task call to a file, until the test kills it with {@code kill -9}.
 */
public final class DurableMain {
    static final String LAMBDA = "arn:aws:lambda:us-east-1:111111111111:function:";
    static final String PIPELINE = ("{'StartAt':'Extract','States':{"
            + "'Extract':{'Type':'Task','Resource':'" + LAMBDA + "Extract','Next':'Fan'},"
            + "'Fan':{'Type':'Parallel','Next':'Load','Branches':["
            + "{'StartAt':'Left','States':{'Left':{'Type':'Task','Resource':'" + LAMBDA + "Left','End':true}}},"
            + "{'StartAt':'Right','States':{'Right':{'Type':'Task','Resource':'" + LAMBDA + "Right','End':true}}}]},"
            + "'Load':{'Type':'Task','Resource':'" + LAMBDA + "Load','End':true}}}").replace('\'', '"');
    static final String FAILING = ("{'StartAt':'Prepare','States':{"
            + "'Prepare':{'Type':'Task','Resource':'" + LAMBDA + "Prepare','Next':'Risky'},"
            + "'Risky':{'Type':'Task','Resource':'" + LAMBDA + "Risky','End':true}}}").replace('\'', '"');

    private DurableMain() {
    }

    /** Arguments: the journal file and the call log file. */
    public static void main(final String[] args) throws Exception {
        Path journal = Path.of(args[0]);
        Path log = Path.of(args[1]);
        ExecutionStore store = ExecutionStore.journal(journal, ExecutionStore.Fsync.NEVER);
        States states = States.builder().clock(Clock.system()).store(store)
                .handler("Extract", in -> logged(log, "Extract", in))
                .handler("Left", in -> logged(log, "Left", in))
                .asyncHandler("Right", in -> {
                    logged(log, "Right", in);
                    return new CompletableFuture<>();
                })
                .handler("Load", in -> logged(log, "Load", in))
                .handler("Prepare", in -> logged(log, "Prepare", in))
                .handler("Risky", in -> {
                    logged(log, "Risky", in);
                    throw new StatesException("Risky.Failed", "not yet");
                })
                .build();
        states.start(states.define("failing", FAILING), "f1", "{\"n\":1}");
        states.start(states.define("pipeline", PIPELINE), "p1", "{\"n\":2}");
        // start() returns once the execution waits for Right: every event before is in the journal
        System.out.println("HANGING");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    static com.fasterxml.jackson.databind.JsonNode logged(final Path log, final String name,
            final com.fasterxml.jackson.databind.JsonNode in) {
        try {
            Files.writeString(log, name + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return in;
    }
}
