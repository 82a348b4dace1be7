package dev.stratus.states.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An execution's history, stored as columns rather than one object per event: a Standard execution keeps its
 * history after it finishes (10,000 of them by default), and a few arrays per execution cost the collector far less
 * to copy than hundreds of small objects. Events are numbered 1, 2, 3... in the order they were appended; their
 * {@link ExecutionRun.Event} views are made on read.
 *
 * <p>Appended by the one thread driving the execution at a time (drivers hand over through the execution), read
 * from any thread without a lock. The writer publishes each event with a release store of the size; a reader takes
 * the size with an acquire load, so every event below it is fully visible.
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

    /** References per event: type, details name, stored details or state name, value. */
    private static final int REFS = 4;
    /** Events per chunk: a history grows a chunk at a time, never copying the events it holds. */
    private static final int CHUNK = 64;
    private static final int CHUNK_SHIFT = 6;
    /** The first chunk's first size; it doubles up to {@link #CHUNK}. */
    private static final int FIRST = 8;
    private static final Chunk[] NONE = new Chunk[0];

    /** The columns of up to {@link #CHUNK} consecutive events. */
    private static final class Chunk {
        final long[] millis;
        final int[] previous;
        final Object[] refs;

        Chunk(final int capacity) {
            millis = new long[capacity];
            previous = new int[capacity];
            refs = new Object[capacity * REFS];
        }

        Chunk(final Chunk from, final int capacity) {
            millis = Arrays.copyOf(from.millis, capacity);
            previous = Arrays.copyOf(from.previous, capacity);
            refs = Arrays.copyOf(from.refs, capacity * REFS);
        }
    }

    /**
     * The chunks in order; the table (replaced by a larger copy) and a new chunk are in place before the size that
     * needs them is published.
     */
    private volatile Chunk[] chunks = NONE;
    /** How many events this history will likely hold (0: unknown); sizes its chunks. */
    private int expected;
    @SuppressWarnings("unused") // through SIZE
    private int size;

    /**
     * Appends the next event (number {@code size() + 1}); only the driving thread calls this. {@code details} and
     * {@code stateName} are never both set (see {@link ExecutionRun.Event}).
     */
    void add(final long previousEventId, final long millis, final String type, final String detailsName,
            final ObjectNode details, final String stateName, final JsonNode value) {
        int n = (int) SIZE.getOpaque(this);
        int at = n & (CHUNK - 1);
        Chunk c;
        if (at == 0) {
            int index = n >>> CHUNK_SHIFT;
            Chunk[] table = chunks;
            if (index == table.length) {
                table = Arrays.copyOf(table, Math.max(4, index * 2));
            }
            // sized for the events expected (an earlier execution's count); without a guess the first chunk starts
            // small: a parked or short execution records a handful of events
            int rest = expected - n;
            c = new Chunk(rest > 0 ? Math.min(CHUNK, Math.max(FIRST, rest)) : index == 0 ? FIRST : CHUNK);
            table[index] = c;
            chunks = table;
        } else {
            Chunk[] table = chunks;
            c = table[n >>> CHUNK_SHIFT];
            if (at == c.millis.length) {
                // the first chunk growing, or the last one trimmed when the execution finished and now redriven
                c = new Chunk(c, Math.min(CHUNK, Math.max(FIRST, at * 2)));
                table[n >>> CHUNK_SHIFT] = c;
            }
        }
        c.millis[at] = millis;
        c.previous[at] = Math.toIntExact(previousEventId);
        int r = at * REFS;
        c.refs[r] = type;
        c.refs[r + 1] = detailsName;
        c.refs[r + 2] = details != null ? details : stateName;
        c.refs[r + 3] = value;
        SIZE.setRelease(this, n + 1);
    }

    /** Sizes the chunks for about {@code events} events (before the first is appended). */
    void expect(final int events) {
        expected = events;
    }

    /**
     * Appends events read back from a store (before the execution is shared).
     *
     * @throws IllegalArgumentException when they are not numbered on from this log's last event
     */
    void addAll(final List<ExecutionRun.Event> more) {
        for (ExecutionRun.Event e : more) {
            int n = (int) SIZE.getOpaque(this);
            if (e.id() != n + 1) {
                throw new IllegalArgumentException("a stored history numbers its events 1, 2, 3...: expected event "
                        + (n + 1) + ", got " + e.id());
            }
            add(e.previousEventId(), e.millis(), e.type(), e.detailsName(), e.storedDetails(), e.stateName(),
                    e.value());
        }
    }

    /** The number of events. */
    int size() {
        return (int) SIZE.getAcquire(this);
    }

    /** The event numbered {@code id} (1 to {@link #size()}). */
    ExecutionRun.Event event(final long id) {
        int i = (int) id - 1;
        return view(chunks[i >>> CHUNK_SHIFT], i);
    }

    /**
     * Releases the room left in the last chunk once no more events will come (a finished execution's history is
     * kept as is); a later event (a redrive) brings the chunk back to full size.
     */
    void trim() {
        int n = (int) SIZE.getOpaque(this);
        int at = n & (CHUNK - 1);
        if (at != 0) {
            Chunk[] table = chunks;
            int index = n >>> CHUNK_SHIFT;
            table[index] = new Chunk(table[index], at);
        }
    }

    /** An immutable snapshot of the events appended so far. */
    List<ExecutionRun.Event> snapshot() {
        int n = (int) SIZE.getAcquire(this);
        Chunk[] table = chunks;
        List<ExecutionRun.Event> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(view(table[i >>> CHUNK_SHIFT], i));
        }
        return List.copyOf(events);
    }

    private static ExecutionRun.Event view(final Chunk c, final int i) {
        int at = i & (CHUNK - 1);
        int r = at * REFS;
        Object detailsOrName = c.refs[r + 2];
        return new ExecutionRun.Event(i + 1, c.previous[at], c.millis[at], (String) c.refs[r],
                (String) c.refs[r + 1], detailsOrName instanceof ObjectNode d ? d : null,
                detailsOrName instanceof String s ? s : null, (JsonNode) c.refs[r + 3]);
    }
}
