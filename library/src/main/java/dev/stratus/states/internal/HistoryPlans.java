package dev.stratus.states.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.internal.Json;
import dev.stratus.states.internal.history.HistoryTree;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored history read as nested state instances, so that a restored execution knows what succeeded: the
 * instances of each frame in order, each with its input, its output if it succeeded (a caught failure did not), its
 * Map iteration and its own children.
 */
final class HistoryPlans {
    private HistoryPlans() {
    }

    /** One state instance; {@code assigned}: the variables it assigned as it exited. */
    record Node(String name, JsonNode input, JsonNode output, int iteration, List<Node> children,
            JsonNode taskResult, String mapRunArn, Map<String, JsonNode> assigned) {
    }

    private static final java.util.Set<String> TASK_SUCCEEDED = java.util.Set.of("TaskSucceeded",
            "LambdaFunctionSucceeded", "ActivitySucceeded");

    /** The top-level instances of a history, oldest first. */
    static List<Node> topLevel(final List<ExecutionRun.Event> events) {
        ArrayNode array = Values.NODES.arrayNode(events.size());
        for (ExecutionRun.Event e : events) {
            ObjectNode node = array.addObject();
            node.put("id", e.id());
            node.put("previousEventId", e.previousEventId());
            node.put("type", e.type());
            if (e.detailsName() != null && e.details() != null) {
                ObjectNode d = e.details().deepCopy();
                // as AWS records them: JSON text, so that a string value is read back as a string
                for (String field : new String[] {"input", "output"}) {
                    if (d.has(field)) {
                        d.put(field, Json.write(d.get(field)));
                    }
                }
                node.set(e.detailsName(), d);
            }
        }
        HistoryTree tree = HistoryTree.parse(array);
        Map<Long, ExecutionRun.Event> byPrevious = new java.util.HashMap<>();
        for (ExecutionRun.Event e : events) {
            byPrevious.putIfAbsent(e.previousEventId(), e);
        }
        Map<HistoryTree.Instance, Node> nodes = new IdentityHashMap<>();
        List<Node> top = new ArrayList<>();
        for (HistoryTree.Instance instance : tree.instances()) {
            JsonNode output = instance.outcome() == HistoryTree.Outcome.SUCCEEDED ? instance.output().orElse(null)
                    : null;
            JsonNode taskResult = null;
            if (output == null && instance.type().equals("Task")) {
                ExecutionRun.Event last = null;
                for (ExecutionRun.Event e = byPrevious.get(instance.enteredEventId()); e != null;
                        e = byPrevious.get(e.id())) {
                    last = e;
                }
                if (last != null && TASK_SUCCEEDED.contains(last.type()) && last.details() != null) {
                    taskResult = last.details().get("output");
                }
            }
            String mapRunArn = null;
            if (instance.type().equals("Map")) {
                // a Distributed Map's run: its children are in their own histories, which a restore gives back
                for (ExecutionRun.Event e = byPrevious.get(instance.enteredEventId()); e != null;
                        e = byPrevious.get(e.id())) {
                    boolean run = e.type().equals("MapRunStarted") || e.type().equals("MapRunRedriven");
                    if (run && e.details() != null) {
                        mapRunArn = e.details().path("mapRunArn").asText(null);
                    }
                }
            }
            Node node = new Node(instance.name(), instance.input(), output, instance.iteration().orElse(-1),
                    new ArrayList<>(), taskResult, mapRunArn, instance.assignedVariables());
            nodes.put(instance, node);
            HistoryTree.Instance parent = instance.parent().orElse(null);
            if (parent == null) {
                top.add(node);
            } else {
                Node p = nodes.get(parent);
                if (p != null) {
                    p.children().add(node);
                }
            }
        }
        return top;
    }
}
