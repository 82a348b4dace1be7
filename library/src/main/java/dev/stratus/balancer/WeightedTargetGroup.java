package dev.stratus.balancer;

import dev.stratus.core.internal.Checks;

/**
 * One target group of a listener's forward action, with its weight (0-999), for blue/green and canary splits.
 *
 * @param targetGroup the group's name
 * @param weight its share of new flows relative to the other groups of the action
 */
public record WeightedTargetGroup(String targetGroup, int weight) {

    /**
     * Validates both fields.
     *
     * @throws IllegalArgumentException if the name is empty or the weight is outside 0-999
     */
    public WeightedTargetGroup {
        Checks.notEmpty(targetGroup, "targetGroup");
        Checks.inRange(weight, 0, 999, "weight");
    }
}
