package dev.stratus.states;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.states.internal.history.HistoryTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A picture of a state machine with each state's status in one execution, as the Step Functions console's graph
 * shows it, rendered as Mermaid ({@link #mermaid()}) or Graphviz DOT ({@link #dot()}). Parallel branches and Map
 * item processors are drawn as nested groups; Choice rules, defaults and Catch edges are labelled.
 *
 * <pre>{@code
 * ExecutionGraph graph = ExecutionGraph.of(definition, historyJson);
 * System.out.println(graph.mermaid());
 * graph.status("FirstMatchState");   // FAILED
 * }</pre>
 */
public final class ExecutionGraph {

    /** A state's status in the execution; a state entered several times (loops, Map) shows the worst. */
    public enum Status {
        /** Never entered. */
        NOT_RUN,
        /** Entered and exited normally. */
        SUCCEEDED,
        /** Failed, and a Catch sent the execution on. */
        CAUGHT,
        /** Entered and still running. */
        RUNNING,
        /** Entered and never exited: it failed, timed out or was aborted. */
        FAILED
    }

    private final JsonNode definition;
    private final Map<String, Status> statuses;

    private ExecutionGraph(final JsonNode definition, final Map<String, Status> statuses) {
        this.definition = definition;
        this.statuses = statuses;
    }

    /** The machine alone, every state {@link Status#NOT_RUN}. */
    public static ExecutionGraph of(final JsonNode definition) {
        Objects.requireNonNull(definition, "definition");
        return new ExecutionGraph(definition, Map.of());
    }

    /**
     * The machine with each state's status in the execution whose history is given (GetExecutionHistory's JSON, or
     * an array of events).
     *
     * @throws IllegalArgumentException if the history is malformed
     */
    public static ExecutionGraph of(final JsonNode definition, final JsonNode history) {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(history, "history");
        HistoryTree tree = HistoryTree.parse(history);
        String terminal = tree.terminal() == null ? "" : tree.terminal().path("type").asText();
        boolean finished = terminal.equals("ExecutionSucceeded") || terminal.equals("ExecutionFailed")
                || terminal.equals("ExecutionTimedOut") || terminal.equals("ExecutionAborted");
        Map<String, Status> statuses = new HashMap<>();
        for (HistoryTree.Instance instance : tree.instances()) {
            Status status = switch (instance.outcome()) {
                case SUCCEEDED -> Status.SUCCEEDED;
                case CAUGHT -> Status.CAUGHT;
                default -> finished ? Status.FAILED : Status.RUNNING;
            };
            statuses.merge(instance.name(), status, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        return new ExecutionGraph(definition, statuses);
    }

    /** The status of a state (at any depth), {@link Status#NOT_RUN} for one never entered or unknown. */
    public Status status(final String stateName) {
        return statuses.getOrDefault(stateName, Status.NOT_RUN);
    }

    /** The graph as a Mermaid flowchart, states coloured by status. */
    public String mermaid() {
        Renderer r = new Renderer(true);
        r.out.append("flowchart TD\n");
        r.machine(definition, "  ");
        r.out.append("  classDef succeeded fill:#d4edda,stroke:#28a745\n");
        r.out.append("  classDef failed fill:#f8d7da,stroke:#dc3545\n");
        r.out.append("  classDef caught fill:#fff3cd,stroke:#e0a800\n");
        r.out.append("  classDef running fill:#cce5ff,stroke:#007bff\n");
        r.out.append("  classDef notrun fill:#eeeeee,stroke:#999999\n");
        return r.out.toString();
    }

    /** The graph as a Graphviz DOT digraph, states coloured by status. */
    public String dot() {
        Renderer r = new Renderer(false);
        r.out.append("digraph StateMachine {\n  node [shape=box, style=\"rounded,filled\", fontname=Helvetica];\n");
        r.machine(definition, "  ");
        r.out.append("}\n");
        return r.out.toString();
    }

    private final class Renderer {
        final boolean mermaid;
        final StringBuilder out = new StringBuilder();
        final Map<String, String> ids = new LinkedHashMap<>();
        int counter;

        Renderer(final boolean mermaid) {
            this.mermaid = mermaid;
        }

        String id(final String scope, final String name) {
            return ids.computeIfAbsent(scope + "/" + name, k -> "s" + counter++);
        }

        void machine(final JsonNode machine, final String indent) {
            String scope = "m" + counter++;
            String start = scope + "_start";
            String end = scope + "_end";
            if (mermaid) {
                out.append(indent).append(start).append("((start))\n");
                out.append(indent).append(end).append("((end))\n");
            } else {
                out.append(indent).append(start).append(" [label=\"start\", shape=circle, fillcolor=white];\n");
                out.append(indent).append(end).append(" [label=\"end\", shape=doublecircle, fillcolor=white];\n");
            }
            List<String[]> edges = new ArrayList<>();
            edges.add(new String[] {start, id(scope, machine.path("StartAt").asText()), ""});
            machine.path("States").properties().forEach(field -> {
                String name = field.getKey();
                JsonNode state = field.getValue();
                String type = state.path("Type").asText();
                String id = id(scope, name);
                node(id, name, type, indent);
                if (type.equals("Parallel")) {
                    int branch = 0;
                    for (JsonNode b : state.path("Branches")) {
                        group(id + "_b" + branch, name + " branch " + (branch + 1), b, indent);
                        branch++;
                    }
                } else if (type.equals("Map")) {
                    JsonNode processor = state.has("ItemProcessor") ? state.path("ItemProcessor")
                            : state.path("Iterator");
                    group(id + "_items", name + " items", processor, indent);
                }
                if (state.hasNonNull("Next")) {
                    edges.add(new String[] {id, id(scope, state.path("Next").asText()), ""});
                }
                if (state.path("End").asBoolean(false) || type.equals("Succeed") || type.equals("Fail")) {
                    edges.add(new String[] {id, end, ""});
                }
                int rule = 1;
                for (JsonNode choice : state.path("Choices")) {
                    edges.add(new String[] {id, id(scope, choice.path("Next").asText()), "rule " + rule++});
                }
                if (state.hasNonNull("Default")) {
                    edges.add(new String[] {id, id(scope, state.path("Default").asText()), "default"});
                }
                for (JsonNode catcher : state.path("Catch")) {
                    List<String> errors = new ArrayList<>();
                    catcher.path("ErrorEquals").forEach(e -> errors.add(e.asText()));
                    String label = "catch " + String.join(", ", errors);
                    edges.add(new String[] {id, id(scope, catcher.path("Next").asText()), label});
                }
            });
            for (String[] edge : edges) {
                edge(edge[0], edge[1], edge[2], indent);
            }
        }

        void group(final String groupId, final String label, final JsonNode machine, final String indent) {
            if (mermaid) {
                out.append(indent).append("subgraph ").append(groupId).append("[\"").append(escape(label))
                        .append("\"]\n");
                machine(machine, indent + "  ");
                out.append(indent).append("end\n");
            } else {
                out.append(indent).append("subgraph cluster_").append(groupId).append(" {\n")
                        .append(indent).append("  label=\"").append(escape(label)).append("\";\n");
                machine(machine, indent + "  ");
                out.append(indent).append("}\n");
            }
        }

        void node(final String id, final String name, final String type, final String indent) {
            Status status = status(name);
            if (mermaid) {
                out.append(indent).append(id).append("[\"").append(escape(name)).append("<br/><small>").append(type)
                        .append(" · ").append(label(status)).append("</small>\"]:::")
                        .append(status == Status.NOT_RUN ? "notrun" : status.name().toLowerCase(java.util.Locale.ROOT))
                        .append('\n');
            } else {
                out.append(indent).append(id).append(" [label=\"").append(escape(name)).append("\\n").append(type)
                        .append(" · ").append(label(status)).append("\", fillcolor=\"").append(colour(status))
                        .append("\"];\n");
            }
        }

        void edge(final String from, final String to, final String label, final String indent) {
            boolean dashed = label.startsWith("catch");
            if (mermaid) {
                out.append(indent).append(from).append(dashed ? " -.->" : " -->");
                if (!label.isEmpty()) {
                    out.append("|\"").append(escape(label)).append("\"|");
                }
                out.append(' ').append(to).append('\n');
            } else {
                out.append(indent).append(from).append(" -> ").append(to);
                if (!label.isEmpty() || dashed) {
                    out.append(" [label=\"").append(escape(label)).append('"').append(dashed ? ", style=dashed" : "")
                            .append(']');
                }
                out.append(";\n");
            }
        }
    }

    private static String label(final Status status) {
        return status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static String colour(final Status status) {
        return switch (status) {
            case SUCCEEDED -> "#d4edda";
            case FAILED -> "#f8d7da";
            case CAUGHT -> "#fff3cd";
            case RUNNING -> "#cce5ff";
            default -> "#eeeeee";
        };
    }

    private static String escape(final String text) {
        return text.replace("\\", "\\\\").replace("\"", "'");
    }
}
