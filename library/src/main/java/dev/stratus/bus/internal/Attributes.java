package dev.stratus.bus.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.bus.MessageAttribute;
import dev.stratus.core.StratusException;
import dev.stratus.core.internal.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** AWS's rules for message attribute names and values, and the attribute view filter policies match against. */
public final class Attributes {
    private static final BigDecimal NUMBER_LIMIT = BigDecimal.valueOf(1_000_000_000L);
    private static final int NUMBER_SCALE = 5;

    private Attributes() {
    }

    /**
     * Checks every attribute and returns their size in bytes (names, types and values), which counts toward the
     * message size limit.
     *
     * @throws StratusException {@code InvalidParameterValue} naming the attribute
     */
    public static int validate(final Map<String, MessageAttribute> attributes) {
        int size = 0;
        for (Map.Entry<String, MessageAttribute> entry : attributes.entrySet()) {
            String name = entry.getKey();
            MessageAttribute attribute = entry.getValue();
            checkName(name);
            checkValue(name, attribute);
            size += utf8Length(name) + utf8Length(attribute.dataType());
            size += attribute.stringValue() != null ? utf8Length(attribute.stringValue())
                    : attribute.binaryValue().length;
        }
        return size;
    }

    static void checkName(final String name) {
        if (name.isEmpty() || utf8Length(name) > 256) {
            throw invalid("Length of message attribute name must be less than 256 bytes.");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '_' || c == '-' || c == '.';
            if (!allowed) {
                throw invalid("Invalid non-alphanumeric character '#x" + Integer.toHexString(name.codePointAt(i))
                        .toUpperCase(java.util.Locale.ROOT) + "' was found in the message attribute name. Can only "
                        + "include alphanumeric characters, hyphens, underscores, or dots.");
            }
        }
        if (name.startsWith(".")) {
            throw invalid("Invalid message attribute name starting with character '.' was found.");
        }
        if (name.endsWith(".")) {
            throw invalid("Invalid message attribute name ending with character '.' was found.");
        }
        if (name.contains("..")) {
            throw invalid("Message attribute name can not have successive '.' character.");
        }
        if (name.regionMatches(true, 0, "AWS.", 0, 4) || name.regionMatches(true, 0, "Amazon.", 0, 7)) {
            throw invalid("Message attribute name '" + name + "' is reserved: names must not start with "
                    + "'AWS.' or 'Amazon.'.");
        }
    }

    private static void checkValue(final String name, final MessageAttribute attribute) {
        String type = attribute.dataType();
        String base = attribute.baseType();
        boolean knownBase = base.equals("String") || base.equals("String.Array") || base.equals("Number")
                || base.equals("Binary");
        if (!knownBase || type.endsWith(".") || type.length() > 256) {
            throw invalid("The message attribute '" + name + "' has an invalid message attribute type, the set of "
                    + "supported type prefixes is Binary, Number, and String.");
        }
        boolean binary = base.equals("Binary");
        boolean empty = binary ? attribute.binaryValue() == null || attribute.binaryValue().length == 0
                : attribute.stringValue() == null || attribute.stringValue().isEmpty();
        if (empty) {
            throw invalid("The message attribute '" + name + "' must contain non-empty message attribute value for "
                    + "message attribute type '" + base + "'.");
        }
        if (base.equals("Number")) {
            BigDecimal number;
            try {
                number = new BigDecimal(attribute.stringValue().trim());
            } catch (NumberFormatException e) {
                throw invalid("Could not cast message attribute '" + name + "' value to number.");
            }
            if (number.abs().compareTo(NUMBER_LIMIT) > 0 || number.stripTrailingZeros().scale() > NUMBER_SCALE) {
                throw invalid("The message attribute '" + name + "' with type 'Number' must be between -1000000000 "
                        + "and 1000000000 with at most 5 decimal places: value=" + attribute.stringValue());
            }
        } else if (base.equals("String") || base.equals("String.Array")) {
            // a String.Array that is not a JSON array is carried but matches no policy, as LocalStack records it
            checkUtf16(name, attribute.stringValue());
        }
    }

    private static void checkUtf16(final String name, final String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    throw invalid("The message attribute '" + name + "' contains an invalid character: "
                            + "an unpaired surrogate at index " + i);
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw invalid("The message attribute '" + name + "' contains an invalid character: "
                        + "an unpaired surrogate at index " + i);
            }
        }
    }

    private static JsonNode parseArray(final String text) {
        try {
            JsonNode node = Json.parse(text);
            if (node == null || !node.isArray()) {
                return null;
            }
            for (JsonNode element : node) {
                if (element.isContainerNode()) {
                    return null;
                }
            }
            return node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The values filter policies see for one attribute, or null for a Binary attribute (ignored by filtering). */
    public static FieldValue[] fieldValues(final MessageAttribute attribute) {
        String base = attribute.baseType();
        switch (base) {
            case "String":
                return new FieldValue[] {FieldValue.string(attribute.stringValue())};
            case "Number": {
                String text = attribute.stringValue().trim();
                return new FieldValue[] {FieldValue.number(text, Double.parseDouble(text))};
            }
            case "String.Array": {
                JsonNode array = parseArray(attribute.stringValue());
                if (array == null) {
                    return null;
                }
                List<FieldValue> values = new ArrayList<>(array.size());
                for (JsonNode element : array) {
                    values.add(BodyFields.leaf(element));
                }
                return values.toArray(new FieldValue[0]);
            }
            default:
                return null;
        }
    }

    /** The attribute-scope view of a message's attributes (validated already). */
    public static Fields fields(final Map<String, MessageAttribute> attributes) {
        if (attributes.isEmpty()) {
            return EMPTY;
        }
        String[] names = new String[attributes.size()];
        FieldValue[][] values = new FieldValue[attributes.size()][];
        int count = 0;
        for (Map.Entry<String, MessageAttribute> entry : attributes.entrySet()) {
            FieldValue[] fieldValues = fieldValues(entry.getValue());
            if (fieldValues != null && fieldValues.length > 0) {
                names[count] = entry.getKey();
                values[count] = fieldValues;
                count++;
            }
        }
        if (count > 16) {
            Map<String, FieldValue[]> byName = new HashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                byName.put(names[i], values[i]);
            }
            return byName::get;
        }
        int size = count;
        // a handful of attributes: a linear scan beats hashing and allocates nothing per lookup
        return path -> {
            for (int i = 0; i < size; i++) {
                if (names[i].equals(path)) {
                    return values[i];
                }
            }
            return null;
        };
    }

    private static final Fields EMPTY = path -> null;

    private static int utf8Length(final String text) {
        return Utf8.length(text);
    }

    private static StratusException invalid(final String message) {
        return new StratusException("InvalidParameterValue", message);
    }
}
