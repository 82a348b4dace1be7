package dev.stratus.bus.internal;

import java.util.List;

/** A validated filter policy compiled into the disjunction of its {@code $or}-expanded sub-rules. */
public final class CompiledPolicy {
    private final SubRule[] subRules;
    private final int combinations;
    private final boolean bodyScope;

    CompiledPolicy(final List<SubRule> subRules, final int combinations, final boolean bodyScope) {
        this.subRules = subRules.toArray(new SubRule[0]);
        this.combinations = combinations;
        this.bodyScope = bodyScope;
    }

    public SubRule[] subRules() {
        return subRules;
    }

    /** The combination count SNS limits to 150. */
    public int combinations() {
        return combinations;
    }

    public boolean bodyScope() {
        return bodyScope;
    }

    /** Whether any sub-rule matches. */
    public boolean matches(final Fields fields) {
        for (SubRule subRule : subRules) {
            if (subRule.matches(fields)) {
                return true;
            }
        }
        return false;
    }
}
