package dev.stratus.states;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One event of an execution history, shaped as GetExecutionHistory returns it.
 *
 * @param id the event id, from 1
 * @param previousEventId the id of the event this one follows, 0 for none
 * @param timestamp when it happened, on the engine's clock
 * @param type the AWS event type, e.g. {@code TaskStateEntered}
 * @param detailsName the member holding the details, e.g. {@code stateEnteredEventDetails}, or null
 * @param details the details object with AWS's field names (inputs and outputs as JSON text), or null
 */
public record HistoryEvent(long id, long previousEventId, Instant timestamp, String type, String detailsName,
        JsonNode details) {

    /**
     * Checks the fields.
     *
     * @throws NullPointerException if {@code timestamp} or {@code type} is null
     */
    public HistoryEvent {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(type, "type");
    }

    /** The event as AWS JSON: {@code {"id", "previousEventId", "timestamp", "type", "<x>EventDetails"}}. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", id);
        node.put("previousEventId", previousEventId);
        node.put("timestamp", timestamp.toString());
        node.put("type", type);
        if (detailsName != null) {
            node.set(detailsName, details);
        }
        return node;
    }
}
