package dev.stratus.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExecutionGraphTest {

    @Test
    void shouldColourEachStateByItsStatus() throws Exception {
        ExecutionGraph graph = ExecutionGraph.of(BlogPostHistories.testMachine(),
                BlogPostHistories.testMachineFailure());
        assertEquals(ExecutionGraph.Status.SUCCEEDED, graph.status("FirstState"));
        assertEquals(ExecutionGraph.Status.SUCCEEDED, graph.status("ChoiceState"));
        assertEquals(ExecutionGraph.Status.FAILED, graph.status("FirstMatchState"));
        assertEquals(ExecutionGraph.Status.NOT_RUN, graph.status("NextState"));

        String mermaid = graph.mermaid();
        assertTrue(mermaid.startsWith("flowchart TD\n"), mermaid);
        assertTrue(mermaid.contains("[\"FirstMatchState<br/><small>Task · failed</small>\"]:::failed"), mermaid);
        assertTrue(mermaid.contains("-->|\"default\"|"), mermaid);
        String dot = graph.dot();
        assertTrue(dot.startsWith("digraph StateMachine {"), dot);
        assertTrue(dot.contains("label=\"NextState\\nTask · not run\", fillcolor=\"#eeeeee\""), dot);
    }

    @Test
    void shouldDrawParallelBranchesAsGroups() throws Exception {
        ExecutionGraph graph = ExecutionGraph.of(BlogPostHistories.parallelStateMachine(),
                BlogPostHistories.parallelFailure());
        assertEquals(ExecutionGraph.Status.SUCCEEDED, graph.status("Parallel"));
        assertEquals(ExecutionGraph.Status.FAILED, graph.status("Parallel 2"));
        assertEquals(ExecutionGraph.Status.FAILED, graph.status("Parallel Step 2, Process 2"));
        assertTrue(graph.mermaid().contains("subgraph"));
        assertTrue(graph.dot().contains("subgraph cluster_"));
    }

    @Test
    void shouldDrawAMachineWithoutAnExecution() throws Exception {
        ExecutionGraph graph = ExecutionGraph.of(BlogPostHistories.testMachine());
        assertEquals(ExecutionGraph.Status.NOT_RUN, graph.status("FirstState"));
        assertTrue(graph.mermaid().contains(":::notrun"));
    }

    @Test
    void shouldRejectMissingOrMalformedInputNamingIt() throws Exception {
        assertEquals("definition", org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class,
                () -> ExecutionGraph.of(null)).getMessage());
        assertEquals("history", org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class,
                () -> ExecutionGraph.of(BlogPostHistories.testMachine(), null)).getMessage());
        assertEquals("history event needs id and type: event={\"type\":\"ExecutionStarted\"}",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> ExecutionGraph.of(BlogPostHistories.testMachine(),
                                dev.stratus.core.internal.Json.parse("[{\"type\":\"ExecutionStarted\"}]")))
                        .getMessage());
    }
}
