package dev.stratus.bus;

import java.util.Arrays;
import java.util.Objects;

/**
 * A typed message attribute as SNS and SQS carry it: {@code String}, {@code String.Array} (a JSON array in a
 * string), {@code Number} or {@code Binary}, optionally with a custom label after the type ({@code Number.float}).
 * Values are checked against AWS's rules when published or sent, where the attribute's name is known.
 *
 * @param dataType the type, e.g. {@code String}
 * @param stringValue the value of String, String.Array and Number attributes, otherwise null
 * @param binaryValue the value of Binary attributes, otherwise null
 */
public record MessageAttribute(String dataType, String stringValue, byte[] binaryValue) {

    /**
     * Checks that the type is present and that exactly the matching value is set.
     *
     * @throws NullPointerException if {@code dataType} is null
     */
    public MessageAttribute {
        Objects.requireNonNull(dataType, "dataType");
        binaryValue = binaryValue == null ? null : binaryValue.clone();
    }

    /** A {@code String} attribute. */
    public static MessageAttribute string(final String value) {
        return new MessageAttribute("String", Objects.requireNonNull(value, "value"), null);
    }

    /** A {@code Number} attribute, e.g. {@code "42"} or {@code "-1.5"}. */
    public static MessageAttribute number(final String value) {
        return new MessageAttribute("Number", Objects.requireNonNull(value, "value"), null);
    }

    /** A {@code Number} attribute from a Java number. */
    public static MessageAttribute number(final Number value) {
        return number(Objects.requireNonNull(value, "value").toString());
    }

    /** A {@code String.Array} attribute holding a JSON array, e.g. {@code "[\"a\", 1, true]"}. */
    public static MessageAttribute stringArray(final String jsonArray) {
        return new MessageAttribute("String.Array", Objects.requireNonNull(jsonArray, "jsonArray"), null);
    }

    /** A {@code Binary} attribute; carried, but ignored by filter policies. */
    public static MessageAttribute binary(final byte[] value) {
        return new MessageAttribute("Binary", null, Objects.requireNonNull(value, "value"));
    }

    /** The binary value, copied. */
    @Override
    public byte[] binaryValue() {
        return binaryValue == null ? null : binaryValue.clone();
    }

    /** The base type without a custom label: {@code String}, {@code String.Array}, {@code Number}, {@code Binary}. */
    public String baseType() {
        if (dataType.equals("String.Array")) {
            return dataType;
        }
        int dot = dataType.indexOf('.');
        return dot < 0 ? dataType : dataType.substring(0, dot);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof MessageAttribute that && dataType.equals(that.dataType)
                && Objects.equals(stringValue, that.stringValue) && Arrays.equals(binaryValue, that.binaryValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataType, stringValue, Arrays.hashCode(binaryValue));
    }

    @Override
    public String toString() {
        return dataType + "=" + (binaryValue != null ? "<" + binaryValue.length + " bytes>" : stringValue);
    }
}
