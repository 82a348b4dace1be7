package dev.stratus.states;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stratus.core.StratusException;
import dev.stratus.core.internal.Json;
import dev.stratus.states.internal.DistributedMapRun;
import dev.stratus.states.internal.ExecutionRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One execution of a {@link StateMachine}: its status, output or error and cause, and its history. Thread-safe; the
 * status moves from RUNNING to a terminal status once.
 */
public final class Execution {
    private static final Set<String> JSON_TEXT_FIELDS = Set.of("input", "output", "parameters");

    private final StateMachine stateMachine;
    private final ExecutionRun run;
    /** Set by {@link States}: makes a redriven execution findable again if it had been forgotten. */
    Runnable onRedrive = () -> { };
    /** Set by {@link States}: the place among finished executions this one last took (-1 while it never did). */
    volatile long retiredAt = -1;

    Execution(final StateMachine stateMachine, final ExecutionRun run) {
        this.stateMachine = stateMachine;
        this.run = run;
    }

    ExecutionRun run() {
        return run;
    }

    /** The execution's ARN. */
    public String arn() {
        return run.arn();
    }

    /** The execution's name. */
    public String name() {
        return run.name();
    }

    /** The machine it runs. */
    public StateMachine stateMachine() {
        return stateMachine;
    }

    /** The input it was started with. */
    public JsonNode input() {
        return run.input();
    }

    /** The current status. */
    public ExecutionStatus status() {
        return ExecutionStatus.valueOf(run.status().name());
    }

    /** Whether it has finished. */
    public boolean isDone() {
        return run.status() != ExecutionRun.Status.RUNNING;
    }

    /** The output of a SUCCEEDED execution. */
    public Optional<JsonNode> output() {
        return Optional.ofNullable(run.output());
    }

    /** The error name of a FAILED, TIMED_OUT or ABORTED execution. */
    public Optional<String> error() {
        return Optional.ofNullable(run.error());
    }

    /** The cause of a FAILED, TIMED_OUT or ABORTED execution. */
    public Optional<String> cause() {
        return Optional.ofNullable(run.cause());
    }

    /** When it started. */
    public Instant startDate() {
        return Instant.ofEpochMilli(run.startMillis());
    }

    /** When it finished, if it has. */
    public Optional<Instant> stopDate() {
        return isDone() ? Optional.of(Instant.ofEpochMilli(run.stopMillis())) : Optional.empty();
    }

    /** A stage completing with this execution once it has finished. */
    public CompletionStage<Execution> completion() {
        CompletableFuture<Execution> done = new CompletableFuture<>();
        run.onFinish(() -> done.complete(this));
        return done;
    }

    /**
     * Stops a running execution: it ends ABORTED with the given error and cause, its waits and tasks are cancelled.
     *
     * @return false if it had already finished
     */
    public boolean stop(final String error, final String cause) {
        return run.stop(error, cause);
    }

    /**
     * Redrives this FAILED, TIMED_OUT or ABORTED Standard execution (RedriveExecution): the same execution, with
     * the same definition and input, is RUNNING again; its history continues after an {@code ExecutionRedriven}
     * event. Only what did not succeed re-runs: the state of each frame that was entered but not exited, with the
     * input it had; in a Parallel only the branches, in a Map only the iterations that did not succeed (all of them
     * if the state failed with {@code States.DataLimitExceeded}). Retry counters, state and machine timeouts
     * restart at zero; {@code $$.Execution.RedriveCount} and {@code RedriveTime} change.
     *
     * @return the redrive date
     * @throws StratusException {@code ExecutionNotRedrivable} for an Express, RUNNING or SUCCEEDED execution, one
     *     that closed more than 14 days ago on the engine's clock, one with 24,999 or more history events, or a
     *     child execution of a Map Run (redrive its parent)
     */
    public Instant redrive() {
        String reason = run.redriveBlocker(run.clockMillis());
        if (reason != null) {
            throw notRedrivable(reason);
        }
        if (run.mapRunArn() != null) {
            throw notRedrivable("Execution is a child of the Map Run " + run.mapRunArn()
                    + ": redrive its parent execution " + run.parentExecutionArn());
        }
        try {
            run.redrive();
        } catch (IllegalStateException lostRace) {
            throw notRedrivable(lostRace.getMessage());
        }
        onRedrive.run();
        return Instant.ofEpochMilli(run.redriveMillis());
    }

