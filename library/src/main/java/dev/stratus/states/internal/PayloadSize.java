package dev.stratus.states.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The size of a state's output for the 256 KiB payload limit, counted from the size of the state's input: JSON
 * values are shared, not copied (ResultPath rebuilds only the objects along its path), so only the parts of the
 * output that are not the input's own subtrees are walked. A transition then costs O(path), not O(payload).
 */
final class PayloadSize {
    /** Below this depth the diff recurses; deeper differences are measured whole. */
    private static final int MAX_DIFF_DEPTH = 64;

    private PayloadSize() {
    }

    /**
     * The UTF-8 size of {@code out}'s compact JSON text.
     *
     * @param rawSize the size of {@code raw}, or -1 if unknown (then {@code out} is measured whole)
     */
    static long of(final JsonNode out, final JsonNode raw, final long rawSize) {
        if (out == raw && rawSize >= 0) {
            return rawSize;
        }
        if (rawSize < 0 || !shares(out, raw)) {
            return Values.jsonSize(out, Integer.MAX_VALUE);
        }
        return rawSize + delta(out, raw, 0);
    }

    /** Whether a container holds one of the other's children at the same key or index. */
    private static boolean shares(final JsonNode a, final JsonNode b) {
        if (a.isObject() && b.isObject()) {
            FieldMap fa = FieldNode.fieldsOf(a);
            FieldMap fb = FieldNode.fieldsOf(b);
            if (fa != null && fb != null && fa.sameKeys(fb)) {
                for (int i = 0; i < fa.size(); i++) {
                    if (fa.valueAt(i) == fb.valueAt(i)) {
                        return true;
                    }
                }
                return false;
            }
            for (Map.Entry<String, JsonNode> e : a.properties()) {
                if (b.get(e.getKey()) == e.getValue()) {
                    return true;
                }
            }
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i) == b.get(i)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** size(a) - size(b), walking only where they differ. */
    private static long delta(final JsonNode a, final JsonNode b, final int depth) {
        if (a == b) {
            return 0;
        }
        if (depth < MAX_DIFF_DEPTH && a.isObject() && b.isObject()) {
            FieldMap fa = FieldNode.fieldsOf(a);
            FieldMap fb = FieldNode.fieldsOf(b);
            if (fa != null && fb != null && fa.sameKeys(fb)) {
                long d = 0;
                for (int i = 0; i < fa.size(); i++) {
                    d += delta(fa.valueAt(i), fb.valueAt(i), depth + 1);
                }
                return d;
            }
            long d = separators(a.size()) - separators(b.size());
            int common = 0;
            for (Map.Entry<String, JsonNode> e : a.properties()) {
                JsonNode old = b.get(e.getKey());
                if (old == null) {
                    d += Values.stringSize(e.getKey()) + 1 + size(e.getValue());
                } else {
                    common++;
                    d += delta(e.getValue(), old, depth + 1);
                }
            }
            if (common < b.size()) {
                for (Map.Entry<String, JsonNode> e : b.properties()) {
                    if (a.get(e.getKey()) == null) {
                        d -= Values.stringSize(e.getKey()) + 1 + size(e.getValue());
                    }
                }
            }
            return d;
        }
        if (depth < MAX_DIFF_DEPTH && a.isArray() && b.isArray() && a.size() == b.size()) {
            long d = 0;
            for (int i = 0; i < a.size(); i++) {
                d += delta(a.get(i), b.get(i), depth + 1);
            }
            return d;
        }
        return size(a) - size(b);
    }

    private static long separators(final int fields) {
        return 2 + Math.max(0, fields - 1);
    }

    private static long size(final JsonNode node) {
        return Values.jsonSize(node, Integer.MAX_VALUE);
    }
}
