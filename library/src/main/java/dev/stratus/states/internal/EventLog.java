package dev.stratus.states.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.List;

/**
 * An execution's history: appended by the one thread driving the execution at a time (drivers hand over through
 * the execution's lock), read from any thread without a lock. The writer publishes each event with a release store
 * of the size; a reader takes the size with an acquire load, so every event below it is fully visible.
 */
final class EventLog {
    private static final VarHandle SIZE;

    static {
        try {
            SIZE = MethodHandles.lookup().findVarHandle(EventLog.class, "size", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Replaced (by a larger copy) only before the size that needs it is published. */
    private volatile ExecutionRun.Event[] events;
    @SuppressWarnings("unused") // through SIZE
    private int size;

    private static final ExecutionRun.Event[] NONE = new ExecutionRun.Event[0];

    /** An empty log; its array is allocated on the first event (an Express execution records none). */
    EventLog() {
        events = NONE;
    }

    /** Appends an event; only the driving thread calls this. */
    void add(final ExecutionRun.Event event) {
        int n = (int) SIZE.getOpaque(this);
        ExecutionRun.Event[] a = events;
        if (n == a.length) {
            a = Arrays.copyOf(a, n == 0 ? 64 : n * 2);
            events = a;
        }
        a[n] = event;
        SIZE.setRelease(this, n + 1);
    }

    /** Appends events read back from a store (before the execution is shared). */
    void addAll(final List<ExecutionRun.Event> more) {
        for (ExecutionRun.Event e : more) {
            add(e);
        }
    }

    /** An immutable snapshot of the events appended so far. */
    List<ExecutionRun.Event> snapshot() {
        int n = (int) SIZE.getAcquire(this);
        return List.of(Arrays.copyOf(events, n));
    }
}
