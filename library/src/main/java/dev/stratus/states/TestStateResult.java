package dev.stratus.states;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link States#testState(TestStateRequest)} returns, shaped as the TestState API's response.
 *
 * @param status SUCCEEDED, FAILED, RETRIABLE (a retrier would retry) or CAUGHT_ERROR (a catcher matched)
 * @param output the state output (SUCCEEDED, CAUGHT_ERROR), or null
 * @param error the error name (FAILED, RETRIABLE, CAUGHT_ERROR), or null
 * @param cause the error cause, or null
 * @param nextState the state that would run next, or null
 * @param inspectionData at DEBUG and TRACE: input, afterInputPath, afterParameters, result, afterResultSelector,
 *     afterResultPath and the like; null at INFO
 */
public record TestStateResult(String status, JsonNode output, String error, String cause, String nextState,
        JsonNode inspectionData) {

    /**
     * Checks the status.
     *
     * @throws NullPointerException if {@code status} is null
     */
    public TestStateResult {
        Objects.requireNonNull(status, "status");
    }

    /** The output, if any. */
    public Optional<JsonNode> outputValue() {
        return Optional.ofNullable(output);
    }
}
