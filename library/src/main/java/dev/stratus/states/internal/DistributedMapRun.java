package dev.stratus.states.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.internal.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Distributed Map's Map Run: one child execution of the ItemProcessor per item (or per batch), each a real
 * {@link ExecutionRun} with its own ARN ({@code execution:<machine>/<label>:<uuid>}) and, for STANDARD children, its
 * own history. The run starts children up to MaxConcurrency, counts failed children against the tolerated failure
 * count and percentage, writes the ResultWriter's objects, and on a redrive of the parent takes succeeded children's
 * results as they were, redrives the failed ones (same ARN, their redrive count grows) and starts the others.
 *
 * <p>Every change happens on the parent execution's trampoline (child completions are posted to it); readers on
 * other threads take snapshots under this object's lock.
 */
public final class DistributedMapRun {
    /** A Map Run's status, as DescribeMapRun gives it. */
    public enum Status { RUNNING, SUCCEEDED, FAILED, ABORTED }

    /** What the parent's Map state does when the run ends; called on the parent's trampoline. */
    interface Outcome {
        void succeeded(JsonNode result);

        void failed(String error, String cause);
    }

    /** AWS redrives a Map Run at most this many times. */
    static final int MAX_REDRIVES = 1_000;
    private static final String THRESHOLD_CAUSE = "The specified tolerated failure threshold was exceeded";

    private final ExecutionRun parent;
    private final Engine engine;
    private final String arn;
    private final String childMachineName;
    private final String childMachineArn;
    private final Model.MapState state;
    private final long startMillis;
    private Status status = Status.RUNNING;
    private long stopMillis;
    private int redriveCount;
    private long redriveMillis;
    private int maxConcurrency;
    private long toleratedCount;
    private double toleratedPercentage;
    private List<JsonNode> inputs = List.of();
    private int[] itemsPer = new int[0];
    private ExecutionRun[] children = new ExecutionRun[0];
    private boolean[] resultsWritten = new boolean[0];
    // per attempt, touched on the parent's trampoline only
    private JsonNode[] results;
    private JsonNode writerParameters;
    private Outcome outcome;
    private int generation;
    /** The next item to start; read by {@link #counts} (a failed child below it is being or was redriven). */
    private volatile int nextIndex;
    private int running;
    private int finished;
    private int failures;
    private boolean over = true;
    private List<ExecutionRun.ChildPlan> resumePlan;

    private DistributedMapRun(final ExecutionRun parent, final String arn, final Model.MapState state,
            final long startMillis) {
        this.parent = parent;
        this.engine = parent.engine();
        this.arn = arn;
        this.state = state;
        this.startMillis = startMillis;
        String label = label(state);
        this.childMachineName = parent.machineName() + "/" + label;
        this.childMachineArn = "arn:aws:states:" + engine.region + ":" + engine.account + ":stateMachine:"
                + childMachineName;
    }

    /** The label naming a Map state's runs: its {@code Label}, else its name. */
    static String label(final Model.MapState m) {
        return m.label() != null ? m.label() : m.name();
    }

    /**
     * The run with that ARN among the parent's runs (a redrive or a restore continues it), else a new one that
     * the parent lists.
     */
    static DistributedMapRun of(final ExecutionRun parent, final String arn, final Model.MapState state) {
        synchronized (parent.mapRuns) {
            for (DistributedMapRun r : parent.mapRuns) {
                if (r.arn.equals(arn)) {
                    return r;
                }
            }
            DistributedMapRun r = new DistributedMapRun(parent, arn, state, parent.engine().clock.epochMillis());
            parent.mapRuns.add(r);
            return r;
        }
    }

    /**
     * Gives a child execution read back from a store to its Map Run (made if the parent does not list it yet), so
     * that when the parent's Map state moves on, the child is taken as it is: its result if it succeeded, redriven
     * if it failed, awaited if it is still running.
     */
    public static void adoptRestored(final ExecutionRun parent, final Model.MapState state, final ExecutionRun child) {
        DistributedMapRun run = of(parent, child.mapRunArn(), state);
        synchronized (run) {
            int index = child.mapItemIndex();
            if (index >= run.children.length) {
                run.children = Arrays.copyOf(run.children, index + 1);
                run.resultsWritten = Arrays.copyOf(run.resultsWritten, index + 1);
                run.itemsPer = Arrays.copyOf(run.itemsPer, index + 1);
            }
            run.children[index] = child;
            run.itemsPer[index] = 1;
            run.status = parent.status() == ExecutionRun.Status.RUNNING ? Status.RUNNING
                    : parent.status() == ExecutionRun.Status.SUCCEEDED ? Status.SUCCEEDED : Status.FAILED;
        }
    }

