package dev.stratus.bus.internal;

import java.util.Arrays;
import java.util.List;

/**
 * One conjunction of a compiled policy after {@code $or} expansion: every slot (a dotted path with its OR-ed
 * conditions) must match, with fields from consistent array elements.
 */
public final class SubRule {
    final String[] paths;
    final Condition[][] conditions;
    final boolean[] absentMatches;

    SubRule(final List<String> paths, final List<Condition[]> conditions) {
        this.paths = paths.toArray(new String[0]);
        this.conditions = conditions.toArray(new Condition[0][]);
        this.absentMatches = new boolean[this.paths.length];
        for (int i = 0; i < this.paths.length; i++) {
            for (Condition condition : this.conditions[i]) {
                if (condition.matchesAbsent()) {
                    absentMatches[i] = true;
                }
            }
        }
    }

    public int slotCount() {
        return paths.length;
    }

    public String path(final int slot) {
        return paths[slot];
    }

    public Condition[] conditions(final int slot) {
        return conditions[slot];
    }

    public boolean absentMatches(final int slot) {
        return absentMatches[slot];
    }

    /** Whether the message satisfies every slot. */
    public boolean matches(final Fields fields) {
        if (fields.hasArrays()) {
            return matchesConsistently(fields);
        }
        for (int i = 0; i < paths.length; i++) {
            FieldValue[] values = fields.values(paths[i]);
            if (values == null) {
                if (!absentMatches[i]) {
                    return false;
                }
            } else if (!anyMatch(conditions[i], values)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyMatch(final Condition[] conditions, final FieldValue[] values) {
        for (FieldValue value : values) {
            for (Condition condition : conditions) {
                if (condition.matches(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean matchesConsistently(final Fields fields) {
        int[][] candidates = new int[paths.length][];
        for (int i = 0; i < paths.length; i++) {
            FieldValue[] values = fields.values(paths[i]);
            if (values == null) {
                if (!absentMatches[i]) {
                    return false;
                }
                continue;
            }
            int[] hits = new int[values.length];
            int count = 0;
            for (int v = 0; v < values.length; v++) {
                for (Condition condition : conditions[i]) {
                    if (condition.matches(values[v])) {
                        hits[count++] = v;
                        break;
                    }
                }
            }
            if (count == 0) {
                return false;
            }
            candidates[i] = Arrays.copyOf(hits, count);
        }
        int[][] chosen = new int[paths.length][];
        return choose(fields, candidates, chosen, 0);
    }

    private boolean choose(final Fields fields, final int[][] candidates, final int[][] chosen, final int slot) {
        if (slot == paths.length) {
            return true;
        }
        if (candidates[slot] == null) {
            chosen[slot] = null;
            return choose(fields, candidates, chosen, slot + 1);
        }
        int[][] memberships = fields.memberships(paths[slot]);
        for (int candidate : candidates[slot]) {
            int[] membership = memberships == null ? null : memberships[candidate];
            if (consistent(membership, chosen, slot)) {
                chosen[slot] = membership;
                if (choose(fields, candidates, chosen, slot + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean consistent(final int[] membership, final int[][] chosen, final int upTo) {
        if (membership == null) {
            return true;
        }
        for (int s = 0; s < upTo; s++) {
            int[] other = chosen[s];
            if (other == null) {
                continue;
            }
            for (int a = 0; a < membership.length; a += 2) {
                for (int b = 0; b < other.length; b += 2) {
                    if (membership[a] == other[b] && membership[a + 1] != other[b + 1]) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("SubRule[");
        for (int i = 0; i < paths.length; i++) {
            text.append(i == 0 ? "" : ", ").append(paths[i]).append('=').append(Arrays.toString(conditions[i]));
        }
        return text.append(']').toString();
    }
}
