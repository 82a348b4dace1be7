package dev.stratus.states.internal.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.RandomSource;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The scope of one state's expressions: {@code $states} ({@code input}, {@code context}, and {@code result} or
 * {@code errorOutput} once there is one) and the variables as they were when the state was entered.
 */
public final class Bindings implements Scope {
    private final Variables variables;
    private final JsonNode input;
    private final Supplier<JsonNode> context;
    private final RandomSource random;
    private final JsonNode result;
    private final JsonNode errorOutput;
    private ObjectNode states;
    private ObjectNode statesWithoutContext;

    private Bindings(final Variables variables, final JsonNode input, final Supplier<JsonNode> context,
            final RandomSource random, final JsonNode result, final JsonNode errorOutput) {
        this.variables = variables;
        this.input = input;
        this.context = context;
        this.random = random;
        this.result = result;
        this.errorOutput = errorOutput;
    }

    /** {@code $states.input} and {@code $states.context} (as for {@code Arguments}). */
    public static Bindings of(final Variables variables, final JsonNode input, final Supplier<JsonNode> context,
            final RandomSource random) {
        return new Bindings(variables, input, context, random, null, null);
    }

    /** These bindings plus {@code $states.result}. */
    public Bindings withResult(final JsonNode value) {
        return new Bindings(variables, input, context, random, value, null);
    }

    /** These bindings plus {@code $states.errorOutput}. */
    public Bindings withErrorOutput(final JsonNode value) {
        return new Bindings(variables, input, context, random, null, value);
    }

    @Override
    public JsonNode lookup(final String name) {
        if (name.equals("states")) {
            return states(true);
        }
        return variables == null ? null : variables.get(name);
    }

    @Override
    public JsonNode states(final boolean withContext) {
        if (withContext ? states == null : statesWithoutContext == null) {
            ObjectNode s = JsonNodeFactory.instance.objectNode();
            s.set("input", input);
            if (withContext) {
                s.set("context", context.get());
            }
            if (result != null) {
                s.set("result", result);
            }
            if (errorOutput != null) {
                s.set("errorOutput", errorOutput);
            }
            if (withContext) {
                states = s;
            } else {
                statesWithoutContext = s;
            }
        }
        return withContext ? states : statesWithoutContext;
    }

    @Override
    public UUID uuid() {
        return random.uuid();
    }

    @Override
    public double random() {
        return random.nextDouble();
    }
}