    /**
     * The distributed Map state that names its runs {@code label}, anywhere in {@code machine} (nested in Parallel
     * branches and Map processors too), or null.
     */
    public static Model.MapState find(final Model.Machine machine, final String label) {
        for (Model.State s : machine.states().values()) {
            if (s instanceof Model.MapState m) {
                if (m.distributed() && label(m).equals(label)) {
                    return m;
                }
                Model.MapState inner = find(m.processor(), label);
                if (inner != null) {
                    return inner;
                }
            } else if (s instanceof Model.Parallel p) {
                for (Model.Machine branch : p.branches()) {
                    Model.MapState inner = find(branch, label);
                    if (inner != null) {
                        return inner;
                    }
                }
            }
        }
        return null;
    }

    /**
     * Runs (or, when this run ran before, redrives) the children over {@code newInputs}; {@code batched} when each
     * input is an ItemBatcher batch ({@code {"Items": [...]}}); {@code plan}, when a new execution resumes inside
     * the processor, says per item whether to take a result or where the child starts.
     */
    void start(final List<JsonNode> newInputs, final boolean batched, final int concurrency, final long count,
            final double percentage, final JsonNode writerParams, final List<ExecutionRun.ChildPlan> plan,
            final Outcome done) {
        synchronized (this) {
            if (status != Status.RUNNING && redriveCount >= MAX_REDRIVES) {
                throw AslError.runtime("The Map Run " + arn + " has been redriven " + redriveCount
                        + " times, the maximum of " + MAX_REDRIVES);
            }
            if (status != Status.RUNNING) {
                // a redrive of the parent redrives its Map Run
                redriveCount++;
                redriveMillis = engine.clock.epochMillis();
            }
            status = Status.RUNNING;
            stopMillis = 0;
            maxConcurrency = concurrency;
            toleratedCount = count;
            toleratedPercentage = percentage;
            inputs = List.copyOf(newInputs);
            int n = inputs.size();
            itemsPer = new int[n];
            for (int i = 0; i < n; i++) {
                itemsPer[i] = batched ? inputs.get(i).path("Items").size() : 1;
            }
            children = Arrays.copyOf(children, n);
            resultsWritten = new boolean[n];
        }
        generation++;
        writerParameters = writerParams;
        outcome = done;
        results = new JsonNode[inputs.size()];
        nextIndex = 0;
        running = 0;
        finished = 0;
        failures = 0;
        over = false;
        resumePlan = plan;
        for (int i = 0; i < children.length; i++) {
            ExecutionRun child = children[i];
            if (child == null) {
                continue;
            }
            if (child.status() == ExecutionRun.Status.SUCCEEDED) {
                results[i] = child.output();
                finished++;
            } else if (child.status() == ExecutionRun.Status.RUNNING) {
                running++;
                awaitChild(i, child);
            }
        }
        fill();
    }

    private void fill() {
        int limit = maxConcurrency <= 0 ? Integer.MAX_VALUE : maxConcurrency;
        while (!over && running < limit && nextIndex < inputs.size()) {
            int i = nextIndex++;
            ExecutionRun child = children[i];
            ExecutionRun.ChildPlan p = resumePlan != null && i < resumePlan.size() ? resumePlan.get(i) : null;
            if (child == null && p != null && p.result() != null) {
                // an item that succeeded in the execution this one resumes from is taken as it was
                results[i] = p.result();
                finished++;
            } else if (child == null) {
                running++;
                launch(i, p == null ? null : p.resume());
            } else if (child.status() != ExecutionRun.Status.SUCCEEDED
                    && child.status() != ExecutionRun.Status.RUNNING) {
                running++;
                if (child.redriveBlocker(engine.clock.epochMillis()) == null) {
                    child.redrive();
                    engine.childStarted(child);
                    awaitChild(i, child);
                } else {
                    // Express children (and those past the redrive limits) start again as new executions
                    launch(i, null);
                }
            }
        }
        if (!over && finished == inputs.size()) {
            complete();
        }
    }

