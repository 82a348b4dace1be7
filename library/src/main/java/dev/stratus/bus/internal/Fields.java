package dev.stratus.bus.internal;

/**
 * A message seen as flattened fields: for each dotted path, its leaf values. Body fields inside arrays also carry
 * their array memberships, so a rule only matches fields taken from the same array element (event-ruler's array
 * consistency).
 */
public interface Fields {

    /** The leaf values at {@code path}, or null when the message has none. */
    FieldValue[] values(String path);

    /**
     * For each value of {@link #values(String)}, the arrays it sits in as pairs {@code [arrayId, index, ...]}, or null
     * when no value at this path sits in an array.
     */
    default int[][] memberships(final String path) {
        return null;
    }

    /** Whether any value of the message sits in an array; if not, array consistency cannot fail. */
    default boolean hasArrays() {
        return false;
    }
}