    private StratusException notRedrivable(final String reason) {
        return new StratusException("ExecutionNotRedrivable", "Execution cannot be redriven: executionArn=" + arn()
                + ": " + reason);
    }

    /** How many times it was redriven. */
    public int redriveCount() {
        return run.redriveCount();
    }

    /** When it was last redriven, if it was. */
    public Optional<Instant> redriveDate() {
        return run.redriveCount() == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(run.redriveMillis()));
    }

    /**
     * The Map Runs of this execution's Distributed Map states, oldest first (DescribeMapRun and ListMapRuns); a
     * redriven Map Run keeps its ARN and is listed once.
     */
    public List<MapRun> mapRuns() {
        List<MapRun> out = new ArrayList<>();
        for (DistributedMapRun r : run.mapRuns()) {
            String name = r.childMachineName();
            StateMachine childMachine = stateMachine.mapRunMachine(name.substring(name.lastIndexOf('/') + 1));
            out.add(new MapRun(r, childMachine));
        }
        return out;
    }

    /** For a child execution of a Distributed Map, the ARN of its Map Run (DescribeExecution's mapRunArn). */
    public Optional<String> mapRunArn() {
        return Optional.ofNullable(run.mapRunArn());
    }

    /** The execution as DescribeExecution returns it. */
    public ObjectNode describe() {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("executionArn", arn());
        d.put("stateMachineArn", stateMachine.arn());
        d.put("name", name());
        d.put("status", status().name());
        d.put("startDate", startDate().toString());
        stopDate().ifPresent(s -> d.put("stopDate", s.toString()));
        d.put("input", run.inputText() != null ? run.inputText() : Json.write(input()));
        output().ifPresent(o -> d.put("output", Json.write(o)));
        error().ifPresent(e -> d.put("error", e));
        cause().ifPresent(c -> d.put("cause", c));
        mapRunArn().ifPresent(m -> d.put("mapRunArn", m));
        if (stateMachine.type() == StateMachineType.STANDARD) {
            d.put("redriveCount", redriveCount());
            redriveDate().ifPresent(r -> d.put("redriveDate", r.toString()));
            String reason = run.redriveBlocker(run.clockMillis());
            d.put("redriveStatus", reason != null ? "NOT_REDRIVABLE"
                    : run.mapRunArn() != null ? "REDRIVABLE_BY_MAP_RUN" : "REDRIVABLE");
            if (reason != null) {
                d.put("redriveStatusReason", reason);
            }
        }
        return d;
    }

    /** The history, oldest first (empty for Express machines), as GetExecutionHistory shapes it. */
    public List<HistoryEvent> history() {
        List<ExecutionRun.Event> events = run.events();
        List<HistoryEvent> out = new ArrayList<>(events.size());
        for (ExecutionRun.Event e : events) {
            out.add(new HistoryEvent(e.id(), e.previousEventId(), Instant.ofEpochMilli(e.millis()), e.type(),
                    e.detailsName(), e.details() == null ? null : render(e.details(), run)));
        }
        return out;
    }

    /** The history as AWS JSON: {@code {"events": [...]}}. */
    public ObjectNode historyJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode events = root.putArray("events");
        for (HistoryEvent e : history()) {
            events.add(e.toJson());
        }
        return root;
    }

    private static ObjectNode render(final ObjectNode details, final ExecutionRun run) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : details.properties()) {
            JsonNode value = field.getValue();
            if (JSON_TEXT_FIELDS.contains(field.getKey())) {
                value = TextNode.valueOf(value == run.input() && run.inputText() != null ? run.inputText()
                        : Json.write(value));
            } else if (value.isContainerNode()) {
                value = value.deepCopy();
            }
            copy.set(field.getKey(), value);
        }
        return copy;
    }

    @Override
    public String toString() {
        return "Execution[" + arn() + ", " + status() + "]";
    }
}