    private void launch(final int index, final ExecutionRun.ResumePoint at) {
        boolean express = state.expressChildren();
        String name = engine.random.uuid().toString();
        String childArn = "arn:aws:states:" + engine.region + ":" + engine.account + ":"
                + (express ? "express:" : "execution:") + childMachineName + ":" + name
                + (express ? ":" + engine.random.uuid() : "");
        ExecutionRun child = new ExecutionRun(engine, state.processor(), childMachineArn, childMachineName, childArn,
                name, inputs.get(index), null, !express);
        child.partOfMapRun(arn, parent.arn(), index);
        synchronized (this) {
            children[index] = child;
        }
        engine.childStarted(child);
        if (at == null) {
            child.start();
        } else {
            child.startResumed(at, null);
        }
        awaitChild(index, child);
    }

    private void awaitChild(final int index, final ExecutionRun child) {
        int gen = generation;
        child.onFinish(() -> parent.post(() -> childFinished(index, child, gen)));
    }

    private void childFinished(final int index, final ExecutionRun child, final int gen) {
        if (gen != generation || over || children[index] != child) {
            return;
        }
        running--;
        finished++;
        if (child.status() == ExecutionRun.Status.SUCCEEDED) {
            results[index] = child.output();
        } else {
            failures++;
            boolean tolerated = failures <= toleratedCount
                    || (toleratedPercentage > 0 && failures * 100.0 / inputs.size() <= toleratedPercentage);
            if (!tolerated) {
                end(Status.FAILED);
                for (ExecutionRun other : children) {
                    if (other != null && other.status() == ExecutionRun.Status.RUNNING) {
                        other.stop(null, null);
                    }
                }
                try {
                    writeResults();
                } catch (AslError e) {
                    outcome.failed(e.error(), e.cause());
                    return;
                }
                outcome.failed("States.ExceedToleratedFailureThreshold", THRESHOLD_CAUSE);
                return;
            }
        }
        if (finished == inputs.size()) {
            complete();
        } else {
            fill();
        }
    }

    private void complete() {
        JsonNode result;
        try {
            result = writeResults();
        } catch (AslError e) {
            end(Status.FAILED);
            outcome.failed(e.error(), e.cause());
            return;
        }
        end(Status.SUCCEEDED);
        outcome.succeeded(result);
    }

    private void end(final Status end) {
        over = true;
        synchronized (this) {
            status = end;
            stopMillis = engine.clock.epochMillis();
        }
    }

    /** Stops the running children: the parent's Map state was aborted (the execution stopped or timed out). */
    void abort() {
        if (over) {
            return;
        }
        end(Status.ABORTED);
        for (ExecutionRun child : children) {
            if (child != null && child.status() == ExecutionRun.Status.RUNNING) {
                child.stop(null, null);
            }
        }
    }

    // ---------------------------------------------------------------- ResultWriter

    /**
     * The Map state's result: without a ResultWriter the children's outputs in item order (null for a tolerated
     * failure); with one, its objects are written and the result is its descriptor, or with only a WriterConfig the
     * transformed results.
     */
    private JsonNode writeResults() {
        Model.ResultWriter w = state.resultWriter();
        if (w == null) {
            ArrayNode all = Values.NODES.arrayNode(results.length);
            for (JsonNode r : results) {
                all.add(r == null ? Values.NODES.nullNode() : r);
            }
            return all;
        }
        ArrayNode succeeded = Values.NODES.arrayNode();
        ArrayNode failed = Values.NODES.arrayNode();
        ArrayNode pending = Values.NODES.arrayNode();
        for (int i = 0; i < inputs.size(); i++) {
            ExecutionRun child = children[i];
            if (child == null || child.status() == ExecutionRun.Status.RUNNING) {
                if (child != null) {
                    pending.add(entry(child, w.transformation()));
                }
            } else if (child.status() == ExecutionRun.Status.SUCCEEDED) {
                add(succeeded, entry(child, w.transformation()), w.transformation());
            } else {
                failed.add(entry(child, "NONE"));
            }
        }
        if (w.resource() == null) {
            return succeeded;
        }
        String bucket = writerParameters.path("Bucket").asText();
        String prefix = writerParameters.path("Prefix").asText("");
        String id = arn.substring(arn.lastIndexOf(':') + 1);
        String base = (prefix.isEmpty() ? "" : prefix.endsWith("/") ? prefix : prefix + "/") + id + "/";
        ObjectNode manifest = Values.NODES.objectNode();
        manifest.put("DestinationBucket", bucket);
        manifest.put("MapRunArn", arn);
        ObjectNode files = manifest.putObject("ResultFiles");
        write(files, "FAILED", failed, bucket, base, w.outputType());
        write(files, "PENDING", pending, bucket, base, w.outputType());
        write(files, "SUCCEEDED", succeeded, bucket, base, w.outputType());
        String manifestKey = base + "manifest.json";
        engine.objects.put(Engine.objectKey(bucket, manifestKey), Json.write(manifest));
        synchronized (this) {
            for (int i = 0; i < inputs.size(); i++) {
                resultsWritten[i] = children[i] != null;
            }
        }
        ObjectNode descriptor = Values.NODES.objectNode();
        descriptor.put("MapRunArn", arn);
        ObjectNode details = descriptor.putObject("ResultWriterDetails");
        details.put("Bucket", bucket);
        details.put("Key", manifestKey);
        return descriptor;
    }

