package dev.stratus.states.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.core.Clock;
import dev.stratus.core.ErrorHandler;
import dev.stratus.core.RandomSource;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Function;

/** The shared services every execution of one States engine uses. Thread-safe. */
public final class Engine {
    /** A task resource: takes the effective input, completes with the result or an error. */
    public interface Invoker extends Function<JsonNode, CompletionStage<JsonNode>> {
        /**
         * Invokes a {@code .sync} integration: {@code submitted} gets the response of the call that started the job
         * (AWS's TaskSubmitted output) before the stage completes with the job's result. Most resources start no
         * job and report nothing.
         */
        default CompletionStage<JsonNode> apply(final JsonNode in, final Consumer<JsonNode> submitted) {
            return apply(in);
        }
    }

    /** A task resource that answers on the calling thread (a synchronous handler): called without a stage. */
    public interface SyncInvoker extends Invoker {
        /** The result, or the handler's exception. */
        JsonNode call(JsonNode in) throws Exception;

        @Override
        default CompletionStage<JsonNode> apply(final JsonNode in) {
            try {
                return CompletableFuture.completedFuture(call(in));
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }
    }

    /** A callback waiting for SendTaskSuccess/Failure/Heartbeat. */
    public interface TokenWaiter {
        void succeed(JsonNode output);

        void fail(String error, String cause);

        void heartbeat();
    }

    /** Work queued for an activity's pollers. */
    public record ActivityWork(String token, JsonNode input, ExecutionRun run, Runnable onStarted) {
    }

    final Clock clock;
    final RandomSource random;
    final ErrorHandler errorHandler;
    final String account;
    final String region;
    final String roleArn;
    final Map<String, Invoker> handlers;
    final Map<String, String> objects;
    final Map<String, TokenWaiter> tokens = new ConcurrentHashMap<>();
    /** How each Task resource resolves (by resource ARN; the handlers do not change once executions run). */
    final Map<String, TaskCall> taskCalls = new ConcurrentHashMap<>();
    /**
     * The call last taken from {@link #taskCalls} (tasks in a row often share a resource). A plain field: its
     * record's final fields publish the call to any thread that reads it.
     */
    TaskCall.Last lastTaskCall;
    final Map<String, Queue<ActivityWork>> activities = new ConcurrentHashMap<>();
    /** Receives every event of every Standard execution, or null. */
    volatile EventSink sink;
    /**
     * The Wait group an execution of this engine opened last (see ExecutionRun's WaitGroup), or null once any
     * execution scheduled another timer, invoked a handler, ran listeners or stopped driving. Written by drivers
     * without a lock: a race between threads at worst costs a shared timer (an execution joins only a group of its
     * own, and what other threads do meanwhile has no order with it anyway).
     */
    Object openWaitGroup;

    /** Where recorded events go, for durability. */
    public interface EventSink {
        /** Called on the execution's thread after the event is in its history. */
        void recorded(ExecutionRun run, ExecutionRun.Event event);
    }

    /** Told of each child execution a Distributed Map starts or redrives, so that the facade can find it. */
    public interface ChildListener {
        /** Called on the parent's thread before the child runs (again). */
        void started(ExecutionRun child);
    }

    private volatile ChildListener childListener;

    /** Sets the listener for Distributed Map child executions (null for none). */
    public void childListener(final ChildListener listener) {
        this.childListener = listener;
    }

    void childStarted(final ExecutionRun child) {
        ChildListener l = childListener;
        if (l != null) {
            l.started(child);
        }
    }

    /** Passes an error to the engine's error handler. */
    public void errorHandlerOnError(final Throwable error) {
        errorHandler.onError(error);
    }

    /** Sets the sink for recorded events (null for none). */
    public void sink(final EventSink eventSink) {
        this.sink = eventSink;
    }

    /** An engine over the given services; {@code handlers} and {@code objects} are used as given (live). */
    public Engine(final Clock clock, final RandomSource random, final ErrorHandler errorHandler, final String account,
            final String region, final Map<String, Invoker> handlers, final Map<String, String> objects) {
        this.clock = clock;
        this.random = random;
        this.errorHandler = errorHandler;
        this.account = account;
        this.region = region;
        this.roleArn = "arn:aws:iam::" + account + ":role/StratusStatesExecutionRole";
        this.handlers = handlers;
        this.objects = objects;
    }

    public Clock clock() {
        return clock;
    }

    public String roleArn() {
        return roleArn;
    }

    /** The waiter for a task token, or null. */
    public TokenWaiter waiter(final String token) {
        return tokens.get(token);
    }

    /** Takes the next queued task of an activity, or null. */
    public ActivityWork pollActivity(final String activityArn) {
        Queue<ActivityWork> queue = activities.get(activityArn);
        return queue == null ? null : queue.poll();
    }

    /** Declares an activity so that tasks can be queued for it. */
    public void createActivity(final String activityArn) {
        activities.computeIfAbsent(activityArn, k -> new ConcurrentLinkedQueue<>());
    }

    /** Whether an activity was declared. */
    public boolean hasActivity(final String activityArn) {
        return activities.containsKey(activityArn);
    }

    /** The object-store key of a bucket and key. */
    public static String objectKey(final String bucket, final String key) {
        return bucket + "/" + key;
    }
}
