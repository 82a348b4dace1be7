package dev.stratus.states;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Java code behind a Task's {@code Resource}: a Lambda-style function that takes the task input and returns its
 * result. Throw a {@link StatesException} to fail the task with a chosen ASL error name and cause; any other
 * exception fails it the way the Java Lambda runtime reports one (error = the exception's class name, cause =
 * {@code {"errorMessage", "errorType", "stackTrace"}}).
 *
 * <p>It runs on the thread driving the execution; a handler that blocks holds that thread, so slow work belongs in
 * an {@link AsyncTaskHandler}.
 */
@FunctionalInterface
public interface TaskHandler {

    /**
     * Handles one task invocation.
     *
     * @param input the task's effective input (after InputPath and Parameters); never mutated by Stratus
     * @return the task result, which must not be mutated afterwards
     * @throws Exception to fail the task
     */
    JsonNode handle(JsonNode input) throws Exception;
}
