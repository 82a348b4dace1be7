package dev.stratus.bus.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.core.internal.Json;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A JSON-object message body flattened as event-ruler flattens events: nested keys joined with dots, arrays crushed
 * into the values of their key, each value remembering which element of which array it came from. Read with
 * Jackson's streaming parser in one pass, without building a tree.
 */
public final class BodyFields implements Fields {
    private static final int[] NO_MEMBERSHIP = new int[0];

    private static final class Path {
        FieldValue[] values = new FieldValue[2];
        int[][] memberships = new int[2][];
        int count;
        boolean inArray;

        void add(final FieldValue value, final int[] membership) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
                memberships = Arrays.copyOf(memberships, count * 2);
            }
            values[count] = value;
            memberships[count] = membership;
            count++;
            inArray |= membership.length > 0;
        }

        void trim() {
            if (count != values.length) {
                values = Arrays.copyOf(values, count);
                memberships = Arrays.copyOf(memberships, count);
            }
        }
    }

    private final Map<String, Path> paths = new HashMap<>();
    private int arrays;

    private BodyFields() {
    }

    /** The fields of {@code body}, or null when it is not a JSON object (such a body never matches). */
    public static BodyFields parse(final String body) {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            BodyFields fields = new BodyFields();
            fields.readObject(parser, "", NO_MEMBERSHIP);
            if (parser.nextToken() != null) {
                return null;
            }
            for (Path path : fields.paths.values()) {
                path.trim();
            }
            return fields;
        } catch (IOException e) {
            return null;
        }
    }

    private void readObject(final JsonParser parser, final String prefix, final int[] membership)
            throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String path = prefix.isEmpty() ? name : prefix + name;
            readValue(parser, parser.nextToken(), path, membership);
        }
    }

    private void readValue(final JsonParser parser, final JsonToken token, final String path, final int[] membership)
            throws IOException {
        switch (token) {
            case START_OBJECT -> readObject(parser, path + ".", membership);
            case START_ARRAY -> {
                int arrayId = ++arrays;
                int index = 0;
                JsonToken element;
                while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                    int[] inner = Arrays.copyOf(membership, membership.length + 2);
                    inner[membership.length] = arrayId;
                    inner[membership.length + 1] = index++;
                    readValue(parser, element, path, inner);
                }
            }
            case VALUE_STRING -> add(path, FieldValue.string(parser.getText()), membership);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                    add(path, FieldValue.number(parser.getText(), parser.getDoubleValue()), membership);
            case VALUE_TRUE -> add(path, FieldValue.TRUE_VALUE, membership);
            case VALUE_FALSE -> add(path, FieldValue.FALSE_VALUE, membership);
            case VALUE_NULL -> add(path, FieldValue.NULL_VALUE, membership);
            default -> throw new IOException("unexpected token " + token);
        }
    }

    private void add(final String path, final FieldValue value, final int[] membership) {
        paths.computeIfAbsent(path, k -> new Path()).add(value, membership);
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
        Path entry = paths.get(path);
        return entry == null ? null : entry.values;
    }

    @Override
    public int[][] memberships(final String path) {
        Path entry = paths.get(path);
        return entry == null || !entry.inArray ? null : entry.memberships;
    }

    @Override
    public boolean hasArrays() {
        return arrays > 0;
    }
}
