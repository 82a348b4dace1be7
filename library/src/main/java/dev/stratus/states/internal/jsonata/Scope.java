package dev.stratus.states.internal.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/** What a JSONata expression can see while it runs: {@code $states}, the variables, and a source of randomness. */
public interface Scope {
    /** The value of {@code $name} ({@code states} or a variable), or null when it is not defined. */
    JsonNode lookup(String name);

    /**
     * {@code $states}; {@code withContext} false when the expression never reads {@code $states.context}, which
     * spares building the context object.
     */
    default JsonNode states(final boolean withContext) {
        return lookup("states");
    }

    /** A v4 UUID for {@code $uuid()}. */
    UUID uuid();

    /** A number in [0, 1) for {@code $random()}. */
    double random();
}
