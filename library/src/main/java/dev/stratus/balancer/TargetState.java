package dev.stratus.balancer;

/** A registered target's state, as DescribeTargetHealth reports it. */
public enum TargetState {
    /** Registered; health checks have not yet passed the healthy threshold. */
    INITIAL("initial"),
    /** Passing health checks; receives new flows. */
    HEALTHY("healthy"),
    /** Failing health checks; receives no new flows (unless the group fails open). */
    UNHEALTHY("unhealthy"),
    /** Just failed; keeps its existing flows for the draining interval, then becomes unhealthy. */
    UNHEALTHY_DRAINING("unhealthy.draining"),
    /** Deregistered; existing flows continue until the deregistration delay ends. */
    DRAINING("draining"),
    /** Registered but not in use: its zone is not enabled or its group is on no listener. */
    UNUSED("unused");

    private final String awsName;

    TargetState(final String awsName) {
        this.awsName = awsName;
    }

    /** The state's name in AWS's API, e.g. {@code unhealthy.draining}. */
    public String awsName() {
        return awsName;
    }
}
