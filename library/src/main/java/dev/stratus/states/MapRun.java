package dev.stratus.states;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.states.internal.DistributedMapRun;
import dev.stratus.states.internal.ExecutionRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Map Run: one run of a Distributed Map state ({@code ProcessorConfig.Mode} DISTRIBUTED), whose items (or
 * ItemBatcher batches) each run as a child execution of the ItemProcessor. STANDARD children have their own ARNs
 * ({@code arn:aws:states:<region>:<account>:execution:<machine>/<label>:<uuid>}) and histories and are found by
 * {@link States#execution(String)} too; EXPRESS children have no history. Redriving the parent execution redrives
 * its failed Map Run: succeeded children are kept, failed or aborted ones are redriven (same ARN), the others start.
 * Thread-safe; a view of the live run.
 */
public final class MapRun {
    private final DistributedMapRun run;
    private final StateMachine childMachine;

    MapRun(final DistributedMapRun run, final StateMachine childMachine) {
        this.run = run;
        this.childMachine = childMachine;
    }

    /** The Map Run's ARN, {@code arn:aws:states:<region>:<account>:mapRun:<machine>/<label>:<uuid>}. */
    public String arn() {
        return run.arn();
    }

    /** The ARN of the execution whose Map state started it. */
    public String executionArn() {
        return run.executionArn();
    }

    /** RUNNING, SUCCEEDED, FAILED or ABORTED, as DescribeMapRun names them. */
    public String status() {
        return run.status().name();
    }

    /** When it started. */
    public Instant startDate() {
        return Instant.ofEpochMilli(run.startMillis());
    }

    /** When it stopped, if it has. */
    public Optional<Instant> stopDate() {
        long stop = run.stopMillis();
        return stop == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(stop));
    }

    /** How many times it was redriven (with its parent execution). */
    public int redriveCount() {
        return run.redriveCount();
    }

    /** The child executions started so far, in item order. */
    public List<Execution> executions() {
        List<ExecutionRun> children = run.children();
        List<Execution> out = new ArrayList<>(children.size());
        for (ExecutionRun child : children) {
            out.add(new Execution(childMachine, child));
        }
        return out;
    }

    /**
     * The run as DescribeMapRun returns it: {@code mapRunArn, executionArn, status, startDate, stopDate,
     * maxConcurrency, toleratedFailurePercentage, toleratedFailureCount, itemCounts, executionCounts, redriveCount,
     * redriveDate}; the counts hold {@code pending, running, succeeded, failed, timedOut, aborted, total,
     * resultsWritten, failuresNotRedrivable, pendingRedrive} (items count the items of a batch each).
     */
    public ObjectNode describe() {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("mapRunArn", arn());
        d.put("executionArn", executionArn());
        d.put("status", status());
        d.put("startDate", startDate().toString());
        stopDate().ifPresent(s -> d.put("stopDate", s.toString()));
        d.put("maxConcurrency", run.maxConcurrency());
        d.put("toleratedFailurePercentage", (float) run.toleratedFailurePercentage());
        d.put("toleratedFailureCount", run.toleratedFailureCount());
        d.set("itemCounts", run.counts(true));
        d.set("executionCounts", run.counts(false));
        d.put("redriveCount", run.redriveCount());
        if (run.redriveCount() > 0) {
            d.put("redriveDate", Instant.ofEpochMilli(run.redriveMillis()).toString());
        }
        return d;
    }

    @Override
    public String toString() {
        return "MapRun[" + arn() + ", " + status() + "]";
    }
}
