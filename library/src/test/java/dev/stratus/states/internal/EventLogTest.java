package dev.stratus.states.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EventLogTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void shouldGiveBackEachEventAsAppendedNumberedFromOne() {
        EventLog log = new EventLog();
        ObjectNode details = NODES.objectNode().put("error", "E");
        JsonNode value = NODES.numberNode(7);
        log.add(0, 1_000, "ExecutionStarted", "executionStartedEventDetails", details, null, null);
        log.add(1, 2_000, "PassStateEntered", "stateEnteredEventDetails", null, "P", value);
        log.trim();
        log.add(2, 3_000, "PassStateExited", "stateExitedEventDetails", null, "P", value);

        List<ExecutionRun.Event> events = log.snapshot();
        assertEquals(3, events.size());
        ExecutionRun.Event first = events.get(0);
        assertEquals(1, first.id());
        assertEquals(0, first.previousEventId());
        assertEquals(1_000, first.millis());
        assertSame(details, first.storedDetails());
        assertNull(first.stateName());
        ExecutionRun.Event entered = events.get(1);
        assertEquals(new ExecutionRun.Event(2, 1, 2_000, "PassStateEntered", "stateEnteredEventDetails", null, "P",
                value), entered);
        assertEquals("{\"name\":\"P\",\"input\":7,\"inputDetails\":{\"truncated\":false}}",
                entered.details().toString());
        assertEquals(events.get(2), log.event(3));
    }

    @Test
    void shouldGrowAcrossChunksAndAfterATrim() {
        EventLog log = new EventLog();
        for (int id = 1; id <= 300; id++) {
            log.add(id - 1, id, "T", "d", null, "s", NODES.numberNode(id));
            if (id % 50 == 0) {
                log.trim();
            }
        }
        log.trim();
        List<ExecutionRun.Event> events = log.snapshot();
        assertEquals(300, events.size());
        for (int id = 1; id <= 300; id++) {
            assertEquals(id, events.get(id - 1).value().intValue());
            assertEquals(id - 1, log.event(id).previousEventId());
        }
    }

    @Test
    void shouldHoldMoreOrFewerEventsThanExpected() {
        for (int expected : new int[] {1, 12, 64, 100, 130}) {
            for (int count : new int[] {0, 5, 64, 65, 129, 200}) {
                EventLog log = new EventLog();
                log.expect(expected);
                for (int id = 1; id <= count; id++) {
                    log.add(id - 1, id, "T", "d", null, "s", NODES.numberNode(id));
                }
                log.trim();
                log.add(count, 0, "ExecutionRedriven", "d", null, null, null);
                List<ExecutionRun.Event> events = log.snapshot();
                assertEquals(count + 1, events.size());
                for (int id = 1; id <= count; id++) {
                    assertEquals(id, events.get(id - 1).value().intValue(), "expected " + expected + ", " + count);
                }
                assertEquals("ExecutionRedriven", log.event(count + 1).type());
            }
        }
    }

    @Test
    void shouldRefuseStoredEventsThatAreNotNumberedOnFromTheLog() {
        EventLog log = new EventLog();
        ExecutionRun.Event second = new ExecutionRun.Event(2, 1, 0, "PassStateEntered", "stateEnteredEventDetails",
                null, "P", NODES.nullNode());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> log.addAll(List.of(second)));
        assertEquals("a stored history numbers its events 1, 2, 3...: expected event 1, got 2", e.getMessage());
        assertEquals(0, log.size());
    }

    @Test
    void shouldNeverShowAReaderAnEventBeforeItIsWhole() throws InterruptedException {
        EventLog log = new EventLog();
        int total = 200_000;
        AtomicReference<String> problem = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            int seen = 0;
            while (seen < total && problem.get() == null) {
                int n = log.size();
                for (int id = Math.max(1, n - 8); id <= n; id++) {
                    ExecutionRun.Event e = log.event(id);
                    if (e.previousEventId() != id - 1 || e.millis() != id * 10L || !"T".equals(e.type())
                            || !("s" + (id % 7)).equals(e.stateName()) || e.value() == null
                            || e.value().intValue() != id) {
                        problem.set("event " + id + " seen as " + e);
                    }
                }
                seen = n;
            }
        });
        reader.start();
        String[] names = {"s0", "s1", "s2", "s3", "s4", "s5", "s6"};
        for (int id = 1; id <= total; id++) {
            log.add(id - 1, id * 10L, "T", "d", null, names[id % 7], NODES.numberNode(id));
        }
        reader.join();
        assertNull(problem.get());
        assertEquals(total, log.snapshot().size());
    }
}