    private static void add(final ArrayNode to, final JsonNode entry, final String transformation) {
        if ("FLATTEN".equals(transformation) && entry.isArray()) {
            to.addAll((ArrayNode) entry);
        } else {
            to.add(entry);
        }
    }

    private void write(final ObjectNode files, final String kind, final ArrayNode entries, final String bucket,
            final String base, final String outputType) {
        ArrayNode list = files.putArray(kind);
        if (entries.isEmpty()) {
            return;
        }
        String body;
        if ("JSONL".equals(outputType)) {
            StringBuilder b = new StringBuilder();
            for (JsonNode e : entries) {
                b.append(Json.write(e)).append('\n');
            }
            body = b.toString();
        } else {
            body = Json.write(entries);
        }
        String key = base + kind + "_0.json";
        engine.objects.put(Engine.objectKey(bucket, key), body);
        ObjectNode file = list.addObject();
        file.put("Key", key);
        file.put("Size", Values.utf8Size(body));
    }

    /** A child as ResultWriter writes it: its output only (COMPACT, FLATTEN) or with its metadata (NONE). */
    private JsonNode entry(final ExecutionRun child, final String transformation) {
        boolean done = child.status() == ExecutionRun.Status.SUCCEEDED;
        if (done && !"NONE".equals(transformation)) {
            return child.output();
        }
        ObjectNode e = Values.NODES.objectNode();
        e.put("ExecutionArn", child.arn());
        e.put("Input", Json.write(child.input()));
        e.putObject("InputDetails").put("Included", true);
        e.put("Name", child.name());
        if (done) {
            e.put("Output", Json.write(child.output()));
            e.putObject("OutputDetails").put("Included", true);
        }
        if (child.status() != ExecutionRun.Status.RUNNING && !done) {
            if (child.error() != null) {
                e.put("Error", child.error());
            }
            if (child.cause() != null) {
                e.put("Cause", child.cause());
            }
        }
        e.put("RedriveCount", child.redriveCount());
        String blocker = child.redriveBlocker(engine.clock.epochMillis());
        e.put("RedriveStatus", blocker == null ? "REDRIVABLE" : "NOT_REDRIVABLE");
        if (blocker != null) {
            e.put("RedriveStatusReason", blocker);
        }
        e.put("StartDate", Instant.ofEpochMilli(child.startMillis()).toString());
        e.put("StateMachineArn", childMachineArn);
        e.put("Status", child.status().name());
        if (child.status() != ExecutionRun.Status.RUNNING) {
            e.put("StopDate", Instant.ofEpochMilli(child.stopMillis()).toString());
        }
        return e;
    }

    /**
     * The plan of each item for a new execution resuming at the state named by {@code path} inside the processor:
     * a child that succeeded here is taken as it was, the others resume at the target if they reached it, else run
     * from the start.
     */
    synchronized List<ExecutionRun.ChildPlan> resumePlans(final List<String> path, final JsonNode input) {
        List<ExecutionRun.ChildPlan> plans = new ArrayList<>(children.length);
        for (ExecutionRun child : children) {
            if (child == null) {
                plans.add(new ExecutionRun.ChildPlan(null, null));
            } else if (child.status() == ExecutionRun.Status.SUCCEEDED) {
                plans.add(new ExecutionRun.ChildPlan(child.output(), null));
            } else {
                ExecutionRun.ResumePoint p = child.planAt(path, input);
                plans.add(new ExecutionRun.ChildPlan(null, p));
            }
        }
        return plans;
    }

