package dev.stratus.bus.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The filter policies of all subscriptions of a topic in one scope, indexed so that matching costs grow with the
 * message's fields, not with the number of subscriptions. Each sub-rule is anchored on one slot: an exact-string
 * slot is indexed by path and value, any other present-only slot is scanned when its path is present, and rules
 * that an empty message can satisfy are always checked. Candidates are then verified in full.
 *
 * <p>Immutable; a topic rebuilds it when subscriptions change and publishes read it without locks.
 */
public final class FilterIndex {
    private final int subscriptionCount;
    private final int[] unfiltered;
    private final SubRule[] rules;
    private final int[] ruleOwner;
    private final String[] exactPaths;
    private final List<Map<String, int[]>> exactByPath;
    private final String[] scanPaths;
    private final int[][] scanRules;
    private final int[] alwaysRules;

    /**
     * Indexes {@code policies}, one per subscription (null for a subscription without a policy, which gets every
     * message; use {@code skip} for subscriptions that belong to the other scope).
     */
    public FilterIndex(final CompiledPolicy[] policies, final boolean[] skip) {
        this.subscriptionCount = policies.length;
        List<Integer> unfilteredList = new ArrayList<>();
        List<SubRule> ruleList = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        Map<String, Map<String, List<Integer>>> exact = new HashMap<>();
        Map<String, List<Integer>> scan = new HashMap<>();
        List<Integer> always = new ArrayList<>();
        Map<String, Integer> valueFrequency = frequencies(policies, skip);
        for (int s = 0; s < policies.length; s++) {
            if (skip[s]) {
                continue;
            }
            if (policies[s] == null) {
                unfilteredList.add(s);
                continue;
            }
            for (SubRule rule : policies[s].subRules()) {
                int ruleIndex = ruleList.size();
                ruleList.add(rule);
                owners.add(s);
                int anchor = exactAnchor(rule, valueFrequency);
                if (anchor >= 0) {
                    Map<String, List<Integer>> byValue = exact.computeIfAbsent(rule.path(anchor), k -> new HashMap<>());
                    for (Condition condition : rule.conditions(anchor)) {
                        byValue.computeIfAbsent(((Condition.ExactString) condition).text(), k -> new ArrayList<>())
                                .add(ruleIndex);
                    }
                    continue;
                }
                int present = presentAnchor(rule);
                if (present >= 0) {
                    scan.computeIfAbsent(rule.path(present), k -> new ArrayList<>()).add(ruleIndex);
                } else {
                    always.add(ruleIndex);
                }
            }
        }
        this.unfiltered = toArray(unfilteredList);
        this.rules = ruleList.toArray(new SubRule[0]);
        this.ruleOwner = toArray(owners);
        this.exactPaths = exact.keySet().toArray(new String[0]);
        this.exactByPath = new ArrayList<>(exactPaths.length);
        for (int p = 0; p < exactPaths.length; p++) {
            Map<String, int[]> byValue = new HashMap<>();
            for (Map.Entry<String, List<Integer>> entry : exact.get(exactPaths[p]).entrySet()) {
                byValue.put(entry.getKey(), toArray(entry.getValue()));
            }
            exactByPath.add(byValue);
        }
        this.scanPaths = scan.keySet().toArray(new String[0]);
        this.scanRules = new int[scanPaths.length][];
        for (int p = 0; p < scanPaths.length; p++) {
            scanRules[p] = toArray(scan.get(scanPaths[p]));
        }
        this.alwaysRules = toArray(always);
    }

    /** How many rules name each exact (path, value), so anchors go to the most selective slot. */
    private static Map<String, Integer> frequencies(final CompiledPolicy[] policies, final boolean[] skip) {
        Map<String, Integer> frequency = new HashMap<>();
        for (int s = 0; s < policies.length; s++) {
            if (skip[s] || policies[s] == null) {
                continue;
            }
            for (SubRule rule : policies[s].subRules()) {
                for (int slot = 0; slot < rule.slotCount(); slot++) {
                    for (Condition condition : rule.conditions(slot)) {
                        if (condition instanceof Condition.ExactString exact) {
                            frequency.merge(rule.path(slot) + '\u0000' + exact.text(), 1, Integer::sum);
                        }
                    }
                }
            }
        }
        return frequency;
    }

    private static int exactAnchor(final SubRule rule, final Map<String, Integer> frequency) {
        int best = -1;
        long bestCost = Long.MAX_VALUE;
        for (int slot = 0; slot < rule.slotCount(); slot++) {
            boolean allExact = !rule.absentMatches(slot);
            long cost = 0;
            for (Condition condition : rule.conditions(slot)) {
                if (condition instanceof Condition.ExactString exact) {
                    cost += frequency.getOrDefault(rule.path(slot) + '\u0000' + exact.text(), 1);
                } else {
                    allExact = false;
                }
            }
            if (allExact && cost < bestCost) {
                best = slot;
                bestCost = cost;
            }
        }
        return best;
    }

    private static int presentAnchor(final SubRule rule) {
        for (int slot = 0; slot < rule.slotCount(); slot++) {
            if (!rule.absentMatches(slot)) {
                return slot;
            }
        }
        return -1;
    }

    private static int[] toArray(final List<Integer> list) {
        int[] array = new int[list.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = list.get(i);
        }
        return array;
    }

    /** Whether no subscription in this scope has a policy or is indexed at all. */
    public boolean isEmpty() {
        return unfiltered.length == 0 && rules.length == 0;
    }

    /** A bit set sized for this index's subscriptions. */
    public long[] newMatchSet() {
        return new long[(subscriptionCount + 63) >>> 6];
    }

    /** Sets, in {@code matched}, the bit of every subscription whose policy matches {@code fields}. */
    public void match(final Fields fields, final long[] matched) {
        for (int s : unfiltered) {
            matched[s >>> 6] |= 1L << s;
        }
        if (fields == null) {
            return;
        }
        for (int p = 0; p < exactPaths.length; p++) {
            FieldValue[] values = fields.values(exactPaths[p]);
            if (values == null) {
                continue;
            }
            Map<String, int[]> byValue = exactByPath.get(p);
            for (FieldValue value : values) {
                if (value.kind != FieldValue.STRING) {
                    continue;
                }
                int[] candidates = byValue.get(value.text);
                if (candidates != null) {
                    verify(candidates, fields, matched);
                }
            }
        }
        for (int p = 0; p < scanPaths.length; p++) {
            if (fields.values(scanPaths[p]) != null) {
                verify(scanRules[p], fields, matched);
            }
        }
        verify(alwaysRules, fields, matched);
    }

    private void verify(final int[] candidates, final Fields fields, final long[] matched) {
        for (int r : candidates) {
            int owner = ruleOwner[r];
            if ((matched[owner >>> 6] & (1L << owner)) == 0 && rules[r].matches(fields)) {
                matched[owner >>> 6] |= 1L << owner;
            }
        }
    }
}
