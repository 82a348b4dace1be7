package dev.stratus.states.internal.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
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

    /** A scope inside {@code outer} (null for the machine's), starting with {@code values}. */
    public Variables(final Variables outer, final Map<String, JsonNode> values) {
        this.outer = outer;
        this.values = Map.copyOf(values);
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

    /** Sets variables of this scope (all at once, after the state's expressions were evaluated). */
    public void assign(final Map<String, JsonNode> assigned) {
        if (assigned.isEmpty()) {
            return;
        }
        Map<String, JsonNode> next = new HashMap<>(values);
        next.putAll(assigned);
        values = Map.copyOf(next);
    }
}
