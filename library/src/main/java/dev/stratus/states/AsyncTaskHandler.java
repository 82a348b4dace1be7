package dev.stratus.states;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletionStage;

/**
 * A Task resource whose result arrives later: the execution holds no thread while the stage is pending, and the
 * Task's {@code TimeoutSeconds} (and an execution stop) still apply. Completing the stage exceptionally fails the
 * task as a thrown exception does in a {@link TaskHandler}.
 */
@FunctionalInterface
public interface AsyncTaskHandler {

    /**
     * Starts one task invocation.
     *
     * @param input the task's effective input
     * @return a stage completing with the task result
     */
    CompletionStage<JsonNode> handle(JsonNode input);
}
