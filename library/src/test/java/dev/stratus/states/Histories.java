package dev.stratus.states;

import java.util.List;

/** Reading an execution's history in tests. */
final class Histories {
    private Histories() {
    }

    /** The event types, in order. */
    static List<String> types(final Execution run) {
        return run.history().stream().map(HistoryEvent::type).toList();
    }

    /** The last event of {@code type}. */
    static HistoryEvent event(final Execution run, final String type) {
        return run.history().stream().filter(e -> e.type().equals(type)).reduce((a, b) -> b).orElseThrow();
    }
}
