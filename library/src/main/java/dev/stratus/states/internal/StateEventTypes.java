package dev.stratus.states.internal;

import dev.stratus.states.internal.Model.State;

/**
 * The history event types of each state type, as constants: a transition builds no strings and looks nothing up
 * (a type test per state record is cheaper than hashing its type name).
 */
final class StateEventTypes {
    private StateEventTypes() {
    }

    /** {@code PassStateEntered} for a Pass state, and so on. */
    static String entered(final State state) {
        if (state instanceof Model.Pass) {
            return "PassStateEntered";
        } else if (state instanceof Model.Choice) {
            return "ChoiceStateEntered";
        } else if (state instanceof Model.Task) {
            return "TaskStateEntered";
        } else if (state instanceof Model.Wait) {
            return "WaitStateEntered";
        } else if (state instanceof Model.Succeed) {
            return "SucceedStateEntered";
        } else if (state instanceof Model.Fail) {
            return "FailStateEntered";
        } else if (state instanceof Model.Parallel) {
            return "ParallelStateEntered";
        }
        return "MapStateEntered";
    }

    /** {@code PassStateExited} for a Pass state, and so on. */
    static String exited(final State state) {
        if (state instanceof Model.Pass) {
            return "PassStateExited";
        } else if (state instanceof Model.Choice) {
            return "ChoiceStateExited";
        } else if (state instanceof Model.Task) {
            return "TaskStateExited";
        } else if (state instanceof Model.Wait) {
            return "WaitStateExited";
        } else if (state instanceof Model.Succeed) {
            return "SucceedStateExited";
        } else if (state instanceof Model.Fail) {
            return "FailStateExited";
        } else if (state instanceof Model.Parallel) {
            return "ParallelStateExited";
        }
        return "MapStateExited";
    }
}
