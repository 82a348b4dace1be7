package dev.stratus.states;

import java.util.Objects;

/**
 * One problem found in a state machine definition, as AWS Step Functions reports it in a
 * {@code ValidateStateMachineDefinition} diagnostic and inside a {@code CreateStateMachine} error message.
 *
 * <pre>{@code
 * Finding f = Finding.error("MISSING_TRANSITION_TARGET", "/States/Charge/Next", "Missing 'Next' target: Shipp");
 * f.toString();   // "MISSING_TRANSITION_TARGET: Missing 'Next' target: Shipp at /States/Charge/Next"
 * }</pre>
 *
 * @param path the JSON pointer of the offending value, {@code "/"} for the whole definition (as AWS writes it), or
 *     null when the finding is not about one value (the text is not JSON)
 * @param message AWS's wording of the problem, without the location
 * @param code AWS's diagnostic code, e.g. {@code SCHEMA_VALIDATION_FAILED}, {@code MISSING_TRANSITION_TARGET},
 *     {@code INVALID_JSON_DESCRIPTION}
 * @param severity whether the finding makes the definition invalid
 * @param location what AWS reports as the diagnostic's location: the path, or for text that is not JSON the
 *     parser's source position; null when AWS reports none
 */
public record Finding(String path, String message, String code, Severity severity, String location) {

    /** How serious a finding is: an {@code ERROR} rejects the definition, a {@code WARNING} does not. */
    public enum Severity { ERROR, WARNING }

    /**
     * Validates the required parts.
     *
     * @throws NullPointerException if {@code message}, {@code code} or {@code severity} is null
     * @throws IllegalArgumentException if {@code path} is neither null nor a JSON pointer starting with {@code /}
     */
    public Finding {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        if (path != null && !path.startsWith("/")) {
            throw new IllegalArgumentException("path must be a JSON pointer starting with '/': path=" + path);
        }
    }

    /**
     * An error about the value at {@code path}, reported at that location.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code path} does not start with {@code /}
     */
    public static Finding error(final String code, final String path, final String message) {
        return new Finding(Objects.requireNonNull(path, "path"), message, code, Severity.ERROR, path);
    }

    /** Whether this finding rejects the definition. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** AWS's rendering inside a CreateStateMachine message: {@code CODE: message at location}. */
    @Override
    public String toString() {
        return location == null ? code + ": " + message : code + ": " + message + " at " + location;
    }
}
