package dev.stratus.states;

/** The status of an execution, as DescribeExecution reports it. */
public enum ExecutionStatus {
    /** Still running (possibly waiting on the clock, a task or a callback). */
    RUNNING,
    /** Finished with an output. */
    SUCCEEDED,
    /** Finished with an error and cause. */
    FAILED,
    /** Ran longer than the machine's TimeoutSeconds. */
    TIMED_OUT,
    /** Stopped by {@link Execution#stop(String, String)}. */
    ABORTED
}
