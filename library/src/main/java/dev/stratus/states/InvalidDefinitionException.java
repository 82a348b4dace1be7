package dev.stratus.states;

import dev.stratus.core.StratusException;
import java.util.List;

/**
 * A state machine definition was rejected. {@link #code()} is AWS's CreateStateMachine error code
 * ({@code InvalidDefinition}), the message is worded exactly as AWS words it, e.g.
 * {@code Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'},
 * and {@link #findings()} holds every problem found, not only the first.
 */
public class InvalidDefinitionException extends StratusException {
    private static final long serialVersionUID = 1L;

    /** AWS's error code for a rejected definition. */
    public static final String CODE = "InvalidDefinition";

    private final transient List<Finding> findings;

    /**
     * An exception carrying AWS's message and the findings behind it.
     *
     * @throws NullPointerException if an argument is null
     */
    public InvalidDefinitionException(final String message, final List<Finding> findings) {
        super(CODE, message);
        this.findings = List.copyOf(findings);
    }

    /** Every finding, in definition order; at least one is an error. */
    public List<Finding> findings() {
        return findings;
    }
}
