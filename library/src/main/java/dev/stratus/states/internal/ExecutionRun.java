package dev.stratus.states.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.Clock;
import dev.stratus.core.internal.Json;
import dev.stratus.states.StatesException;
import dev.stratus.states.internal.Model.Catcher;
import dev.stratus.states.internal.Model.Io;
import dev.stratus.states.internal.Model.Machine;
import dev.stratus.states.internal.Model.NumberSpec;
import dev.stratus.states.internal.Model.ResultPath;
import dev.stratus.states.internal.Model.Retrier;
import dev.stratus.states.internal.Model.State;
import dev.stratus.states.internal.Model.Transition;
import dev.stratus.states.internal.jsonata.Bindings;
import dev.stratus.states.internal.jsonata.Payload;
import dev.stratus.states.internal.jsonata.Variables;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * One execution: a trampolined interpreter over the immutable model. Every step runs as a task on this execution's
 * own queue, drained by whichever thread posts work (the starter, a clock timer, a completing handler, a callback),
 * so the execution is single-threaded, never recurses per transition, and holds no thread while it waits.
 */
public final class ExecutionRun {
    /** The 25,000-event history quota of Standard executions. */
    public static final int MAX_HISTORY_EVENTS = 25_000;
    /** AWS's limit on the variables stored for an execution (as seen from one scope). */
    static final long MAX_STORED_VARIABLE_BYTES = 10L * 1024 * 1024;
    /** How long after it closes an execution can be redriven. */
    public static final long REDRIVE_WINDOW_MILLIS = Duration.ofDays(14).toMillis();
    private static final long MAX_WAIT_SECONDS = 99_999_999L;
    private static final VarHandle NEXT_EVENT_ID;
    private static final VarHandle DRIVER;

