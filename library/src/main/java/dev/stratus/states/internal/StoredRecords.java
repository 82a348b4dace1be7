package dev.stratus.states.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records a States engine writes to its execution store, as JSON: a machine definition
 * ({@code {"machine", "type", "definition"}}) or one history event of a Standard execution
 * ({@code {"execution", "id", "previousEventId", "millis", "type", "detailsName", "details"}}, the first one also
 * naming {@code stateMachine} and {@code name}).
 */
public final class StoredRecords {
    /** A machine as stored. */
    public record StoredMachine(String name, String type, String definition) {
    }

    /** An execution as stored: its machine, its name and its events. */
    public record StoredExecution(String arn, String machineName, String name, List<ExecutionRun.Event> events) {
    }

    /** Everything read back, in the order first seen. */
    public record Contents(List<StoredMachine> machines, List<StoredExecution> executions) {
    }

    private StoredRecords() {
    }

    public static byte[] machine(final String name, final String type, final String definition) {
        ObjectNode r = Values.NODES.objectNode();
        r.put("machine", name);
        r.put("type", type);
        r.put("definition", definition);
        return Json.write(r).getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] event(final ExecutionRun run, final ExecutionRun.Event e) {
        ObjectNode r = Values.NODES.objectNode();
        r.put("execution", run.arn());
        if (e.type().equals("ExecutionStarted")) {
            r.put("stateMachine", run.machineName());
            r.put("name", run.name());
        }
        r.put("id", e.id());
        r.put("previousEventId", e.previousEventId());
        r.put("millis", e.millis());
        r.put("type", e.type());
        if (e.detailsName() != null) {
            r.put("detailsName", e.detailsName());
        }
        ObjectNode d = e.details();
        if (d != null) {
            r.set("details", d);
        }
        return Json.write(r).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads records back.
     *
     * @throws IllegalArgumentException naming the record when one is not JSON or not of either shape
     */
    public static Contents read(final List<byte[]> records) {
        Map<String, StoredMachine> machines = new LinkedHashMap<>();
        Map<String, String[]> names = new LinkedHashMap<>();
        Map<String, List<ExecutionRun.Event>> events = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode r;
            try {
                r = Json.parse(new String(records.get(i), StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new IllegalArgumentException("store record " + i + " is not JSON: " + e.getMessage(), e);
            }
            if (r.hasNonNull("machine")) {
                String name = r.get("machine").asText();
                machines.put(name, new StoredMachine(name, r.path("type").asText(), r.path("definition").asText()));
            } else if (r.hasNonNull("execution") && r.hasNonNull("type")) {
                String arn = r.get("execution").asText();
                if (r.hasNonNull("stateMachine")) {
                    names.put(arn, new String[] {r.get("stateMachine").asText(), r.path("name").asText()});
                }
                JsonNode d = r.get("details");
                events.computeIfAbsent(arn, k -> new ArrayList<>()).add(new ExecutionRun.Event(r.path("id").asLong(),
                        r.path("previousEventId").asLong(), r.path("millis").asLong(), r.get("type").asText(),
                        r.hasNonNull("detailsName") ? r.get("detailsName").asText() : null,
                        d instanceof ObjectNode o ? o : null, null, null));
            } else {
                throw new IllegalArgumentException("store record " + i + " is neither a machine nor an event");
            }
        }
        List<StoredExecution> executions = new ArrayList<>();
        for (Map.Entry<String, List<ExecutionRun.Event>> e : events.entrySet()) {
            String[] n = names.get(e.getKey());
            if (n != null) {
                executions.add(new StoredExecution(e.getKey(), n[0], n[1], e.getValue()));
            }
        }
        return new Contents(List.copyOf(machines.values()), executions);
    }
}
