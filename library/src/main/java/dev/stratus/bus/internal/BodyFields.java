package dev.stratus.bus.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.core.internal.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A JSON-object message body flattened as event-ruler flattens events: nested keys joined with dots, arrays crushed
 * into the values of their key, each value remembering which element of which array it came from.
 */
public final class BodyFields implements Fields {
    private static final int[] NO_MEMBERSHIP = new int[0];

    private final Map<String, FieldValue[]> values = new HashMap<>();
    private final Map<String, int[][]> memberships = new HashMap<>();
    private final boolean hasArrays;

    private BodyFields(final JsonNode root) {
        Map<String, List<FieldValue>> valueLists = new HashMap<>();
        Map<String, List<int[]>> membershipLists = new HashMap<>();
        int[] arrayIds = {0};
        flattenObject(root, "", NO_MEMBERSHIP, valueLists, membershipLists, arrayIds);
        for (Map.Entry<String, List<FieldValue>> entry : valueLists.entrySet()) {
            values.put(entry.getKey(), entry.getValue().toArray(new FieldValue[0]));
            List<int[]> pathMemberships = membershipLists.get(entry.getKey());
            boolean any = false;
            for (int[] membership : pathMemberships) {
                any |= membership.length > 0;
            }
            if (any) {
                memberships.put(entry.getKey(), pathMemberships.toArray(new int[0][]));
            }
        }
        this.hasArrays = arrayIds[0] > 0;
    }

    /** The fields of {@code body}, or null when it is not a JSON object (such a body never matches). */
    public static BodyFields parse(final String body) {
        JsonNode root;
        try {
            root = Json.parse(body);
        } catch (JsonProcessingException e) {
            return null;
        }
        return root != null && root.isObject() ? new BodyFields(root) : null;
    }

    private static void flattenObject(final JsonNode object, final String prefix, final int[] membership,
            final Map<String, List<FieldValue>> valueLists, final Map<String, List<int[]>> membershipLists,
            final int[] arrayIds) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            flattenValue(field.getValue(), prefix + field.getKey(), membership, valueLists, membershipLists, arrayIds);
        }
    }

    private static void flattenValue(final JsonNode value, final String path, final int[] membership,
            final Map<String, List<FieldValue>> valueLists, final Map<String, List<int[]>> membershipLists,
            final int[] arrayIds) {
        if (value.isObject()) {
            flattenObject(value, path + ".", membership, valueLists, membershipLists, arrayIds);
        } else if (value.isArray()) {
            int arrayId = ++arrayIds[0];
            for (int i = 0; i < value.size(); i++) {
                int[] inner = new int[membership.length + 2];
                System.arraycopy(membership, 0, inner, 0, membership.length);
                inner[membership.length] = arrayId;
                inner[membership.length + 1] = i;
                flattenValue(value.get(i), path, inner, valueLists, membershipLists, arrayIds);
            }
        } else {
            valueLists.computeIfAbsent(path, k -> new ArrayList<>()).add(leaf(value));
            membershipLists.computeIfAbsent(path, k -> new ArrayList<>()).add(membership);
        }
    }

    static FieldValue leaf(final JsonNode value) {
        if (value.isTextual()) {
            return FieldValue.string(value.textValue());
        }
        if (value.isNumber()) {
            return FieldValue.number(value.asText(), value.doubleValue());
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? FieldValue.TRUE_VALUE : FieldValue.FALSE_VALUE;
        }
        return FieldValue.NULL_VALUE;
    }

    @Override
    public FieldValue[] values(final String path) {
        return values.get(path);
    }

    @Override
    public int[][] memberships(final String path) {
        return memberships.get(path);
    }

    @Override
    public boolean hasArrays() {
        return hasArrays;
    }
}
