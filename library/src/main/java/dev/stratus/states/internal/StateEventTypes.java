package dev.stratus.states.internal;

import dev.stratus.states.internal.Model.State;

/**
 * The history event types of each state type, as constants: a transition builds no strings and looks nothing up
 * (a type test per state record is cheaper than hashing its type name).
 */
final class StateEventTypes {
    private static final String[] PASS = {"PassStateEntered", "PassStateExited"};
    private static final String[] CHOICE = {"ChoiceStateEntered", "ChoiceStateExited"};
    private static final String[] TASK = {"TaskStateEntered", "TaskStateExited"};
    private static final String[] WAIT = {"WaitStateEntered", "WaitStateExited"};
    private static final String[] SUCCEED = {"SucceedStateEntered", "SucceedStateExited"};
    private static final String[] FAIL = {"FailStateEntered", "FailStateExited"};
    private static final String[] PARALLEL = {"ParallelStateEntered", "ParallelStateExited"};
    private static final String[] MAP = {"MapStateEntered", "MapStateExited"};

    private StateEventTypes() {
    }

    /** {@code PassStateEntered} for a Pass state, and so on. */
    static String entered(final State state) {
        return of(state)[0];
    }

    /** {@code PassStateExited} for a Pass state, and so on. */
    static String exited(final State state) {
        return of(state)[1];
    }

    private static String[] of(final State state) {
        if (state instanceof Model.Pass) {
            return PASS;
        } else if (state instanceof Model.Choice) {
            return CHOICE;
        } else if (state instanceof Model.Task) {
            return TASK;
        } else if (state instanceof Model.Wait) {
            return WAIT;
        } else if (state instanceof Model.Succeed) {
            return SUCCEED;
        } else if (state instanceof Model.Fail) {
            return FAIL;
        } else if (state instanceof Model.Parallel) {
            return PARALLEL;
        }
        return MAP;
    }
}