    static {
        try {
            NEXT_EVENT_ID = MethodHandles.lookup().findVarHandle(ExecutionRun.class, "nextEventId", long.class);
            DRIVER = MethodHandles.lookup().findVarHandle(ExecutionRun.class, "driver", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** How an execution ended (or RUNNING). */
    public enum Status { RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED }

    /**
     * A history event as recorded: inputs and outputs kept as references, rendered as text on read. State entered
     * and exited events (most of a history) keep just the state name and value, a task's succeeded event (details
     * of just its output) just the value, a Lambda function's scheduled event without a timeout its resource (in
     * {@code stateName}) and input; their details object is built on read by {@link #details()}.
     */
    public record Event(long id, long previousEventId, long millis, String type, String detailsName,
            ObjectNode storedDetails, String stateName, JsonNode value) {

        /** The details object (values not yet rendered as text), or null. */
        public ObjectNode details() {
            if (storedDetails == null && LAMBDA_SCHEDULED.equals(detailsName)) {
                ObjectNode d = Values.NODES.objectNode();
                d.put("resource", stateName);
                d.set("input", value);
                d.set("inputDetails", NOT_TRUNCATED.deepCopy());
                return d;
            }
            if (stateName == null) {
                if (storedDetails != null || value == null) {
                    return storedDetails;
                }
                ObjectNode d = Values.NODES.objectNode();
                d.set("output", value);
                d.set("outputDetails", NOT_TRUNCATED.deepCopy());
                return d;
            }
            ObjectNode d = Values.NODES.objectNode();
            d.put("name", stateName);
            boolean entered = detailsName.equals("stateEnteredEventDetails");
            d.set(entered ? "input" : "output", value);
            d.set(entered ? "inputDetails" : "outputDetails", NOT_TRUNCATED.deepCopy());
            return d;
        }
    }

    private final Engine engine;
    private final Machine machine;
    /** Null for an Express execution until first asked for: built from {@link #expressId}. */
    private volatile String arn;
    private final UUID expressId;
    private final String name;
    private final String machineArn;
    private final String machineName;
    private final JsonNode input;
    private final String inputText;
    private final long startMillis;
    private final boolean recordHistory;
    /** {@code $$.Execution}, built on first use (most executions never read it); reset by a redrive. */
    private ObjectNode executionContext;
    private final EventLog history = new EventLog();
    /** The driving thread's queue of steps: only the driver touches it (drivers hand over through {@link #driver}). */
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    /**
     * Steps posted by other threads while one drives (guarded by this; created on first use), {@link #mail} says
     * there are some.
     */
    private ArrayDeque<Runnable> mailbox;
    private volatile boolean mail;
    /** A Wait group's next member: run by the driver when the queue is empty (see {@link WaitGroup}). */
    private Runnable idle;
    /** The thread draining the queue, or null; a thread becomes the driver by setting it from null. */
    private volatile Thread driver;
    private final List<Runnable> listeners = new ArrayList<>();
    /** Written by the driver only; published with a release store for {@link #eventCount()}. */
    private long nextEventId = 1;
    private Frame top;
    private Clock.Timer machineTimer;
    /** The last task or branch result measured for the payload limit and its size: usually the next output. */
    private JsonNode measured;
    private long measuredBytes;

    private volatile Status status = Status.RUNNING;
    private volatile JsonNode output;
    private volatile String error;
    private volatile String cause;
    private volatile long stopMillis;
    private volatile int redriveCount;
    private volatile long redriveMillis;
    private ObjectNode resumedFrom;
    /** For an execution read back from a store: what its history says to run next (redrive or continue). */
    private ChildPlan restoredPlan;
    /** The Map Runs of this execution's Distributed Map states, oldest first. */
    final List<DistributedMapRun> mapRuns = new ArrayList<>();
    /** For a Distributed Map's child execution: its Map Run, the parent execution and the item (or batch) index. */
    private String mapRunArn;
    private String parentExecutionArn;
    private int mapItemIndex = -1;
    /** The input's compact JSON size if the starter measured it, else -1. */
    private long inputBytes = -1;

    /** Creates (but does not start) an execution. */
    public ExecutionRun(final Engine engine, final Machine machine, final String machineArn, final String machineName,
            final String arn, final String name, final JsonNode input, final String inputText,
            final boolean recordHistory) {
        this(engine, machine, machineArn, machineName, arn, name, input, inputText, recordHistory,
                engine.clock.epochMillis());
    }

    private ExecutionRun(final Engine engine, final Machine machine, final String machineArn,
            final String machineName, final String arn, final String name, final JsonNode input,
            final String inputText, final boolean recordHistory, final long startMillis) {
        this.inputText = inputText;
        this.engine = engine;
        this.machine = machine;
        this.machineArn = machineArn;
        this.machineName = machineName;
        this.arn = arn;
        this.expressId = null;
        this.name = name;
        this.input = input;
        this.recordHistory = recordHistory;
        this.startMillis = startMillis;
    }

    /**
     * An Express execution, whose ARN ({@code ...:express:<machine>:<name>:<id>}) is only built when asked for:
     * most are never described.
     */
    public ExecutionRun(final Engine engine, final Machine machine, final String machineArn, final String machineName,
            final UUID expressId, final String name, final JsonNode input, final String inputText) {
        this.inputText = inputText;
        this.engine = engine;
        this.machine = machine;
        this.machineArn = machineArn;
        this.machineName = machineName;
        this.expressId = expressId;
        this.name = name;
        this.input = input;
        this.recordHistory = false;
        this.startMillis = engine.clock.epochMillis();
    }

    private ObjectNode executionContext() {
        if (executionContext == null) {
            ObjectNode c = Values.NODES.objectNode();
            c.put("Id", arn());
            c.set("Input", input);
            c.put("Name", name);
            c.put("RoleArn", engine.roleArn);
            c.put("StartTime", Instant.ofEpochMilli(startMillis).toString());
            if (recordHistory) {
                c.put("RedriveCount", redriveCount);
            }
            if (redriveCount > 0) {
                c.put("RedriveTime", Instant.ofEpochMilli(redriveMillis).toString());
            }
            executionContext = c;
        }
        return executionContext;
    }

    /** Sizes the history for about {@code events} events (an earlier execution's count), before the start. */
    public void expectHistory(final long events) {
        history.expect((int) Math.min(events, MAX_HISTORY_EVENTS));
    }

    /** Starts the execution: runs on the calling thread until it finishes or waits. */
    public void start() {
        startAt(null);
    }

    /**
     * Starts the execution at a resume point instead of {@code StartAt}; {@code from} (recorded in the
     * ExecutionStarted details as {@code resumedFrom}) says where the point came from.
     */
    public void startResumed(final ResumePoint point, final ObjectNode from) {
        this.resumedFrom = from;
        startAt(point);
    }

    private void startAt(final ResumePoint point) {
        post(() -> {
            record(null, "ExecutionStarted", "executionStartedEventDetails", recordHistory ? startedDetails() : null);
            armMachineTimer();
            top = newTop(0);
            if (inputBytes >= 0) {
                top.sizedNode = input;
                top.sizedBytes = inputBytes;
            }
            if (point == null) {
                enter(top, machine.startAt(), input);
            } else {
                enter(top, point.stateName(), point.input(), point);
            }
        });
    }

    private ObjectNode startedDetails() {
        ObjectNode d = details();
        d.set("input", input);
        d.set("inputDetails", notTruncated());
        d.put("roleArn", engine.roleArn);
        if (resumedFrom != null) {
            d.set("resumedFrom", resumedFrom);
        }
        if (mapRunArn != null) {
            // beyond AWS's details: what a restore needs to give the child back to its Map Run
            d.put("mapRunArn", mapRunArn);
            d.put("parentExecutionArn", parentExecutionArn);
            d.put("mapItemIndex", mapItemIndex);
        }
        return d;
    }

    private void armMachineTimer() {
        if (machine.timeoutSeconds() != null) {
            machineTimer = schedule(Duration.ofSeconds(machine.timeoutSeconds()),
                    () -> post(() -> finishAbnormally(Status.TIMED_OUT, "States.Timeout", null,
                            "ExecutionTimedOut", "executionTimedOutEventDetails")));
        }
    }

    private Frame newTop(final long lastEventId) {
        Frame frame = new Frame(machine, null, true, new Listener() {
                @Override
                public void succeeded(final Frame top, final JsonNode out) {
                    ObjectNode ed = null;
                    if (recordHistory) {
                        ed = details();
                        ed.set("output", out);
                        ed.set("outputDetails", notTruncated());
                    }
                    record(top, "ExecutionSucceeded", "executionSucceededEventDetails", ed);
                    finish(Status.SUCCEEDED, out, null, null);
                }

                @Override
                public void failed(final Frame top, final String err, final String why) {
                    ObjectNode ed = details();
                    putOpt(ed, "error", err);
                    putOpt(ed, "cause", why);
                    record(top, "ExecutionFailed", "executionFailedEventDetails", ed);
                    finish(Status.FAILED, null, err, why);
                }
            });
        frame.lastEventId = (int) lastEventId;
        return frame;
    }

    // ---------------------------------------------------------------- redrive and resume

    /**
     * Where a frame (the machine, a branch or an iteration) resumes: the state to enter, its raw input, and for a
     * Parallel or Map state the plan of each branch or iteration by index.
     */
    public record ResumePoint(String stateName, JsonNode input, List<ChildPlan> children, String mapRunArn,
            JsonNode taskResult, Map<String, JsonNode> variables) {
        /** A point without a recorded task result or variables. */
        public ResumePoint(final String stateName, final JsonNode input, final List<ChildPlan> children,
                final String mapRunArn) {
            this(stateName, input, children, mapRunArn, null, Map.of());
        }

        /** {@code variables}: the frame's own Assign variables as they were when the state was entered. */
        public ResumePoint {
            variables = variables == null ? Map.of() : variables;
        }
    }

    /**
     * The plan of one branch or iteration: {@code result} when it is taken as it was (not re-run), else
     * {@code resume} where it resumes, else neither: it runs from its start.
     */
    public record ChildPlan(JsonNode result, ResumePoint resume) {
        static final ChildPlan FRESH = new ChildPlan(null, null);
    }

    /**
     * The UTF-8 size of the input's compact JSON, when the starter has measured it: the payload limit then counts
     * the first state's output from it instead of measuring that output whole.
     */
    public void inputBytes(final long bytes) {
        this.inputBytes = bytes;
    }

    /** Marks this (not yet started) execution as a child of a Distributed Map's Map Run. */
    void partOfMapRun(final String runArn, final String parentArn, final int index) {
        this.mapRunArn = runArn;
        this.parentExecutionArn = parentArn;
        this.mapItemIndex = index;
    }

    /** The Map Run this child execution belongs to, or null for an execution started on its own. */
    public String mapRunArn() {
        return mapRunArn;
    }

    /** The execution whose Distributed Map started this one, or null. */
    public String parentExecutionArn() {
        return parentExecutionArn;
    }

    /** The item (or batch) index of a Map Run's child execution, or -1. */
    public int mapItemIndex() {
        return mapItemIndex;
    }

    /** The Map Runs of this execution's Distributed Map states, oldest first. */
    public List<DistributedMapRun> mapRuns() {
        synchronized (mapRuns) {
            return List.copyOf(mapRuns);
        }
    }

    Engine engine() {
        return engine;
    }

    /** The engine clock's time now. */
    public long clockMillis() {
        return engine.clock.epochMillis();
    }

    /** The redrives so far. */
    public int redriveCount() {
        return redriveCount;
    }

    /** When the last redrive happened, or 0. */
    public long redriveMillis() {
        return redriveMillis;
    }

    /** The number of events recorded so far. */
    public long eventCount() {
        return (long) NEXT_EVENT_ID.getAcquire(this) - 1;
    }

    /**
     * Why this finished Standard execution cannot be redriven now, as AWS's {@code redriveStatusReason}, or null if
     * it can.
     */
    public synchronized String redriveBlocker(final long nowMillis) {
        if (!recordHistory) {
            return "Express executions cannot be redriven";
        }
        if (status == Status.RUNNING || status == Status.SUCCEEDED) {
            return "Execution is " + status.name() + " and cannot be redriven";
        }
        if (nowMillis - stopMillis > REDRIVE_WINDOW_MILLIS) {
            return "Execution stopped more than 14 days ago and can no longer be redriven";
        }
        long events = eventCount();
        if (events >= MAX_HISTORY_EVENTS - 1) {
            return "Execution history event count of " + events + " exceeds the limit of "
                    + (MAX_HISTORY_EVENTS - 1) + " events for a redrive";
        }
        return null;
    }

    /**
     * Redrives this finished execution: it is RUNNING again and continues, after an {@code ExecutionRedriven}
     * event, from the states that did not succeed (see {@link #planOf}). Retry counters and timeouts restart.
     *
     * @return the new redrive count
     * @throws IllegalStateException if {@link #redriveBlocker(long)} names a reason
     */
    public int redrive() {
        Frame old;
        int count;
        long now = engine.clock.epochMillis();
        synchronized (this) {
            String blocker = redriveBlocker(now);
            if (blocker != null) {
                throw new IllegalStateException(blocker);
            }
            old = top;
            count = ++redriveCount;
            redriveMillis = now;
            output = null;
            error = null;
            cause = null;
            stopMillis = 0;
            status = Status.RUNNING;
        }
        ResumePoint point = old != null ? planOf(old) : restoredPlan != null ? restoredPlan.resume() : null;
        post(() -> {
            executionContext = null;
            long last = eventCount();
            Frame probe = new Frame(machine, null, true, null);
            probe.lastEventId = (int) last;
            ObjectNode d = details();
            d.put("redriveCount", count);
            long redriven = record(probe, "ExecutionRedriven", "executionRedrivenEventDetails", d);
            armMachineTimer();
            top = newTop(redriven);
            if (point == null) {
                enter(top, machine.startAt(), input);
            } else {
                enter(top, point.stateName(), point.input(), point);
            }
        });
        return count;
    }

    /**
     * An execution read back from its stored history: finished ones keep their status (and can be redriven from
     * what the history shows), a RUNNING one is not yet moving: call {@link #continueAfterRestore()}.
     *
     * @throws IllegalArgumentException if the history does not begin with ExecutionStarted
     */
    public static ExecutionRun restore(final Engine engine, final Machine machine, final String machineArn,
            final String machineName, final String arn, final String name, final List<Event> events) {
        if (events.isEmpty() || !events.get(0).type().equals("ExecutionStarted")) {
            throw new IllegalArgumentException("a stored history must begin with ExecutionStarted: executionArn="
                    + arn);
        }
        Event first = events.get(0);
        ExecutionRun run = new ExecutionRun(engine, machine, machineArn, machineName, arn, name,
                first.details().get("input"), null, true, first.millis());
        run.history.addAll(events);
        ObjectNode started = first.details();
        if (started != null && started.hasNonNull("mapRunArn")) {
            run.partOfMapRun(started.get("mapRunArn").asText(), started.path("parentExecutionArn").asText(),
                    started.path("mapItemIndex").asInt());
        }
        Event last = events.get(events.size() - 1);
        NEXT_EVENT_ID.setRelease(run, last.id() + 1);
        for (Event e : events) {
            if (e.type().equals("ExecutionRedriven")) {
                run.redriveCount = e.details().get("redriveCount").asInt();
                run.redriveMillis = e.millis();
            }
        }
        Status end = switch (last.type()) {
            case "ExecutionSucceeded" -> Status.SUCCEEDED;
            case "ExecutionFailed" -> Status.FAILED;
            case "ExecutionTimedOut" -> Status.TIMED_OUT;
            case "ExecutionAborted" -> Status.ABORTED;
            default -> Status.RUNNING;
        };
        if (end != Status.RUNNING) {
            ObjectNode d = last.details();
            run.output = d == null ? null : d.get("output");
            run.error = d == null || !d.hasNonNull("error") ? null : d.get("error").asText();
            run.cause = d == null || !d.hasNonNull("cause") ? null : d.get("cause").asText();
            run.stopMillis = last.millis();
            run.status = end;
        }
        run.restoredPlan = framePlan(machine, HistoryPlans.topLevel(events));
        return run;
    }

    /** Moves a restored RUNNING execution on from where its history stops (tasks that had not succeeded re-run). */
    public void continueAfterRestore() {
        if (status != Status.RUNNING) {
            return;
        }
        post(() -> {
            armMachineTimer();
            top = newTop(eventCount());
            ChildPlan plan = restoredPlan == null ? ChildPlan.FRESH : restoredPlan;
            if (plan.result() != null) {
                top.finished = true;
                top.listener.succeeded(top, plan.result());
            } else if (plan.resume() != null) {
                ResumePoint p = plan.resume();
                enter(top, p.stateName(), p.input(), p);
            } else {
                enter(top, machine.startAt(), input);
            }
        });
    }

    /** The plan of one frame from the state instances its history shows (see {@link HistoryPlans}). */
    static ChildPlan framePlan(final Machine frameMachine, final List<HistoryPlans.Node> inFrame) {
        if (inFrame.isEmpty()) {
            return ChildPlan.FRESH;
        }
        HistoryPlans.Node last = inFrame.get(inFrame.size() - 1);
        State state = frameMachine.state(last.name());
        if (state == null) {
            return ChildPlan.FRESH;
        }
        if (last.output() != null && !(state instanceof Model.Choice)) {
            Transition t = state instanceof Model.Pass p ? p.transition()
                    : state instanceof Model.Task t2 ? t2.transition()
                    : state instanceof Model.Wait w ? w.transition()
                    : state instanceof Model.Parallel p2 ? p2.transition()
                    : state instanceof Model.MapState m ? m.transition() : null;
            if (t == null || t.end()) {
                return new ChildPlan(last.output(), null);
            }
            return new ChildPlan(null, new ResumePoint(t.next(), last.output(), null, null, null,
                    assignedBy(inFrame, inFrame.size())));
        }
        // a redriven Parallel or Map records only what it re-ran: the branches and iterations it took as they were
        // are found in the failed entries of the same state just before it
        List<HistoryPlans.Node> attempts = new ArrayList<>();
        for (int i = inFrame.size() - 1; i >= 0; i--) {
            HistoryPlans.Node n = inFrame.get(i);
            if (!n.name().equals(last.name()) || (n != last && n.output() != null)) {
                break;
            }
            attempts.add(n);
        }
        List<ChildPlan> children = null;
        if (state instanceof Model.Parallel p) {
            children = new ArrayList<>(p.branches().size());
            for (Machine branch : p.branches()) {
                List<HistoryPlans.Node> group = List.of();
                for (HistoryPlans.Node attempt : attempts) {
                    group = attempt.children().stream().filter(c -> branch.states().containsKey(c.name())).toList();
                    if (!group.isEmpty()) {
                        break;
                    }
                }
                children.add(framePlan(branch, group));
            }
        } else if (state instanceof Model.MapState m) {
            int size = 0;
            for (HistoryPlans.Node attempt : attempts) {
                for (HistoryPlans.Node child : attempt.children()) {
                    size = Math.max(size, child.iteration() + 1);
                }
            }
            children = size == 0 ? null : new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                int index = i;
                List<HistoryPlans.Node> group = List.of();
                for (HistoryPlans.Node attempt : attempts) {
                    group = attempt.children().stream().filter(c -> c.iteration() == index).toList();
                    if (!group.isEmpty()) {
                        break;
                    }
                }
                children.add(framePlan(m.processor(), group));
            }
        }
        // a task whose success is recorded but not its exit (a crash in between) is not called again
        JsonNode taskResult = state instanceof Model.Task ? last.taskResult() : null;
        return new ChildPlan(null, new ResumePoint(last.name(), last.input(), children, last.mapRunArn(),
                taskResult, assignedBy(inFrame, inFrame.size() - 1)));
    }

    /** The frame's own variables after its first {@code count} state instances, from their exited events. */
    private static Map<String, JsonNode> assignedBy(final List<HistoryPlans.Node> inFrame, final int count) {
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            variables.putAll(inFrame.get(i).assigned());
        }
        return variables;
    }

    /**
     * The redrive plan of a frame that did not succeed: its last state re-runs with the input it had; a Parallel or
     * Map re-runs only its branches or iterations that did not succeed (all of them after
     * {@code States.DataLimitExceeded}); null if the frame never entered a state.
     */
    private static ResumePoint planOf(final Frame frame) {
        Visit v = frame.current;
        if (v == null) {
            return null;
        }
        return new ResumePoint(v.state.name(), v.raw, childPlans(v), v.mapRunArn(), null, v.variables);
    }

    private static List<ChildPlan> childPlans(final Visit v) {
        if (v.children.isEmpty() || "States.DataLimitExceeded".equals(v.failedError())) {
            return null;
        }
        List<ChildPlan> plans = new ArrayList<>(v.children.size());
        for (Frame child : v.children) {
            if (child.succeeded) {
                plans.add(new ChildPlan(child.result, null));
            } else {
                ResumePoint p = planOf(child);
                plans.add(p == null ? ChildPlan.FRESH : new ChildPlan(null, p));
            }
        }
        return plans;
    }

    /**
     * A plan that resumes at the state named by {@code path} (outermost enclosing Parallel or Map first, the target
     * last) using this finished execution's visits: enclosing states get the input they had here; in a Parallel the
     * other branches are taken as they were if they succeeded here, else re-run; in a Map the iterations that
     * succeeded here are taken, the others resume at the target if they reached it, else re-run.
     *
     * @param input the target state's input, or null for the input it had here
     * @return the plan, or null if the outermost state of the path was never entered here
     */
    public synchronized ResumePoint planAt(final List<String> path, final JsonNode input) {
        return top == null ? null : planAt(top, path, 0, input);
    }

    private ResumePoint planAt(final Frame frame, final List<String> path, final int depth,
            final JsonNode input) {
        Past v = lastVisit(frame, path.get(depth));
        if (depth == path.size() - 1) {
            if (v == null) {
                return input == null ? null : new ResumePoint(path.get(depth), input, null, null);
            }
            return new ResumePoint(path.get(depth), input != null ? input : v.raw(), null, null, null,
                    v.variables());
        }
        if (v == null) {
            return null;
        }
        if (v.mapRun() != null) {
            return new ResumePoint(v.state().name(), v.raw(), v.mapRun().resumePlans(path.subList(depth + 1,
                    path.size()), input), null);
        }
        List<ChildPlan> plans = new ArrayList<>(v.children().size());
        boolean map = v.state() instanceof Model.MapState;
        for (Frame child : v.children()) {
            boolean holdsTarget = child.machine.states().containsKey(path.get(depth + 1));
            if (child.succeeded && (map || !holdsTarget)) {
                plans.add(new ChildPlan(child.result, null));
            } else if (holdsTarget) {
                ResumePoint p = planAt(child, path, depth + 1, input);
                plans.add(p == null ? ChildPlan.FRESH : new ChildPlan(null, p));
            } else {
                plans.add(ChildPlan.FRESH);
            }
        }
        return new ResumePoint(v.state().name(), v.raw(), plans, null, null, v.variables());
    }

    /**
     * The names from the outermost Parallel or Map state enclosing {@code stateName} down to it, or null if the
     * machine has no such state.
     */
    public static List<String> pathTo(final Machine machine, final String stateName) {
        if (machine.states().containsKey(stateName)) {
            return List.of(stateName);
        }
        for (State s : machine.states().values()) {
            List<Machine> inner = s instanceof Model.Parallel p ? p.branches()
                    : s instanceof Model.MapState m ? List.of(m.processor()) : List.of();
            for (Machine branch : inner) {
                List<String> rest = pathTo(branch, stateName);
                if (rest != null) {
                    List<String> path = new ArrayList<>(rest.size() + 1);
                    path.add(s.name());
                    path.addAll(rest);
                    return path;
                }
            }
        }
        return null;
    }

    /** What resume needs of a state's visit: its input, its frame's variables then, its branches or Map run. */
    private record Past(State state, JsonNode raw, Map<String, JsonNode> variables, List<Frame> children,
            DistributedMapRun mapRun) {
        static Past of(final Visit v) {
            return new Past(v.state, v.raw, v.variables, v.children, v.mapRun());
        }
    }

    /**
     * The last visit of a state in a frame, or null. Past visits are read back from the history: their StateEntered
     * event holds the state's name and input.
     */
    private Past lastVisit(final Frame frame, final String stateName) {
        Visit v = frame.current;
        if (v != null && v.state.name().equals(stateName)) {
            return Past.of(v);
        }
        for (int i = frame.pastCount - 1; i >= 0; i--) {
            Object more = frame.pastMore == null || i >= frame.pastMore.length ? null : frame.pastMore[i];
            if (more instanceof Visit kept) {
                if (kept.state.name().equals(stateName)) {
                    return Past.of(kept);
                }
                continue;
            }
            Event entered = history.event(frame.pastIds[i]);
            if (stateName.equals(entered.stateName())) {
                return new Past(frame.machine.state(stateName), entered.value(),
                        more == null ? Map.of() : variablesAt(more), List.of(), null);
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, JsonNode> variablesAt(final Object more) {
        return (Map<String, JsonNode>) more;
    }

    /** Stops a running execution with ABORTED; false if it had already finished. */
    public boolean stop(final String stopError, final String stopCause) {
        if (status != Status.RUNNING) {
            return false;
        }
        post(() -> finishAbnormally(Status.ABORTED, stopError, stopCause, "ExecutionAborted",
                "executionAbortedEventDetails"));
        return true;
    }

    /** Runs {@code listener} once the execution has finished (at once if it has). */
    public void onFinish(final Runnable listener) {
        boolean now;
        synchronized (this) {
            now = status != Status.RUNNING;
            if (!now) {
                listeners.add(listener);
            }
        }
        if (now) {
            listener.run();
        }
    }

    public String arn() {
        String a = arn;
        if (a == null) {
            a = "arn:aws:states:" + engine.region + ":" + engine.account + ":express:" + machineName + ":" + name + ":"
                    + expressId;
            arn = a;
        }
        return a;
    }

    public String machineName() {
        return machineName;
    }

    public String name() {
        return name;
    }

    public JsonNode input() {
        return input;
    }

    /** The input exactly as given, when it was given as text (AWS echoes it byte for byte), else null. */
    public String inputText() {
        return inputText;
    }

    public Status status() {
        return status;
    }

    public JsonNode output() {
        return output;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }

    public long startMillis() {
        return startMillis;
    }

    public long stopMillis() {
        return stopMillis;
    }

    /** A snapshot of the recorded events. */
    public List<Event> events() {
        return history.snapshot();
    }

    // ---------------------------------------------------------------- the trampoline

    /**
     * Runs {@code task} after the steps already queued. The driving thread queues without a lock; another thread
     * leaves the task in the mailbox, which the driver moves to its queue before its next step (so the order is
     * that of a single queue), or becomes the driver if none is draining.
     */
    void post(final Runnable task) {
        Thread me = Thread.currentThread();
        if (driver == me) {
            queue.add(task);
            return;
        }
        if (DRIVER.compareAndSet(this, null, me)) {
            queue.add(task);
            drain(me);
            return;
        }
        synchronized (this) {
            if (mailbox == null) {
                mailbox = new ArrayDeque<>();
            }
            mailbox.add(task);
            mail = true;
        }
        // the driver may have let go before it saw the mail: then nobody else will take it
        if (DRIVER.compareAndSet(this, null, me)) {
            drain(me);
        }
    }

    /**
     * Runs steps until the queue and the mailbox are empty, then lets go. A poster leaves mail before it tries to
     * take over, and the driver lets go before it looks for mail, so one of them always sees the other's step.
     */
    private void drain(final Thread me) {
        while (true) {
            if (mail) {
                takeMail();
            }
            Runnable next = queue.poll();
            if (next == null && idle != null) {
                next = idle;
                idle = null;
            }
            if (next == null) {
                closeWaitGroup();
                driver = null;
                if (mail && DRIVER.compareAndSet(this, null, me)) {
                    continue;
                }
                return;
            }
            try {
                // the steps most transitions take, called directly: one call site for every kind of step would
                // dispatch through the interface each time
                if (next instanceof Enter e) {
                    e.run();
                } else if (next instanceof Completed c) {
                    c.run();
                } else if (next instanceof WaitGroup g) {
                    g.run();
                } else {
                    next.run();
                }
            } catch (Throwable t) {
                // a bug or an Error (StackOverflowError, OutOfMemoryError) must not kill the driving thread;
                // the execution fails visibly and the error goes to the handler
                engine.errorHandler.onError(t);
                if (status == Status.RUNNING) {
                    try {
                        finishAbnormally(Status.FAILED, "States.Runtime", "Internal error: " + t,
                                "ExecutionFailed", "executionFailedEventDetails");
                    } catch (Throwable again) {
                        engine.errorHandler.onError(again);
                    }
                }
            }
        }
    }

    /** The step that enters a frame's next state. */
    private final class Enter implements Runnable {
        private final Frame frame;
        private final String stateName;
        private final JsonNode input;

        Enter(final Frame frame, final String stateName, final JsonNode input) {
            this.frame = frame;
            this.stateName = stateName;
            this.input = input;
        }

        @Override
        public void run() {
            enter(frame, stateName, input);
        }
    }

    /** The step that takes a handler's outcome. */
    private final class Completed implements Runnable {
        private final Visit visit;
        private final Model.Task task;
        private final TaskCall call;
        private final JsonNode result;
        private final Throwable failure;

        Completed(final Visit visit, final Model.Task task, final TaskCall call, final JsonNode result,
                final Throwable failure) {
            this.visit = visit;
            this.task = task;
            this.call = call;
            this.result = result;
            this.failure = failure;
        }

        @Override
        public void run() {
            completed(visit, task, call, result, failure);
        }
    }

    private synchronized void takeMail() {
        queue.addAll(mailbox);
        mailbox.clear();
        mail = false;
    }

    // ---------------------------------------------------------------- history

    private static ObjectNode details() {
        return Values.NODES.objectNode();
    }

    private static final String LAMBDA_SCHEDULED = "lambdaFunctionScheduledEventDetails";
    private static final ObjectNode NOT_TRUNCATED = Values.NODES.objectNode().put("truncated", false);

    /** Shared by every event (never mutated; history rendering copies it). */
    private static ObjectNode notTruncated() {
        return NOT_TRUNCATED;
    }

    private static void putOpt(final ObjectNode node, final String key, final String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    private long record(final Frame frame, final String type, final String detailsName, final ObjectNode d) {
        return record(frame, type, detailsName, d, null, null);
    }

    private long record(final Frame frame, final String type, final String detailsName, final ObjectNode d,
            final String stateName, final JsonNode value) {
        if (status != Status.RUNNING && !type.startsWith("Execution")) {
            return 0;
        }
        if (frame != null && !frame.recordHistory) {
            return 0;
        }
        long prev = frame == null ? 0 : frame.lastEventId;
        long id = nextEventId;
        if (recordHistory) {
            history.add(prev, engine.clock.epochMillis(), type, detailsName, d, stateName, value);
        }
        // after the event, so that a reader never counts more events than it can read
        NEXT_EVENT_ID.setRelease(this, id + 1);
        Engine.EventSink sink = engine.sink;
        if (sink != null && recordHistory) {
            sink.recorded(this, history.event(id));
        }
        if (frame != null) {
            frame.lastEventId = (int) id;
        }
        if (recordHistory && id >= MAX_HISTORY_EVENTS && status == Status.RUNNING && !type.startsWith("Execution")) {
            finishAbnormally(Status.FAILED, "States.Runtime",
                    "The execution reached the maximum number of history events (" + MAX_HISTORY_EVENTS + ").",
                    "ExecutionFailed", "executionFailedEventDetails");
        }
        return id;
    }

    private void finish(final Status end, final JsonNode out, final String err, final String why) {
        List<Runnable> toRun;
        synchronized (this) {
            if (status != Status.RUNNING) {
                return;
            }
            output = out;
            error = err;
            cause = why;
            stopMillis = engine.clock.epochMillis();
            status = end;
            if (recordHistory) {
                // kept as long as the execution is retained: without the room left for more events
                history.trim();
            }
            toRun = List.copyOf(listeners);
            listeners.clear();
        }
        closeWaitGroup();
        if (machineTimer != null) {
            machineTimer.cancel();
        }
        for (Runnable r : toRun) {
            try {
                r.run();
            } catch (RuntimeException e) {
                engine.errorHandler.onError(e);
            }
        }
    }

    private void finishAbnormally(final Status end, final String err, final String why, final String type,
            final String detailsName) {
        if (status != Status.RUNNING) {
            return;
        }
        if (top != null) {
            abort(top);
        }
        ObjectNode d = details();
        putOpt(d, "error", err);
        putOpt(d, "cause", why);
        record(top, type, detailsName, d);
        finish(end, null, err, why);
    }

    // ---------------------------------------------------------------- frames and visits

    /** What a frame reports to whoever runs it when it ends. */
    private interface Listener {
        void succeeded(Frame frame, JsonNode out);

        void failed(Frame frame, String err, String why);
    }

    /** A running StartAt/States block: the machine, a Parallel branch or a Map iteration. */
    private static final class Frame {
        final Machine machine;
        final Frame parent;
        final boolean recordHistory;
        final Listener listener;
        /** The branch's or iteration's index in its state. */
        int index;
        /** The id of the frame's last event (a history holds at most 25,000). */
        int lastEventId;
        Visit current;
        /**
         * Standard executions only (their histories are bounded, so these are too): the visits before
         * {@link #current}, oldest first, as what resume needs of them: the ids of their StateEntered events (which
         * hold the state and its input) and, where there is more, the frame's variables at entry or, for a Parallel
         * or Map state, the visit itself (null elsewhere; the array itself null until needed). A finished execution
         * is retained for its history: an int per visit costs the collector next to nothing to keep.
         */
        int[] pastIds;
        Object[] pastMore;
        int pastCount;
        boolean finished;
        boolean succeeded;
        JsonNode result;
        /** The last output measured for the payload limit and its size: the next state's input, usually. */
        JsonNode sizedNode;
        long sizedBytes;
        /** Assign variables: one scope per frame; branches and iterations read the outer frame's. Made on use. */
        private Variables variables;

        Frame(final Machine machine, final Frame parent, final boolean recordHistory, final Listener listener) {
            this.machine = machine;
            this.parent = parent;
            this.recordHistory = recordHistory;
            this.listener = listener;
            this.lastEventId = parent == null ? 0 : parent.lastEventId;
            if (parent != null) {
                // a branch or iteration whose input is the enclosing state's input knows its size
                this.sizedNode = parent.sizedNode;
                this.sizedBytes = parent.sizedBytes;
            }
        }

        /** Appends a visit that the next one replaces as {@link #current} (see {@link #pastIds}). */
        void remember(final Visit v) {
            if (pastIds == null) {
                pastIds = new int[8];
            } else if (pastCount == pastIds.length) {
                pastIds = Arrays.copyOf(pastIds, pastCount * 2);
            }
            Object more = !v.children.isEmpty() || v.mapRun() != null ? v : v.variables.isEmpty() ? null : v.variables;
            if (more != null) {
                if (pastMore == null || pastMore.length <= pastCount) {
                    pastMore = pastMore == null ? new Object[pastIds.length] : Arrays.copyOf(pastMore, pastIds.length);
                }
                pastMore[pastCount] = more;
            }
            pastIds[pastCount++] = v.enteredId;
        }

        Variables variables() {
            if (variables == null) {
                variables = new Variables(parent == null ? null : parent.variables(), Map.of());
            }
            return variables;
        }

        /** The frame's own variables (immutable). */
        Map<String, JsonNode> ownVariables() {
            return variables == null ? Map.of() : variables.values();
        }
    }

    /** One visit of a state: entered, worked on (perhaps retried), exited or failed. */
    private final class Visit implements Intrinsic.EvalContext, JsonPath.Roots {
        final Frame frame;
        final State state;
        final JsonNode raw;
        /** The StateEntered event's id (a history holds at most 25,000 events). */
        final int enteredId;
        final long enteredMillis;
        JsonNode effective;
        Clock.Timer timer;
        boolean done;
        /** Parallel branches or Map iterations; only those states have any. */
        List<Frame> children = List.of();
        boolean started;
        boolean failedRecorded;
        /** What few visits need; null until one of its fields is set. */
        private Rare rare;
        /** Set once this visit's output went over the payload limit: a catcher's output must not loop back. */
        boolean overLimit;
        /** The frame's own variables when the state was entered (what resume and redrive restore). */
        final Map<String, JsonNode> variables;

        Visit(final Frame frame, final State state, final JsonNode raw, final long enteredId) {
            this.frame = frame;
            this.state = state;
            this.raw = raw;
            this.enteredId = (int) enteredId;
            this.enteredMillis = engine.clock.epochMillis();
            this.variables = frame.ownVariables();
        }

        Rare rare() {
            if (rare == null) {
                rare = new Rare();
            }
            return rare;
        }

        String token() {
            return rare == null ? null : rare.token;
        }

        ObjectNode mapItem() {
            return rare == null ? null : rare.mapItem;
        }

        String failedError() {
            return rare == null ? null : rare.failedError;
        }

        String mapRunArn() {
            return rare == null ? null : rare.mapRunArn;
        }

        DistributedMapRun mapRun() {
            return rare == null ? null : rare.mapRun;
        }

        /** The plan of this visit's branches or iterations, once: a retry runs them all afresh. */
        List<ChildPlan> takePlan() {
            if (rare == null) {
                return null;
            }
            List<ChildPlan> plan = rare.plan;
            rare.plan = null;
            return plan;
        }

        @Override
        public JsonNode variable(final String name) {
            return frame.variables().get(name);
        }

        /** JSONata's {@code $states.input}/{@code context} and the variables as at entry. */
        Bindings bindings() {
            return Bindings.of(frame.variables(), raw, this, engine.random);
        }

        /** The context object, built on first use per attempt: most states never read it. */
        @Override
        public JsonNode get() {
            Rare r = rare();
            if (r.cachedContext == null || r.cachedRetryCount != r.retryCount || r.mapItem != null
                    || r.token != null) {
                r.cachedContext = context();
                r.cachedRetryCount = r.retryCount;
            }
            return r.cachedContext;
        }

        JsonNode context() {
            ObjectNode c = Values.NODES.objectNode();
            c.set("Execution", executionContext());
            ObjectNode s = c.putObject("State");
            s.put("EnteredTime", Instant.ofEpochMilli(enteredMillis).toString());
            s.put("Name", state.name());
            if (state instanceof Model.Task || state instanceof Model.Parallel || state instanceof Model.MapState) {
                s.put("RetryCount", rare == null ? 0 : rare.retryCount);
            }
            ObjectNode m = c.putObject("StateMachine");
            m.put("Id", machineArn);
            m.put("Name", machineName);
            if (token() != null) {
                c.putObject("Task").put("Token", token());
            }
            if (mapItem() != null) {
                c.putObject("Map").set("Item", mapItem());
            }
            return c;
        }

        @Override
        public java.util.UUID uuid() {
            return engine.random.uuid();
        }

        @Override
        public int randomInt(final int startInclusive, final int endExclusive) {
            return startInclusive + engine.random.nextInt(endExclusive - startInclusive);
        }

        @Override
        public AslError pathNotFound(final String path, final JsonNode in) {
            return AslError.runtime("The JSONPath '" + path + "' could not be found in the input '"
                    + Json.write(in) + "'");
        }

        void cancelTimers() {
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
            if (rare == null) {
                return;
            }
            if (rare.heartbeatTimer != null) {
                rare.heartbeatTimer.cancel();
                rare.heartbeatTimer = null;
            }
            if (rare.token != null) {
                engine.tokens.remove(rare.token);
            }
        }
    }

    /**
     * The part of a visit only callbacks, Map runs, resumed Parallel or Map states, failures and context reads use
     * (kept apart: most visits are Pass, Choice, Wait or plain Task states, and Standard executions keep theirs).
     */
    private static final class Rare {
        String token;
        Clock.Timer heartbeatTimer;
        ObjectNode mapItem;
        List<ChildPlan> plan;
        String failedError;
        String mapRunArn;
        String resumedMapRunArn;
        /** A Distributed Map's run, whose children stop when this visit is aborted. */
        DistributedMapRun mapRun;
        JsonNode cachedContext;
        int cachedRetryCount = -1;
        /** Retries so far, in all and per retrier (made on the first). */
        int retryCount;
        int[] retryCounts;
    }

    private void abort(final Frame frame) {
        if (frame.finished) {
            return;
        }
        frame.finished = true;
        Visit v = frame.current;
        if (v != null && !v.done) {
            v.done = true;
            v.cancelTimers();
            for (Frame child : v.children) {
                abort(child);
            }
            if (v.mapRun() != null) {
                v.mapRun().abort();
            }
            String type = v.state.type();
            if (type.equals("Task") || type.equals("Wait") || type.equals("Map") || type.equals("Parallel")) {
                record(frame, type + "StateAborted", null, null);
            }
        }
    }

    private void enter(final Frame frame, final String stateName, final JsonNode raw) {
        enter(frame, stateName, raw, null);
    }

    private void enter(final Frame frame, final String stateName, final JsonNode raw, final ResumePoint point) {
        if (frame.finished || status != Status.RUNNING) {
            return;
        }
        State state = frame.machine.state(stateName);
        // an Express execution counts its events (error causes name their ids) but keeps none: no type to work out
        long entered = record(frame, recordHistory ? StateEventTypes.entered(state) : "StateEntered",
                "stateEnteredEventDetails", null, stateName, raw);
        if (status != Status.RUNNING) {
            return;
        }
        if (point != null) {
            // resumed or redriven: the variables are as they were when the earlier run entered this state
            frame.variables().assign(point.variables());
        }
        Visit visit = new Visit(frame, state, raw, entered);
        if (recordHistory && frame.current != null) {
            frame.remember(frame.current);
        }
        if (point != null) {
            if (point.children() != null || point.mapRunArn() != null) {
                visit.rare().plan = point.children();
                visit.rare().resumedMapRunArn = point.mapRunArn();
            }
        }
        frame.current = visit;
        try {
            if (state instanceof Model.Pass p) {
                pass(visit, p);
            } else if (state instanceof Model.Choice c) {
                choice(visit, c);
            } else if (state instanceof Model.Wait w) {
                waitState(visit, w);
            } else if (state instanceof Model.Succeed s) {
                if (s.flow().jsonata()) {
                    jsonataExit(visit, s.flow(), visit.bindings(), raw, null);
                } else {
                    exit(visit, outputPath(visit, s.io(), inputPath(visit, s.io(), raw)), null);
                }
            } else if (state instanceof Model.Fail f) {
                fail(visit, f);
            } else if (state instanceof Model.Task t) {
                if (point != null && point.taskResult() != null) {
                    finishTask(visit, t, point.taskResult());
                } else {
                    task(visit, t);
                }
            } else {
                attempt(visit);
            }
        } catch (AslError e) {
            handleError(visit, e);
        }
    }

    /** Runs (again, after a retry's wait) the work of a Task, Parallel or Map state. */
    private void attempt(final Visit visit) {
        if (visit.state instanceof Model.Task t) {
            task(visit, t);
        } else if (visit.state instanceof Model.Parallel p) {
            parallel(visit, p);
        } else if (visit.state instanceof Model.MapState m) {
            map(visit, m);
        }
    }

    private void exit(final Visit visit, final JsonNode out, final String next) {
        exit(visit, out, next, null);
    }

    /** Exits the state; {@code assigned} (null without Assign) become the frame's variables from now on. */
    private void exit(final Visit visit, final JsonNode out, final String next, final Map<String, JsonNode> assigned) {
        if (visit.done) {
            return;
        }
        // AWS's limit on every state's output; an output that is the state's own input passed it already
        Frame f = visit.frame;
        long size = out == visit.raw ? -1 : out == measured ? measuredBytes
                : PayloadSize.of(out, visit.raw, f.sizedNode == visit.raw ? f.sizedBytes : -1);
        if (size > Values.MAX_PAYLOAD_BYTES) {
            AslError e = new AslError("States.DataLimitExceeded", "The state/task '" + visit.state.name()
                    + "' returned a result with a size exceeding the maximum number of bytes service limit.");
            if (visit.overLimit) {
                failFrame(visit, e.error(), e.cause());
            } else {
                visit.overLimit = true;
                handleError(visit, e);
            }
            return;
        }
        if (size >= 0) {
            f.sizedNode = out;
            f.sizedBytes = size;
        }
        visit.done = true;
        visit.cancelTimers();
        if (!recordHistory) {
            // an Express execution: the event is counted, not kept
            if (assigned != null && !assigned.isEmpty()) {
                f.variables().assign(assigned);
            }
            record(f, "StateExited", null, null);
        } else if (assigned == null || assigned.isEmpty()) {
            record(visit.frame, StateEventTypes.exited(visit.state), "stateExitedEventDetails", null,
                    visit.state.name(), out);
        } else {
            visit.frame.variables().assign(assigned);
            ObjectNode d = details();
            d.put("name", visit.state.name());
            d.set("output", out);
            d.set("outputDetails", notTruncated());
            ObjectNode vars = d.putObject("assignedVariables");
            assigned.forEach((k, v) -> vars.put(k, Json.write(v)));
            d.set("assignedVariablesDetails", notTruncated());
            record(visit.frame, StateEventTypes.exited(visit.state), "stateExitedEventDetails", d);
        }
        Frame frame = visit.frame;
        if (next == null) {
            frame.finished = true;
            frame.succeeded = true;
            frame.result = out;
            frame.listener.succeeded(frame, out);
        } else {
            post(new Enter(frame, next, out));
        }
    }

    private void failFrame(final Visit visit, final String err, final String why) {
        visit.done = true;
        visit.rare().failedError = err;
        visit.cancelTimers();
        Frame frame = visit.frame;
        if (frame.finished) {
            return;
        }
        frame.finished = true;
        frame.listener.failed(frame, err, why);
    }

    // ---------------------------------------------------------------- input and output processing

    private JsonNode inputPath(final Visit visit, final Io io, final JsonNode raw) {
        if (io.inputNull()) {
            return Values.NODES.objectNode();
        }
        return io.inputPath() == null ? raw : readPath(visit, io.inputPath(), raw);
    }

    private JsonNode outputPath(final Visit visit, final Io io, final JsonNode out) {
        if (io.outputNull()) {
            return Values.NODES.objectNode();
        }
        return io.outputPath() == null ? out : readPath(visit, io.outputPath(), out);
    }

    private JsonNode readPath(final Visit visit, final JsonPath path, final JsonNode value) {
        JsonNode v = path.read(value, visit);
        if (v == null) {
            throw AslError.runtime("Invalid path '" + path.text() + "' : No results for path: " + path.normalized());
        }
        return v;
    }

    private JsonNode applyResultPath(final ResultPath rp, final JsonNode raw, final JsonNode result) {
        if (rp.discard()) {
            return raw;
        }
        if (rp.steps().isEmpty()) {
            return result;
        }
        JsonNode out = Values.setAt(raw, rp.steps(), 0, result);
        if (out == null) {
            throw new AslError("States.ResultPathMatchFailure", "Unable to apply ReferencePath " + rp.text()
                    + " to input " + Json.write(raw));
        }
        return out;
    }

    private JsonNode template(final Visit visit, final Template t, final JsonNode in) {
        return t == null ? in : t.apply(in, visit, visit);
    }

    // ---------------------------------------------------------------- simple states

    private void pass(final Visit visit, final Model.Pass p) {
        if (p.flow().jsonata()) {
            jsonataExit(visit, p.flow(), visit.bindings(), visit.raw, next(p.transition()));
            return;
        }
        JsonNode effective = template(visit, p.parameters(), inputPath(visit, p.io(), visit.raw));
        JsonNode result = p.result() != null ? p.result() : effective;
        Map<String, JsonNode> assigned = assignPath(visit, p.flow(), result);
        JsonNode out = outputPath(visit, p.io(), applyResultPath(p.resultPath(), visit.raw, result));
        exit(visit, out, next(p.transition()), assigned);
    }

    private static String next(final Transition t) {
        return t.end() ? null : t.next();
    }

    private void choice(final Visit visit, final Model.Choice c) {
        if (c.flow().jsonata()) {
            Bindings bindings = visit.bindings();
            for (Model.ChoiceBranch b : c.choices()) {
                Payload condition = b.flow().field("Condition");
                JsonNode holds = condition.apply(bindings, "Condition");
                if (!holds.isBoolean()) {
                    throw unexpectedType(condition, "Condition", "boolean", holds);
                }
                if (holds.booleanValue()) {
                    jsonataExit(visit, b.flow(), bindings, visit.raw, b.next());
                    return;
                }
            }
            if (c.defaultNext() != null) {
                jsonataExit(visit, c.flow(), bindings, visit.raw, c.defaultNext());
                return;
            }
            throw new AslError("States.NoChoiceMatched", "No Matches!");
        }
        JsonNode effective = inputPath(visit, c.io(), visit.raw);
        for (Model.ChoiceBranch b : c.choices()) {
            if (b.rule().test(effective, visit)) {
                Map<String, JsonNode> assigned = assignPath(visit, b.flow(), effective);
                exit(visit, outputPath(visit, c.io(), effective), b.next(), assigned);
                return;
            }
        }
        if (c.defaultNext() != null) {
            Map<String, JsonNode> assigned = assignPath(visit, c.flow(), effective);
            exit(visit, outputPath(visit, c.io(), effective), c.defaultNext(), assigned);
            return;
        }
        throw new AslError("States.NoChoiceMatched", "No Matches!");
    }

    private void waitState(final Visit visit, final Model.Wait w) {
        JsonNode effective = inputPath(visit, w.io(), visit.raw);
        long now = engine.clock.epochMillis();
        long delayMillis;
        Payload secondsExpr = w.flow().field("Seconds");
        Payload timestampExpr = w.flow().field("Timestamp");
        if (secondsExpr != null) {
            JsonNode v = secondsExpr.apply(visit.bindings(), "Seconds");
            if (!v.isNumber() || !v.canConvertToExactIntegral() || v.asLong() < 0) {
                throw unexpectedType(secondsExpr, "Seconds", "integer", v);
            }
            if (v.asLong() > MAX_WAIT_SECONDS) {
                throw AslError.runtime("Wait state delay is too long.");
            }
            delayMillis = v.asLong() * 1000;
        } else if (timestampExpr != null) {
            JsonNode v = timestampExpr.apply(visit.bindings(), "Timestamp");
            OffsetDateTime at = v.isTextual() ? ChoiceRule.timestamp(v.asText()) : null;
            if (at == null) {
                throw AslError.queryEvaluation("The Timestamp field cannot be parsed as an ISO-8601 extended offset "
                        + "date-time format string: " + (v.isTextual() ? v.asText() : Json.write(v)), "Timestamp");
            }
            delayMillis = at.toInstant().toEpochMilli() - now;
            if (delayMillis > MAX_WAIT_SECONDS * 1000) {
                throw AslError.runtime("Wait state delay is too long.");
            }
        } else if (w.seconds() != null) {
            delayMillis = w.seconds() * 1000;
        } else if (w.secondsPath() != null) {
            JsonNode v = w.secondsPath().read(effective, visit);
            if (v == null) {
                throw AslError.runtime("The SecondsPath parameter does not reference an input value: "
                        + w.secondsPath().text());
            }
            if (!v.isNumber() || !v.canConvertToExactIntegral()) {
                throw AslError.runtime("The SecondsPath parameter cannot be parsed as a long value: "
                        + w.secondsPath().text() + " == " + v.asText());
            }
            if (v.asLong() < 0) {
                throw AslError.runtime("The SecondsPath parameter references a negative value: "
                        + w.secondsPath().text() + " == " + v.asText());
            }
            if (v.asLong() > MAX_WAIT_SECONDS) {
                throw AslError.runtime("Wait state delay is too long.");
            }
            delayMillis = v.asLong() * 1000;
        } else {
            String text;
            if (w.timestamp() != null) {
                text = w.timestamp();
            } else {
                JsonNode v = w.timestampPath().read(effective, visit);
                if (v == null) {
                    throw AslError.runtime("The TimestampPath parameter does not reference an input value: "
                            + w.timestampPath().text());
                }
                text = v.asText();
                if (!v.isTextual() || ChoiceRule.timestamp(text) == null) {
                    throw AslError.runtime("The TimestampPath parameter does not reference a valid ISO-8601 "
                            + "extended offset date-time format string: " + w.timestampPath().text() + " == "
                            + text);
                }
            }
            OffsetDateTime at = ChoiceRule.timestamp(text);
            delayMillis = at.toInstant().toEpochMilli() - now;
            if (delayMillis > MAX_WAIT_SECONDS * 1000) {
                throw AslError.runtime("Wait state delay is too long.");
            }
        }
        JsonNode out;
        Map<String, JsonNode> assigned;
        if (w.flow().jsonata()) {
            Bindings bindings = visit.bindings();
            assigned = jsonataAssign(visit, w.flow(), bindings);
            out = w.flow().output() == null ? visit.raw : w.flow().output().apply(bindings, "Output");
        } else {
            assigned = assignPath(visit, w.flow(), effective);
            out = outputPath(visit, w.io(), effective);
        }
        String next = next(w.transition());
        if (delayMillis <= 0) {
            post(() -> exit(visit, out, next, assigned));
            return;
        }
        WaitEnd end = new WaitEnd(visit, out, next, assigned);
        long nowNanos = engine.clock.nanoTime();
        WaitGroup group = engine.openWaitGroup instanceof WaitGroup g && g.owner() == this
                && g.scheduledNanos == nowNanos
                && g.delayMillis == delayMillis && g.live > 0 ? g : null;
        if (group == null) {
            closeWaitGroup();
            group = new WaitGroup(nowNanos, delayMillis);
            WaitGroup fgroup = group;
            group.timer = engine.clock.schedule(Duration.ofMillis(delayMillis), () -> post(fgroup));
            engine.openWaitGroup = group;
        }
        group.add(end);
        visit.timer = end;
    }

    /** Any other timer, handler call or listener comes after the open Wait group: later Waits need their own. */
    private void closeWaitGroup() {
        if (engine.openWaitGroup != null) {
            engine.openWaitGroup = null;
        }
    }

    /** Schedules a timer other than a Wait's end. */
    private Clock.Timer schedule(final Duration delay, final Runnable task) {
        closeWaitGroup();
        return engine.clock.schedule(delay, task);
    }

    /**
     * Waits of one execution that end at the same instant and were scheduled one after another with nothing else
     * in between (no other timer, handler or listener: typically a Parallel's branches entering their Waits in one
     * step), behind one clock timer. They end in the order they were scheduled, each after the steps the one before
     * it led to, exactly as one timer each would fire (the clock fires the next once the execution is idle).
     */
    private final class WaitGroup implements Runnable {
        final long scheduledNanos;
        final long delayMillis;
        WaitEnd[] members = new WaitEnd[4];
        int size;
        Clock.Timer timer;
        int next;
        /** Members not cancelled: when none is left the group's timer is cancelled. */
        int live;

        WaitGroup(final long scheduledNanos, final long delayMillis) {
            this.scheduledNanos = scheduledNanos;
            this.delayMillis = delayMillis;
        }

        ExecutionRun owner() {
            return ExecutionRun.this;
        }

        void add(final WaitEnd end) {
            end.group = this;
            if (size == members.length) {
                members = Arrays.copyOf(members, size * 2);
            }
            members[size++] = end;
            live++;
        }

        /** As a step: ends the next member; the one after it runs once the queue is empty. */
        @Override
        public void run() {
            while (next < size) {
                WaitEnd end = members[next++];
                if (end.cancelled) {
                    continue;
                }
                if (next < size) {
                    idle = this;
                }
                end.fire();
                return;
            }
        }
    }

    /** A Wait state's end, in its {@link WaitGroup}; the visit's timer. */
    private final class WaitEnd implements Clock.Timer {
        private final Visit visit;
        private final JsonNode out;
        private final String next;
        private final Map<String, JsonNode> assigned;
        WaitGroup group;
        boolean cancelled;
        boolean fired;

        WaitEnd(final Visit visit, final JsonNode out, final String next, final Map<String, JsonNode> assigned) {
            this.visit = visit;
            this.out = out;
            this.next = next;
            this.assigned = assigned;
        }

        void fire() {
            fired = true;
            if (!visit.done && !visit.frame.finished) {
                exit(visit, out, next, assigned);
            }
        }

        /** Called by the driver only (a visit's timers are cancelled in steps). */
        @Override
        public boolean cancel() {
            if (cancelled || fired) {
                return false;
            }
            cancelled = true;
            if (--group.live == 0) {
                group.timer.cancel();
                if (engine.openWaitGroup == group) {
                    engine.openWaitGroup = null;
                }
            }
            return true;
        }
    }

    private void fail(final Visit visit, final Model.Fail f) {
        String err = f.error();
        String why = f.cause();
        for (String field : List.of("Error", "Cause")) {
            Payload p = f.flow().field(field);
            if (p != null) {
                JsonNode v = p.apply(visit.bindings(), field);
                if (!v.isTextual()) {
                    throw unexpectedType(p, field, "string", v);
                }
                if (field.equals("Error")) {
                    err = v.asText();
                } else {
                    why = v.asText();
                }
            }
        }
        if (f.errorPath() != null) {
            err = failField(visit, f.errorPath(), "ErrorPath");
        }
        if (f.causePath() != null) {
            why = failField(visit, f.causePath(), "CausePath");
        }
        failFrame(visit, err, why);
    }

    private String failField(final Visit visit, final Object spec, final String field) {
        JsonNode v;
        if (spec instanceof Intrinsic i) {
            v = i.evaluate(visit.raw, visit, visit);
        } else {
            JsonPath p = (JsonPath) spec;
            v = p.read(visit.raw, visit);
            if (v == null) {
                throw AslError.runtime("The JSONPath '" + p.text() + "' specified for the field '" + field
                        + "' could not be found in the input '" + Json.write(visit.raw) + "'");
            }
        }
        if (!v.isTextual()) {
            throw AslError.runtime("The value at the " + field + " must be a string: " + Json.write(v));
        }
        return v.asText();
    }

    // ---------------------------------------------------------------- errors: retry and catch

    private void handleError(final Visit visit, final AslError raw) {
        if (visit.done || visit.frame.finished) {
            return;
        }
        AslError e = raw.inState(visit.state.name(), visit.enteredId);
        List<Retrier> retriers = List.of();
        List<Catcher> catchers = List.of();
        if (visit.state instanceof Model.Task t) {
            retriers = t.retriers();
            catchers = t.catchers();
        } else if (visit.state instanceof Model.Parallel p) {
            retriers = p.retriers();
            catchers = p.catchers();
        } else if (visit.state instanceof Model.MapState m) {
            retriers = m.retriers();
            catchers = m.catchers();
        }
        String err = e.error();
        if (!"States.Runtime".equals(err)) {
            for (int i = 0; i < retriers.size(); i++) {
                Retrier r = retriers.get(i);
                if (!matches(r.errorEquals(), err)) {
                    continue;
                }
                Rare rare = visit.rare();
                if (rare.retryCounts == null) {
                    rare.retryCounts = new int[retriers.size()];
                }
                if (rare.retryCounts[i] >= r.maxAttempts()) {
                    break;
                }
                double delay = r.intervalSeconds() * Math.pow(r.backoffRate(), rare.retryCounts[i]);
                if (r.maxDelaySeconds() != null) {
                    delay = Math.min(delay, r.maxDelaySeconds());
                }
                if (r.fullJitter()) {
                    delay = delay * engine.random.nextDouble();
                }
                rare.retryCounts[i]++;
                rare.retryCount++;
                long millis = (long) (delay * 1000);
                visit.cancelTimers();
                visit.children = List.of();
                visit.timer = schedule(Duration.ofMillis(millis), () -> post(() -> {
                    if (visit.done || visit.frame.finished) {
                        return;
                    }
                    visit.timer = null;
                    try {
                        attempt(visit);
                    } catch (AslError again) {
                        handleError(visit, again);
                    }
                }));
                return;
            }
            stateFailedEvent(visit);
            for (Catcher c : catchers) {
                if (matches(c.errorEquals(), err)) {
                    ObjectNode errorOutput = Values.NODES.objectNode();
                    errorOutput.put("Error", err);
                    errorOutput.put("Cause", e.cause());
                    JsonNode out;
                    Map<String, JsonNode> assigned;
                    try {
                        if (c.flow().jsonata()) {
                            Bindings bindings = visit.bindings().withErrorOutput(errorOutput);
                            assigned = jsonataAssign(visit, c.flow(), bindings);
                            out = c.flow().output() == null ? errorOutput : c.flow().output().apply(bindings, "Output");
                        } else {
                            assigned = assignPath(visit, c.flow(), errorOutput);
                            out = applyResultPath(c.resultPath(), visit.raw, errorOutput);
                        }
                    } catch (AslError rpe) {
                        AslError scoped = rpe.inState(visit.state.name(), visit.enteredId);
                        evaluationFailed(visit, scoped);
                        failFrame(visit, scoped.error(), scoped.cause());
                        return;
                    }
                    exit(visit, out, c.next(), assigned);
                    return;
                }
            }
        }
        evaluationFailed(visit, e);
        failFrame(visit, err, e.cause());
    }

    /** The EvaluationFailed event of a JSONata failure that fails the state. */
    private void evaluationFailed(final Visit visit, final AslError e) {
        if (e.location() == null) {
            return;
        }
        ObjectNode d = details();
        putOpt(d, "error", e.error());
        putOpt(d, "cause", e.cause());
        if (!e.location().isEmpty()) {
            d.put("location", e.location());
        }
        d.put("state", visit.state.name());
        record(visit.frame, "EvaluationFailed", "evaluationFailedEventDetails", d);
        if (visit.state instanceof Model.MapState && !visit.failedRecorded) {
            // AWS fails a Map whose Items or ItemSelector failed, although it never started
            visit.failedRecorded = true;
            record(visit.frame, "MapStateFailed", null, null);
        }
    }

    // ---------------------------------------------------------------- JSONata and variables

    /** JSONata: Assign and Output (default {@code dflt}) on the state's bindings, then exit. */
    private void jsonataExit(final Visit visit, final Model.Flow flow, final Bindings bindings, final JsonNode dflt,
            final String next) {
        Map<String, JsonNode> assigned = jsonataAssign(visit, flow, bindings);
        JsonNode out = flow.output() == null ? dflt : flow.output().apply(bindings, "Output");
        exit(visit, out, next, assigned);
    }

    private static Map<String, JsonNode> jsonataAssign(final Visit visit, final Model.Flow flow,
            final Bindings bindings) {
        return flow.assign() == null ? null : fields(visit, flow.assign().apply(bindings, "Assign"));
    }

    /** The variables a JSONPath Assign sets, its paths read on {@code value}; null without Assign. */
    private static Map<String, JsonNode> assignPath(final Visit visit, final Model.Flow flow, final JsonNode value) {
        return flow.assignPath() == null ? null : fields(visit, flow.assignPath().apply(value, visit, visit));
    }

    /**
     * The variables of an evaluated Assign, within AWS's limits: 256 KiB for one variable's value and for all the
     * values one Assign sets, 10 MiB for all the variables the state's scope sees once they are set.
     */
    private static Map<String, JsonNode> fields(final Visit visit, final JsonNode object) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            long size = Values.jsonSize(e.getValue(), Integer.MAX_VALUE);
            if (size > Values.MAX_PAYLOAD_BYTES) {
                throw new AslError("States.DataLimitExceeded", "The variable '" + e.getKey() + "' has a size of "
                        + size + " bytes, exceeding the maximum of " + Values.MAX_PAYLOAD_BYTES
                        + " bytes for a single variable.");
            }
            total += size;
            out.put(e.getKey(), e.getValue());
        }
        if (total > Values.MAX_PAYLOAD_BYTES) {
            throw new AslError("States.DataLimitExceeded", "The variables " + out.keySet() + " assigned together "
                    + "have a size of " + total + " bytes, exceeding the maximum of " + Values.MAX_PAYLOAD_BYTES
                    + " bytes for one Assign.");
        }
        long stored = visit.frame.variables().bytesAfter(out);
        if (stored > MAX_STORED_VARIABLE_BYTES) {
            throw new AslError("States.DataLimitExceeded", "The variables " + out.keySet() + " would bring the "
                    + "execution's variables to " + stored + " bytes, exceeding the maximum of "
                    + MAX_STORED_VARIABLE_BYTES + " bytes.");
        }
        return out;
    }

    /** JSONata Arguments, or the state input without them. */
    private static JsonNode arguments(final Visit visit, final Model.Flow flow) {
        return flow.arguments() == null ? visit.raw : flow.arguments().apply(visit.bindings(), "Arguments");
    }

    /** A JSONata-valued integer field (TimeoutSeconds, MaxConcurrency, ...). */
    private static Long jsonataLong(final Visit visit, final Model.Flow flow, final String field) {
        Payload p = flow.field(field);
        JsonNode v = p.apply(visit.bindings(), field);
        if (!v.isNumber() || !v.canConvertToExactIntegral() || v.asLong() < 0) {
            throw unexpectedType(p, field, "integer", v);
        }
        return v.asLong();
    }

    private static AslError unexpectedType(final Payload p, final String field, final String expected,
            final JsonNode value) {
        String text = p.expression() == null ? Json.write(value) : p.expression().text();
        return AslError.queryEvaluation("The JSONata expression '" + text + "' specified for the field '" + field
                + "' returned an unexpected result type. Expected '" + expected + "', but was '" + typeName(value)
                + "' for value: " + Json.write(value), field);
    }

    private static String typeName(final JsonNode value) {
        switch (value.getNodeType()) {
            case OBJECT:
                return "object";
            case ARRAY:
                return "array";
            case STRING:
                return "string";
            case NUMBER:
                return "number";
            case BOOLEAN:
                return "boolean";
            default:
                return "null";
        }
    }

    private void stateFailedEvent(final Visit visit) {
        if (visit.started && !visit.failedRecorded
                && (visit.state instanceof Model.Parallel || visit.state instanceof Model.MapState)) {
            visit.failedRecorded = true;
            record(visit.frame, visit.state.type() + "StateFailed", null, null);
        }
    }

    private static boolean matches(final List<String> errorEquals, final String err) {
        for (String name : errorEquals) {
            if (name.equals(err)) {
                return true;
            }
            if (name.equals("States.ALL") && !"States.Runtime".equals(err)) {
                return true;
            }
            if (name.equals("States.TaskFailed") && !"States.Timeout".equals(err) && !"States.Runtime".equals(err)
                    && (err == null || !err.startsWith("States.") || err.equals("States.DataLimitExceeded")
                    || err.equals("States.HeartbeatTimeout") || err.equals("States.Permissions"))) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- tasks

    private void task(final Visit visit, final Model.Task t) {
        boolean callback = t.callback();
        if (callback && visit.token() == null) {
            // the token must exist before Parameters are evaluated: they pass it on through $$.Task.Token
            visit.rare().token = engine.random.uuid().toString();
        }
        JsonNode effective = t.flow().jsonata() ? arguments(visit, t.flow())
                : template(visit, t.parameters(), inputPath(visit, t.io(), visit.raw));
        visit.effective = effective;
        TaskCall call = TaskCall.of(t.resource(), effective, engine);
        Long timeout = t.flow().field("TimeoutSeconds") != null ? jsonataLong(visit, t.flow(), "TimeoutSeconds")
                : resolveSeconds(visit, t.timeoutSeconds(), "TimeoutSecondsPath");
        Long heartbeat = t.flow().field("HeartbeatSeconds") != null
                ? jsonataLong(visit, t.flow(), "HeartbeatSeconds")
                : resolveSeconds(visit, t.heartbeatSeconds(), "HeartbeatSecondsPath");
        // scheduled
        if (call.lambdaFunction) {
            if (timeout == null) {
                // most Lambda tasks: the details are built on read from the resource and the input
                record(visit.frame, "LambdaFunctionScheduled", LAMBDA_SCHEDULED, null, t.resource(), effective);
            } else {
                ObjectNode d = details();
                d.put("resource", t.resource());
                d.set("input", effective);
                d.set("inputDetails", notTruncated());
                d.put("timeoutInSeconds", timeout);
                record(visit.frame, "LambdaFunctionScheduled", LAMBDA_SCHEDULED, d);
            }
            record(visit.frame, "LambdaFunctionStarted", null, null);
        } else if (call.activity) {
            ObjectNode d = details();
            d.put("resource", t.resource());
            d.set("input", effective);
            d.set("inputDetails", notTruncated());
            if (timeout != null) {
                d.put("timeoutInSeconds", timeout);
            }
            if (heartbeat != null) {
                d.put("heartbeatInSeconds", heartbeat);
            }
            record(visit.frame, "ActivityScheduled", "activityScheduledEventDetails", d);
        } else {
            ObjectNode d = details();
            d.put("resourceType", call.resourceType);
            d.put("resource", call.resource);
            d.put("region", engine.region);
            d.set("parameters", effective);
            if (timeout != null) {
                d.put("timeoutInSeconds", timeout);
            }
            if (heartbeat != null) {
                d.put("heartbeatInSeconds", heartbeat);
            }
            record(visit.frame, "TaskScheduled", "taskScheduledEventDetails", d);
            ObjectNode sd = details();
            sd.put("resourceType", call.resourceType);
            sd.put("resource", call.resource);
            record(visit.frame, "TaskStarted", "taskStartedEventDetails", sd);
        }
        TaskCall fcall = call;
        if (timeout != null) {
            visit.timer = schedule(Duration.ofSeconds(timeout), () -> post(() -> {
                if (!visit.done && !visit.frame.finished) {
                    taskFailed(visit, t, fcall, "States.Timeout", null, true);
                }
            }));
        }
        if (heartbeat != null && callback) {
            armHeartbeat(visit, t, fcall, heartbeat);
        }
        if (callback) {
            Runnable[] started = new Runnable[1];
            engine.tokens.put(visit.token(), new Engine.TokenWaiter() {
                @Override
                public void succeed(final JsonNode out) {
                    post(() -> {
                        if (!visit.done && !visit.frame.finished) {
                            taskSucceeded(visit, t, fcall, out);
                        }
                    });
                }

                @Override
                public void fail(final String err, final String why) {
                    post(() -> {
                        if (!visit.done && !visit.frame.finished) {
                            taskFailed(visit, t, fcall, err, why, false);
                        }
                    });
                }

                @Override
                public void heartbeat() {
                    post(() -> {
                        if (!visit.done && heartbeat != null) {
                            armHeartbeat(visit, t, fcall, heartbeat);
                        }
                    });
                }
            });
            if (fcall.activity) {
                if (!engine.hasActivity(t.resource())) {
                    engine.tokens.remove(visit.token());
                    taskFailed(visit, t, fcall, "States.Runtime", "Activity does not exist: " + t.resource(),
                            false);
                    return;
                }
                JsonNode activityInput = effective;
                started[0] = () -> post(() -> {
                    if (!visit.done) {
                        record(visit.frame, "ActivityStarted", "activityStartedEventDetails", details());
                    }
                });
                engine.activities.get(t.resource()).add(new Engine.ActivityWork(visit.token(), activityInput, this,
                        started[0]));
                return;
            }
        }
        Engine.Invoker invoker = fcall.invoker;
        closeWaitGroup();
        if (invoker == null) {
            notFound(visit, t, fcall);
            return;
        }
        if (invoker instanceof Engine.SyncInvoker sync && fcall.pattern != TaskCall.Pattern.SYNC) {
            // a synchronous handler: its outcome in the step whenComplete would post, without a stage
            JsonNode result = null;
            Throwable failure = null;
            try {
                result = sync.call(fcall.payload(effective));
            } catch (Throwable ex) {
                failure = ex;
            }
            JsonNode fresult = result;
            Throwable ffailure = failure;
            post(new Completed(visit, t, fcall, fresult, ffailure));
            return;
        }
        CompletionStage<JsonNode> stage;
        try {
            JsonNode payload = fcall.payload(effective);
            stage = fcall.pattern != TaskCall.Pattern.SYNC ? invoker.apply(payload)
                    : invoker.apply(payload, started -> submitted(visit, fcall, started));
        } catch (Throwable ex) {
            stage = CompletableFuture.failedFuture(ex);
        }
        if (stage instanceof CompletableFuture<JsonNode> done && done.isDone()) {
            // a synchronous handler: its outcome in the step whenComplete would post, without the callback chain
            JsonNode result = null;
            Throwable failure = null;
            try {
                result = done.getNow(null);
            } catch (CompletionException | CancellationException e) {
                failure = e;
            }
            JsonNode fresult = result;
            Throwable ffailure = failure;
            post(new Completed(visit, t, fcall, fresult, ffailure));
        } else {
            stage.whenComplete((result, ex) -> post(new Completed(visit, t, fcall, result, ex)));
        }
    }

    /** A handler's outcome, as a step of this execution. */
    private void completed(final Visit visit, final Model.Task t, final TaskCall fcall, final JsonNode result,
            final Throwable ex) {
        if (visit.done || visit.frame.finished) {
            return;
        }
        if (ex != null) {
            Throwable cause = ex;
            while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                    && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof Error) {
                engine.errorHandler.onError(cause);
            }
            String[] ec = errorOf(cause);
            taskFailed(visit, t, fcall, ec[0], fcall.cause(ec[1]), false);
            return;
        }
        if (fcall.pattern == TaskCall.Pattern.WAIT_FOR_TASK_TOKEN) {
            submitted(visit, fcall, result == null ? Values.NODES.nullNode() : result);
            return;
        }
        taskSucceeded(visit, t, fcall, fcall.wrap(result, engine));
    }

    /** A callback task's call or a {@code .sync} job started: AWS records the response of the call. */
    private void submitted(final Visit visit, final TaskCall call, final JsonNode response) {
        Runnable submit = () -> {
            if (!visit.done && !visit.frame.finished) {
                record(visit.frame, "TaskSubmitted", "taskSubmittedEventDetails", outputDetails(call, response));
            }
        };
        if (driver == Thread.currentThread()) {
            // reported while the task starts its job: the event comes right after TaskStarted
            submit.run();
        } else {
            post(submit);
        }
    }

    private void armHeartbeat(final Visit visit, final Model.Task t, final TaskCall call, final long seconds) {
        if (visit.rare().heartbeatTimer != null) {
            visit.rare().heartbeatTimer.cancel();
        }
        visit.rare().heartbeatTimer = schedule(Duration.ofSeconds(seconds), () -> post(() -> {
            if (!visit.done && !visit.frame.finished) {
                taskFailed(visit, t, call, "States.HeartbeatTimeout", null, true);
            }
        }));
    }

    private void notFound(final Visit visit, final Model.Task t, final TaskCall call) {
        if (call.resourceType.equals("lambda") && call.resource.equals("invoke")) {
            String fn = call.functionArn(engine);
            taskFailed(visit, t, call, "Lambda.ResourceNotFoundException", "Function not found: " + fn
                    + ":$LATEST (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; "
                    + "Request ID: " + engine.random.uuid() + "; Proxy: null)", false);
        } else if (call.lambdaFunction) {
            taskFailed(visit, t, call, "Lambda.ResourceNotFoundException", "Function not found: " + t.resource()
                    + " (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; "
                    + "Request ID: " + engine.random.uuid() + "; Proxy: null)", false);
        } else {
            taskFailed(visit, t, call, "States.Runtime", "The resource '" + t.resource()
                    + "' is not supported: no TaskHandler is registered for it", false);
        }
    }

    private Long resolveSeconds(final Visit visit, final NumberSpec spec, final String field) {
        if (spec == null) {
            return null;
        }
        if (spec.value() != null) {
            return spec.value();
        }
        JsonNode v = readPath(visit, spec.path(), visit.raw);
        if (!v.canConvertToExactIntegral() || v.asLong() <= 0) {
            throw AslError.runtime("The " + field + " field refers to value \"" + v.asText()
                    + "\" which is not a valid positive integer: " + spec.path().text());
        }
        return v.asLong();
    }

    private void taskSucceeded(final Visit visit, final Model.Task t, final TaskCall call, final JsonNode result) {
        long resultSize = result == null ? 4 : Values.jsonSize(result, Json.MAX_NESTING_DEPTH);
        if (resultSize > Values.MAX_PAYLOAD_BYTES) {
            taskFailed(visit, t, call, "States.DataLimitExceeded", "The state/task '"
                    + (call.lambdaFunction ? t.resource() : call.resourceType)
                    + "' returned a result with a size exceeding the maximum number of bytes service limit.", false);
            return;
        }
        if (resultSize < 0) {
            taskFailed(visit, t, call, "States.Runtime", "The task result is nested deeper than "
                    + Json.MAX_NESTING_DEPTH + " levels", false);
            return;
        }
        JsonNode value = result == null ? Values.NODES.nullNode() : result;
        measured = value;
        measuredBytes = resultSize;
        if (call.lambdaFunction) {
            record(visit.frame, "LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails", null, null, value);
        } else if (call.activity) {
            record(visit.frame, "ActivitySucceeded", "activitySucceededEventDetails", null, null, value);
        } else {
            record(visit.frame, "TaskSucceeded", "taskSucceededEventDetails", outputDetails(call, value));
        }
        finishTask(visit, t, value);
    }

    /** The details of a task event that carries a response: the resource and the output. */
    private static ObjectNode outputDetails(final TaskCall call, final JsonNode output) {
        ObjectNode d = details();
        d.put("resourceType", call.resourceType);
        d.put("resource", call.resource);
        d.set("output", output);
        d.set("outputDetails", notTruncated());
        return d;
    }

    /** A Task's, Parallel's or Map's result through ResultSelector, Assign, ResultPath and OutputPath (or JSONata). */
    private void exitWithResult(final Visit visit, final Model.Flow flow, final Io io, final Template resultSelector,
            final ResultPath resultPath, final Transition transition, final JsonNode result) {
        if (flow.jsonata()) {
            jsonataExit(visit, flow, visit.bindings().withResult(result), result, next(transition));
            return;
        }
        JsonNode selected = template(visit, resultSelector, result);
        Map<String, JsonNode> assigned = assignPath(visit, flow, selected);
        JsonNode out = outputPath(visit, io, applyResultPath(resultPath, visit.raw, selected));
        exit(visit, out, next(transition), assigned);
    }

    private void finishTask(final Visit visit, final Model.Task t, final JsonNode value) {
        try {
            exitWithResult(visit, t.flow(), t.io(), t.resultSelector(), t.resultPath(), t.transition(), value);
        } catch (AslError e) {
            handleError(visit, e);
        }
    }

    private void taskFailed(final Visit visit, final Model.Task t, final TaskCall call, final String err,
            final String why, final boolean timedOut) {
        visit.cancelTimers();
        ObjectNode d = details();
        if (call.lambdaFunction) {
            putOpt(d, "error", err);
            putOpt(d, "cause", why);
            record(visit.frame, timedOut ? "LambdaFunctionTimedOut" : "LambdaFunctionFailed",
                    timedOut ? "lambdaFunctionTimedOutEventDetails" : "lambdaFunctionFailedEventDetails", d);
        } else if (call.activity) {
            putOpt(d, "error", err);
            putOpt(d, "cause", why);
            record(visit.frame, timedOut ? "ActivityTimedOut" : "ActivityFailed",
                    timedOut ? "activityTimedOutEventDetails" : "activityFailedEventDetails", d);
        } else {
            d.put("resourceType", call.resourceType);
            d.put("resource", call.resource);
            putOpt(d, "error", err);
            putOpt(d, "cause", why);
            record(visit.frame, timedOut ? "TaskTimedOut" : "TaskFailed",
                    timedOut ? "taskTimedOutEventDetails" : "taskFailedEventDetails", d);
        }
        handleError(visit, new AslError(err, why));
    }

    /** Error name and cause for a handler failure, the way the Java Lambda runtime reports an exception. */
    static String[] errorOf(final Throwable error) {
        if (error instanceof StatesException se) {
            return new String[] {se.error(), se.errorCause()};
        }
        ObjectNode cause = Values.NODES.objectNode();
        cause.put("errorMessage", error.getMessage());
        cause.put("errorType", error.getClass().getName());
        ArrayNode trace = cause.putArray("stackTrace");
        StackTraceElement[] frames = error.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, 10); i++) {
            trace.add(frames[i].toString());
        }
        return new String[] {error.getClass().getName(), Json.write(cause)};
    }

    /** Called by the engine when an activity worker takes a task. */
    public static void activityStarted(final Engine.ActivityWork work, final String workerName) {
        work.run().post(() -> {
            if (work.onStarted() != null) {
                work.onStarted().run();
            }
        });
    }

    // ---------------------------------------------------------------- Parallel

    private void parallel(final Visit visit, final Model.Parallel p) {
        JsonNode effective = p.flow().jsonata() ? arguments(visit, p.flow())
                : template(visit, p.parameters(), inputPath(visit, p.io(), visit.raw));
        record(visit.frame, "ParallelStateStarted", null, null);
        visit.started = true;
        List<ChildPlan> plan = visit.takePlan();
        int n = p.branches().size();
        Frame[] children = new Frame[n];
        Join join = new Join(visit, p, children);
        boolean enter = false;
        for (int i = 0; i < n; i++) {
            Frame child = new Frame(p.branches().get(i), visit.frame, visit.frame.recordHistory, join);
            child.index = i;
            children[i] = child;
            ChildPlan branchPlan = plan != null && i < plan.size() ? plan.get(i) : ChildPlan.FRESH;
            if (branchPlan.result() != null) {
                // a branch that succeeded before is taken as it was: no events, no re-run
                child.finished = true;
                child.succeeded = true;
                child.result = branchPlan.result();
                join.results[i] = branchPlan.result();
                join.remaining--;
            } else {
                enter = true;
            }
        }
        visit.children = Arrays.asList(children);
        if (enter) {
            // one step enters every branch in order, as one step per branch would (entering only queues work)
            post(() -> {
                for (int i = 0; i < n; i++) {
                    Frame child = children[i];
                    ChildPlan branchPlan = plan != null && i < plan.size() ? plan.get(i) : ChildPlan.FRESH;
                    ResumePoint at = branchPlan.resume();
                    if (branchPlan.result() != null) {
                        continue;
                    } else if (at != null) {
                        enter(child, at.stateName(), at.input(), at);
                    } else {
                        enter(child, child.machine.startAt(), effective);
                    }
                }
            });
        } else {
            post(() -> {
                if (!visit.done) {
                    join.complete();
                }
            });
        }
    }

    /** A Parallel state's branches: their results in branch order, and the state's exit once all succeeded. */
    private final class Join implements Listener {
        final Visit visit;
        final Model.Parallel p;
        final Frame[] branches;
        final JsonNode[] results;
        int remaining;

        Join(final Visit visit, final Model.Parallel p, final Frame[] branches) {
            this.visit = visit;
            this.p = p;
            this.branches = branches;
            this.results = new JsonNode[branches.length];
            this.remaining = results.length;
        }

        @Override
        public void succeeded(final Frame branch, final JsonNode out) {
            results[branch.index] = out;
            if (--remaining == 0 && !visit.done) {
                complete();
            }
        }

        @Override
        public void failed(final Frame branch, final String err, final String why) {
            if (visit.done) {
                return;
            }
            for (Frame other : visit.children) {
                abort(other);
            }
            handleError(visit, new AslError(err, why));
        }

        void complete() {
            ArrayNode all = Values.NODES.arrayNode(results.length);
            // the array's size from its elements', which each branch's last exit measured (most of the time)
            long size = 2 + Math.max(0, results.length - 1);
            for (int i = 0; i < results.length; i++) {
                JsonNode r = results[i];
                all.add(r);
                size += branches[i].sizedNode == r ? branches[i].sizedBytes : Values.jsonSize(r, Integer.MAX_VALUE);
            }
            try {
                checkSize(size, p.name());
                measured = all;
                measuredBytes = size;
                exitWithResult(visit, p.flow(), p.io(), p.resultSelector(), p.resultPath(), p.transition(), all);
            } catch (AslError e) {
                handleError(visit, e);
            }
        }
    }

    private static void checkSize(final JsonNode value, final String stateName) {
        checkSize(Values.jsonSize(value, Integer.MAX_VALUE), stateName);
    }

    private static void checkSize(final long size, final String stateName) {
        if (size > Values.MAX_PAYLOAD_BYTES) {
            throw new AslError("States.DataLimitExceeded", "The state/task '" + stateName
                    + "' returned a result with a size exceeding the maximum number of bytes service limit.");
        }
    }

    // ---------------------------------------------------------------- Map

    private void map(final Visit visit, final Model.MapState m) {
        JsonNode effective = inputPath(visit, m.io(), visit.raw);
        Model.Flow flow = m.flow();
        int maxConcurrency = (int) (flow.field("MaxConcurrency") != null ? jsonataLong(visit, flow, "MaxConcurrency")
                : intSpec(visit, m.maxConcurrency(), effective, "MaxConcurrency", 0));
        long[] toleratedCount = new long[1];
        double[] toleratedPercentage = new double[1];
        Runnable tolerance = () -> {
            toleratedCount[0] = flow.field("ToleratedFailureCount") != null
                    ? jsonataLong(visit, flow, "ToleratedFailureCount")
                    : intSpec(visit, m.toleratedFailureCount(), effective, "ToleratedFailureCount", 0);
            if (toleratedCount[0] < 0) {
                throw AslError.runtime("ToleratedFailureCount cannot be negative.");
            }
            Payload percent = flow.field("ToleratedFailurePercentage");
            if (percent != null) {
                JsonNode v = percent.apply(visit.bindings(), "ToleratedFailurePercentage");
                if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 100) {
                    throw unexpectedType(percent, "ToleratedFailurePercentage", "number", v);
                }
                toleratedPercentage[0] = v.asDouble();
            } else {
                toleratedPercentage[0] = percentage(visit, m.toleratedFailurePercentage(), effective);
            }
        };
        JsonNode items;
        if (m.itemReader() != null) {
            mapStarted(visit, m, 0, tolerance);
            try {
                Model.ItemReader reader = m.itemReader();
                Payload readerArguments = flow.field("ItemReader/Arguments");
                JsonNode readerParameters = readerArguments != null
                        ? readerArguments.apply(visit.bindings(), "ItemReader/Arguments")
                        : template(visit, reader.parameters(), effective);
                if (flow.field("ItemReader/MaxItems") != null) {
                    reader = new Model.ItemReader(reader.resource(), reader.parameters(), reader.inputType(),
                            reader.csvHeaderLocation(), reader.csvHeaders(), reader.csvDelimiter(),
                            new NumberSpec(jsonataLong(visit, flow, "ItemReader/MaxItems"), null, null));
                }
                items = ItemReaders.read(reader, readerParameters, engine, visit, effective);
            } catch (AslError e) {
                if (m.distributed()) {
                    mapRunFailed(visit, e.error(), e.cause());
                }
                throw e;
            }
        } else if (flow.jsonata()) {
            Payload itemsField = flow.field("Items");
            items = itemsField == null ? visit.raw : itemsField.apply(visit.bindings(), "Items");
            if (!items.isArray()) {
                if (itemsField == null) {
                    throw AslError.queryEvaluation("Map state input must be an array but was: " + Json.write(items),
                            "");
                }
                throw unexpectedType(itemsField, "Items", "array", items);
            }
        } else {
            items = m.itemsPath() == null ? effective : readPath(visit, m.itemsPath(), effective);
        }
        if (!items.isArray()) {
            throw AslError.runtime("Invalid path '" + (m.itemsPath() == null ? "$" : m.itemsPath().text())
                    + "': The value must be an array. Value: " + Json.write(items));
        }
        List<JsonNode> inputs = new ArrayList<>();
        Payload selector = flow.field("ItemSelector");
        for (int i = 0; i < items.size(); i++) {
            if (selector != null) {
                ObjectNode item = Values.NODES.objectNode();
                item.put("Index", i);
                item.set("Value", items.get(i));
                visit.rare().mapItem = item;
                inputs.add(selector.apply(visit.bindings(), "ItemSelector"));
                visit.rare().mapItem = null;
            } else if (m.itemSelector() != null) {
                ObjectNode item = Values.NODES.objectNode();
                item.put("Index", i);
                item.set("Value", items.get(i));
                visit.rare().mapItem = item;
                inputs.add(template(visit, m.itemSelector(), effective));
                visit.rare().mapItem = null;
            } else {
                inputs.add(items.get(i));
            }
        }
        if (m.itemBatcher() != null) {
            inputs = batch(visit, m.itemBatcher(), flow, inputs, effective);
        }
        if (m.itemReader() == null) {
            mapStarted(visit, m, inputs.size(), tolerance);
        }
        List<ChildPlan> plan = visit.takePlan();
        if (m.distributed()) {
            distributed(visit, m, effective, inputs, maxConcurrency, toleratedCount[0], toleratedPercentage[0],
                    plan);
            return;
        }
        new MapRun(visit, m, inputs, maxConcurrency, plan).start();
    }

    private void distributed(final Visit visit, final Model.MapState m, final JsonNode effective,
            final List<JsonNode> inputs, final int maxConcurrency, final long toleratedCount,
            final double toleratedPercentage, final List<ChildPlan> plan) {
        JsonNode writerParams = null;
        if (m.resultWriter() != null) {
            writerParams = template(visit, m.resultWriter().parameters(), effective);
            try {
                DistributedMapRun.checkWriter(m.resultWriter(), writerParams);
            } catch (AslError e) {
                mapRunFailed(visit, e.error(), e.cause());
                throw e;
            }
        }
        DistributedMapRun run = DistributedMapRun.of(this, visit.mapRunArn(), m);
        visit.rare().mapRun = run;
        run.start(inputs, m.itemBatcher() != null, maxConcurrency, toleratedCount, toleratedPercentage,
                writerParams, plan, new DistributedMapRun.Outcome() {
                    @Override
                    public void succeeded(final JsonNode result) {
                        if (visit.done) {
                            return;
                        }
                        record(visit.frame, "MapRunSucceeded", null, null);
                        record(visit.frame, "MapStateSucceeded", null, null);
                        try {
                            checkSize(result, m.name());
                            JsonNode selected = template(visit, m.resultSelector(), result);
                            exit(visit, outputPath(visit, m.io(), applyResultPath(m.resultPath(), visit.raw,
                                    selected)), next(m.transition()));
                        } catch (AslError e) {
                            handleError(visit, e);
                        }
                    }

                    @Override
                    public void failed(final String error, final String why) {
                        if (visit.done) {
                            return;
                        }
                        mapRunFailed(visit, error, why);
                        handleError(visit, new AslError(error, why));
                    }
                });
    }

    private void mapRunFailed(final Visit visit, final String err, final String why) {
        ObjectNode d = details();
        putOpt(d, "error", err);
        putOpt(d, "cause", why);
        record(visit.frame, "MapRunFailed", "mapRunFailedEventDetails", d);
    }

    private void mapStarted(final Visit visit, final Model.MapState m, final int length, final Runnable tolerance) {
        ObjectNode started = details();
        started.put("length", length);
        record(visit.frame, "MapStateStarted", "mapStateStartedEventDetails", started);
        visit.started = true;
        tolerance.run();
        if (m.distributed()) {
            ObjectNode d = details();
            if (visit.rare().resumedMapRunArn != null) {
                // a redriven Map Run keeps its ARN
                visit.rare().mapRunArn = visit.rare().resumedMapRunArn;
                visit.rare().resumedMapRunArn = null;
                d.put("mapRunArn", visit.mapRunArn());
                d.put("redriveCount", redriveCount);
                record(visit.frame, "MapRunRedriven", "mapRunRedrivenEventDetails", d);
            } else {
                visit.rare().mapRunArn = mapRunArn(m);
                d.put("mapRunArn", visit.mapRunArn());
                record(visit.frame, "MapRunStarted", "mapRunStartedEventDetails", d);
            }
        }
    }

    private String mapRunArn(final Model.MapState m) {
        String label = m.label() != null ? m.label() : m.name();
        return "arn:aws:states:" + engine.region + ":" + engine.account + ":mapRun:" + machineName + "/" + label + ":"
                + engine.random.uuid();
    }

    private long intSpec(final Visit visit, final NumberSpec spec, final JsonNode effective, final String field,
            final long dflt) {
        if (spec == null) {
            return dflt;
        }
        if (spec.value() != null) {
            return spec.value();
        }
        JsonNode v = Values.integerText(readPath(visit, spec.path(), effective));
        if (!v.isNumber() || !v.canConvertToExactIntegral()) {
            throw AslError.runtime("The " + field + "Path field refers to value \"" + (v.isTextual() ? v.asText()
                    : Json.write(v)) + "\" which is not a valid integer: " + spec.path().text());
        }
        return v.asLong();
    }

    private double percentage(final Visit visit, final NumberSpec spec, final JsonNode effective) {
        if (spec == null) {
            return 0;
        }
        double value;
        if (spec.decimal() != null) {
            value = spec.decimal();
        } else {
            JsonNode v = readPath(visit, spec.path(), effective);
            if (!v.isNumber()) {
                throw AslError.runtime("The ToleratedFailurePercentagePath field refers to value \""
                        + (v.isTextual() ? v.asText() : Json.write(v)) + "\" which is not a valid float: "
                        + spec.path().text());
            }
            value = v.asDouble();
        }
        if (value < 0 || value > 100) {
            throw AslError.runtime("ToleratedFailurePercentage must be between 0 and 100.");
        }
        return value;
    }

    private List<JsonNode> batch(final Visit visit, final Model.ItemBatcher b, final Model.Flow flow,
            final List<JsonNode> items, final JsonNode effective) {
        long maxItems = flow.field("ItemBatcher/MaxItemsPerBatch") != null
                ? jsonataLong(visit, flow, "ItemBatcher/MaxItemsPerBatch")
                : intSpec(visit, b.maxItemsPerBatch(), effective, "MaxItemsPerBatch", Long.MAX_VALUE);
        long maxBytes = flow.field("ItemBatcher/MaxInputBytesPerBatch") != null
                ? jsonataLong(visit, flow, "ItemBatcher/MaxInputBytesPerBatch")
                : intSpec(visit, b.maxInputBytesPerBatch(), effective, "MaxInputBytesPerBatch",
                        Values.MAX_PAYLOAD_BYTES);
        Payload batchPayload = flow.field("ItemBatcher/BatchInput");
        JsonNode batchInput = batchPayload != null ? batchPayload.apply(visit.bindings(), "ItemBatcher/BatchInput")
                : b.batchInput() == null ? null : template(visit, b.batchInput(), effective);
        List<JsonNode> batches = new ArrayList<>();
        ArrayNode current = null;
        long bytes = 0;
        for (JsonNode item : items) {
            int size = Values.byteSize(item);
            if (current == null || current.size() >= maxItems || bytes + size > maxBytes) {
                current = Values.NODES.arrayNode();
                ObjectNode batchNode = Values.NODES.objectNode();
                if (batchInput != null) {
                    batchNode.set("BatchInput", batchInput);
                }
                batchNode.set("Items", current);
                batches.add(batchNode);
                bytes = 0;
            }
            current.add(item);
            bytes += size;
        }
        return batches;
    }

    /** The iterations of one inline Map visit, started up to the concurrency limit. */
    private final class MapRun {
        final Visit visit;
        final Model.MapState m;
        final List<JsonNode> inputs;
        final int limit;
        final JsonNode[] results;
        final List<ChildPlan> plan;
        int nextIndex;
        int running;
        int finished;
        boolean over;

        MapRun(final Visit visit, final Model.MapState m, final List<JsonNode> inputs, final int maxConcurrency,
                final List<ChildPlan> plan) {
            this.plan = plan;
            this.visit = visit;
            this.m = m;
            this.inputs = inputs;
            this.limit = maxConcurrency <= 0 ? Integer.MAX_VALUE : maxConcurrency;
            this.results = new JsonNode[inputs.size()];
            visit.children = new ArrayList<>(inputs.size());
        }

        void start() {
            if (inputs.isEmpty()) {
                complete();
                return;
            }
            fill();
        }

        private void fill() {
            while (!over && running < limit && nextIndex < inputs.size()) {
                launch(nextIndex++);
            }
            if (!over && finished == inputs.size()) {
                complete();
            }
        }

        private void launch(final int index) {
            ChildPlan iterationPlan = plan != null && index < plan.size() ? plan.get(index) : ChildPlan.FRESH;
            if (iterationPlan.result() != null) {
                // an iteration that succeeded before is taken as it was: no events, no re-run
                Frame done = new Frame(m.processor(), visit.frame, false, null);
                done.finished = true;
                done.succeeded = true;
                done.result = iterationPlan.result();
                visit.children.add(done);
                results[index] = iterationPlan.result();
                finished++;
                return;
            }
            running++;
            boolean inlineEvents = visit.frame.recordHistory;
            Frame child = new Frame(m.processor(), visit.frame, inlineEvents, new Listener() {
                @Override
                public void succeeded(final Frame self, final JsonNode out) {
                    if (over) {
                        return;
                    }
                    results[index] = out;
                    iterationEvent(self, "MapIterationSucceeded", index);
                    running--;
                    finished++;
                    if (finished == inputs.size()) {
                        complete();
                    } else {
                        fill();
                    }
                }

                @Override
                public void failed(final Frame self, final String err, final String why) {
                    if (over) {
                        return;
                    }
                    iterationEvent(self, "MapIterationFailed", index);
                    over = true;
                    for (Frame other : visit.children) {
                        if (!other.finished) {
                            abort(other);
                            iterationEvent(other, "MapIterationAborted", visit.children.indexOf(other));
                        }
                    }
                    handleError(visit, new AslError(err, why));
                }
            });
            child.index = index;
            visit.children.add(child);
            if (inlineEvents) {
                ObjectNode d = details();
                d.put("index", index);
                d.put("name", m.name());
                long id = record(visit.frame, "MapIterationStarted", "mapIterationStartedEventDetails", d);
                child.lastEventId = (int) id;
            }
            if (iterationPlan.resume() != null) {
                ResumePoint at = iterationPlan.resume();
                post(() -> enter(child, at.stateName(), at.input(), at));
                return;
            }
            JsonNode in = inputs.get(index);
            post(() -> enter(child, m.processor().startAt(), in));
        }

        private void iterationEvent(final Frame child, final String type, final int index) {
            if (!visit.frame.recordHistory) {
                return;
            }
            ObjectNode d = details();
            d.put("index", index);
            d.put("name", m.name());
            int saved = visit.frame.lastEventId;
            visit.frame.lastEventId = child.lastEventId;
            String detailsName = Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails";
            record(visit.frame, type, detailsName, d);
            visit.frame.lastEventId = Math.max(saved, child.lastEventId);
        }

        private void complete() {
            if (visit.done) {
                return;
            }
            over = true;
            ArrayNode all = Values.NODES.arrayNode(results.length);
            for (JsonNode r : results) {
                all.add(r == null ? Values.NODES.nullNode() : r);
            }
            record(visit.frame, "MapStateSucceeded", null, null);
            try {
                checkSize(all, m.name());
                exitWithResult(visit, m.flow(), m.io(), m.resultSelector(), m.resultPath(), m.transition(), all);
            } catch (AslError e) {
                handleError(visit, e);
            }
        }
    }

}
