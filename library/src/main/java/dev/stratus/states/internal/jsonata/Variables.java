package dev.stratus.states.internal.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.states.internal.Values;
import java.util.HashMap;
import java.util.Map;

/**
 * The variables of one {@code States} block run (the machine, a Parallel branch or a Map iteration). An inner
 * scope reads the outer one but assigns only its own names. Values are replaced, never mutated: a snapshot is the
 * map itself.
 */
public final class Variables {
    private final Variables outer;
    private Map<String, JsonNode> values;
    /** The JSON size of this scope's own values. */
    private long bytes;

    /** A scope inside {@code outer} (null for the machine's), starting with {@code values}. */
    public Variables(final Variables outer, final Map<String, JsonNode> values) {
        this.outer = outer;
        // most scopes (every Parallel branch and Map iteration without Assign) start empty
        this.values = values.isEmpty() ? Map.of() : Map.copyOf(values);
        this.bytes = values.isEmpty() ? 0 : size(this.values);
    }

    /** The value of a variable here or outside, or null. */
    public JsonNode get(final String name) {
        for (Variables v = this; v != null; v = v.outer) {
            JsonNode value = v.values.get(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** This scope's own variables (immutable). */
    public Map<String, JsonNode> values() {
        return values;
    }

    /**
     * The JSON size of every variable this scope sees (its own and the outer scopes') once {@code assigned} is set
     * here: what AWS's limit on the variables stored for an execution is checked against.
     */
    public long bytesAfter(final Map<String, JsonNode> assigned) {
        long total = bytes + delta(assigned);
        for (Variables v = outer; v != null; v = v.outer) {
            total += v.bytes;
        }
        return total;
    }

    /** Sets variables of this scope (all at once, after the state's expressions were evaluated). */
    public void assign(final Map<String, JsonNode> assigned) {
        if (assigned.isEmpty()) {
            return;
        }
        bytes += delta(assigned);
        Map<String, JsonNode> next = new HashMap<>(values);
        next.putAll(assigned);
        values = Map.copyOf(next);
    }

    private long delta(final Map<String, JsonNode> assigned) {
        long delta = size(assigned);
        for (String name : assigned.keySet()) {
            JsonNode old = values.get(name);
            if (old != null) {
                delta -= Values.jsonSize(old, Integer.MAX_VALUE);
            }
        }
        return delta;
    }

    private static long size(final Map<String, JsonNode> values) {
        long size = 0;
        for (JsonNode value : values.values()) {
            size += Values.jsonSize(value, Integer.MAX_VALUE);
        }
        return size;
    }
}
