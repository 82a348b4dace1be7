package dev.stratus.balancer;

/**
 * One registered target and its state, as DescribeTargetHealth reports it.
 *
 * @param targetGroup the group's name
 * @param target the target
 * @param index the index routing results use for this registration ({@link Balancer#target(int)})
 * @param state the current state
 */
public record TargetHealth(String targetGroup, Target target, int index, TargetState state) {
}
