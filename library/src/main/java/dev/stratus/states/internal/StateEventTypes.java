package dev.stratus.states.internal;

import dev.stratus.states.internal.Model.State;
import java.util.HashMap;
import java.util.Map;

/** The history event types of each state type, built once so that a transition builds no strings. */
final class StateEventTypes {
    private static final String[] TYPES = {"Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"};
    private static final Map<String, String> ENTERED = suffixed("StateEntered");
    private static final Map<String, String> EXITED = suffixed("StateExited");

    private StateEventTypes() {
    }

    private static Map<String, String> suffixed(final String suffix) {
        Map<String, String> m = new HashMap<>();
        for (String type : TYPES) {
            m.put(type, type + suffix);
        }
        return Map.copyOf(m);
    }

    /** {@code PassStateEntered} for a Pass state, and so on. */
    static String entered(final State state) {
        return ENTERED.get(state.type());
    }

    /** {@code PassStateExited} for a Pass state, and so on. */
    static String exited(final State state) {
        return EXITED.get(state.type());
    }
}