    /**
     * Checks a ResultWriter's evaluated Parameters before any child starts.
     *
     * @throws AslError {@code States.ResultWriterFailed} naming the field when the resource is not
     *     {@code s3:putObject} or {@code Bucket} / {@code Prefix} is missing or not a string
     */
    static void checkWriter(final Model.ResultWriter w, final JsonNode params) {
        if (w.resource() == null) {
            return;
        }
        if (!w.resource().equals("arn:aws:states:::s3:putObject")) {
            throw new AslError("States.ResultWriterFailed", "The ResultWriter field 'Resource' must be "
                    + "arn:aws:states:::s3:putObject: Resource=" + w.resource());
        }
        JsonNode bucket = params == null ? null : params.get("Bucket");
        if (bucket == null || !bucket.isTextual() || bucket.asText().isEmpty()) {
            throw new AslError("States.ResultWriterFailed", "The ResultWriter field 'Parameters.Bucket' must be a "
                    + "non-empty string: Bucket=" + (bucket == null ? "missing" : Json.write(bucket)));
        }
        JsonNode prefix = params.get("Prefix");
        if (prefix != null && !prefix.isTextual()) {
            throw new AslError("States.ResultWriterFailed", "The ResultWriter field 'Parameters.Prefix' must be a "
                    + "string: Prefix=" + Json.write(prefix));
        }
    }

    // ---------------------------------------------------------------- describe

    public String arn() {
        return arn;
    }

    /** The parent execution's ARN. */
    public String executionArn() {
        return parent.arn();
    }

    /** The name of the children's state machine: {@code <machine>/<label>}. */
    public String childMachineName() {
        return childMachineName;
    }

    public synchronized Status status() {
        return status;
    }

    public long startMillis() {
        return startMillis;
    }

    /** When it stopped, or 0 while it runs. */
    public synchronized long stopMillis() {
        return stopMillis;
    }

    public synchronized int redriveCount() {
        return redriveCount;
    }

    /** When it was last redriven, or 0. */
    public synchronized long redriveMillis() {
        return redriveMillis;
    }

    public synchronized int maxConcurrency() {
        return maxConcurrency;
    }

    public synchronized long toleratedFailureCount() {
        return toleratedCount;
    }

    public synchronized double toleratedFailurePercentage() {
        return toleratedPercentage;
    }

    /** The child executions started so far, in item order. */
    public synchronized List<ExecutionRun> children() {
        List<ExecutionRun> out = new ArrayList<>(children.length);
        for (ExecutionRun c : children) {
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /** DescribeMapRun's {@code itemCounts} ({@code items} true) or {@code executionCounts}. */
    public synchronized ObjectNode counts(final boolean items) {
        long pending = 0;
        long runningNow = 0;
        long succeeded = 0;
        long failedCount = 0;
        long timedOut = 0;
        long aborted = 0;
        long written = 0;
        long notRedrivable = 0;
        long pendingRedrive = 0;
        long total = 0;
        long now = engine.clock.epochMillis();
        for (int i = 0; i < children.length; i++) {
            long weight = items ? Math.max(itemsPer.length > i ? itemsPer[i] : 1, 0) : 1;
            total += weight;
            ExecutionRun c = children[i];
            if (resultsWritten.length > i && resultsWritten[i]) {
                written += weight;
            }
            if (c == null) {
                pending += weight;
                continue;
            }
            switch (c.status()) {
                case RUNNING -> runningNow += weight;
                case SUCCEEDED -> succeeded += weight;
                case FAILED -> failedCount += weight;
                case TIMED_OUT -> timedOut += weight;
                default -> aborted += weight;
            }
            if (c.status() != ExecutionRun.Status.RUNNING && c.status() != ExecutionRun.Status.SUCCEEDED) {
                if (c.redriveBlocker(now) != null) {
                    notRedrivable += weight;
                } else if (status == Status.RUNNING && i >= nextIndex) {
                    // the Map Run is being redriven and has not reached this child yet
                    pendingRedrive += weight;
                }
            }
        }
        ObjectNode d = Values.NODES.objectNode();
        d.put("pending", pending);
        d.put("running", runningNow);
        d.put("succeeded", succeeded);
        d.put("failed", failedCount);
        d.put("timedOut", timedOut);
        d.put("aborted", aborted);
        d.put("total", total);
        d.put("resultsWritten", written);
        d.put("failuresNotRedrivable", notRedrivable);
        d.put("pendingRedrive", pendingRedrive);
        return d;
    }
}
