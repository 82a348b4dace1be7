package dev.stratus.states;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * Work handed to an activity worker by {@link States#pollActivity(String, String)}: answer it with
 * {@link States#sendTaskSuccess(String, String)}, {@link States#sendTaskFailure(String, String, String)} and keep it
 * alive with {@link States#sendTaskHeartbeat(String)}.
 *
 * @param taskToken the token naming this task
 * @param input the task input
 */
public record ActivityTask(String taskToken, JsonNode input) {
    /**
     * Checks the fields.
     *
     * @throws NullPointerException if a field is null
     */
    public ActivityTask {
        Objects.requireNonNull(taskToken, "taskToken");
        Objects.requireNonNull(input, "input");
    }
}
