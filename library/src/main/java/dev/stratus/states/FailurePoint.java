package dev.stratus.states;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * Where a failed, timed-out or aborted execution stopped, read from its history: the top-level state to resume at
 * and the input it had, and the path down to the innermost state that was running when it stopped.
 *
 * @param stateName the top-level state that did not finish: resume here (a failure inside a Parallel or Map
 *     resumes at that Parallel or Map, which is where AWS lets a machine restart)
 * @param input the input {@code stateName} had
 * @param path state names from {@code stateName} down to the innermost unfinished state, Map iterations as
 *     {@code MapName[3]}; {@code [stateName]} for a failure at top level
 * @param status {@code FAILED}, {@code TIMED_OUT} or {@code ABORTED}
 * @param error the execution's error, or empty
 * @param cause the execution's cause, or empty
 * @param inputTruncated whether AWS truncated the recorded input (then it cannot be reused as is)
 */
public record FailurePoint(String stateName, JsonNode input, List<String> path, String status, String error,
        String cause, boolean inputTruncated) {

    /** Checks that no part is null and copies the path. */
    public FailurePoint {
        Objects.requireNonNull(stateName, "stateName");
        Objects.requireNonNull(input, "input");
        path = List.copyOf(path);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(cause, "cause");
    }

    /** The innermost state that was running when the execution stopped. */
    public String innermostState() {
        String last = path.get(path.size() - 1);
        int bracket = last.indexOf('[');
        return bracket < 0 ? last : last.substring(0, bracket);
    }
}
