package dev.stratus.states;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stratus.core.internal.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The part every definition builder shares: an ASL JSON object filled in call order, the generic {@link #field}
 * escape, and the conversions of the typed setters. Values are copied in, so a builder never aliases caller data.
 *
 * @param <S> the concrete builder, returned by every setter
 */
abstract class JsonBuilder<S extends JsonBuilder<S>> {
    private static final JsonNodeFactory NODES = Json.MAPPER.getNodeFactory();

    final ObjectNode json = Json.MAPPER.createObjectNode();

    JsonBuilder() {
    }

    /**
     * Sets any ASL field to a JSON value, for fields that have no typed setter (such as one AWS adds later); the
     * value is copied and checked on {@code build()} like every other field. Setting a field again replaces it.
     *
     * @throws NullPointerException if an argument is null (use {@code NullNode} for a JSON null)
     */
    public S field(final String name, final JsonNode value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        return set(name, value.deepCopy());
    }

    @SuppressWarnings("unchecked")
    final S set(final String name, final JsonNode value) {
        json.set(name, value);
        return (S) this;
    }

    final S text(final String name, final String value) {
        return set(name, TextNode.valueOf(Objects.requireNonNull(value, parameter(name))));
    }

    /** A JSONPath field where ASL gives null a meaning (discard the input or result): null stays null. */
    final S path(final String name, final String value) {
        return set(name, value == null ? NullNode.getInstance() : TextNode.valueOf(value));
    }

    final S number(final String name, final long value) {
        return set(name, integer(value));
    }

    final S number(final String name, final double value) {
        return set(name, decimal(value));
    }

    final S json(final String name, final JsonNode value) {
        return set(name, Objects.requireNonNull(value, parameter(name)).deepCopy());
    }

    final S json(final String name, final String value) {
        return set(name, parse(parameter(name), value));
    }

    /** The setter's parameter for an ASL field, as exceptions name it: {@code StartAt} is {@code startAt}. */
    private static String parameter(final String field) {
        return Character.toLowerCase(field.charAt(0)) + field.substring(1);
    }

    /** This builder's JSON as it stands, a private copy. */
    ObjectNode toJson() {
        return json.deepCopy();
    }

    /**
     * JSON text for a JSON-valued field; a whole JSONata expression {@code {% ... %}} (never valid JSON) is taken as
     * the string it is written as in ASL, so {@code output("{% $x %}")} needs no quotes.
     */
    static JsonNode parse(final String field, final String value) {
        Objects.requireNonNull(value, field);
        String trimmed = value.strip();
        if (trimmed.startsWith("{%") && trimmed.endsWith("%}")) {
            return TextNode.valueOf(value);
        }
        try {
            return Json.parse(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(field + " is not JSON: " + e.getOriginalMessage() + ": " + field + "="
                    + value, e);
        }
    }

    /** A JSON number for a Java one, in the form the definition parser gives it (decimals stay exact). */
    static JsonNode numberNode(final Number value) {
        Objects.requireNonNull(value, "value");
        if (value instanceof BigDecimal) {
            return NODES.numberNode((BigDecimal) value);
        }
        if (value instanceof BigInteger) {
            return NODES.numberNode((BigInteger) value);
        }
        if (value instanceof Double || value instanceof Float) {
            return decimal(value.doubleValue());
        }
        return integer(value.longValue());
    }

    /** The parser reads an integer into the smallest node that holds it; so do we, for structural equality. */
    private static JsonNode integer(final long value) {
        return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
    }

    private static JsonNode decimal(final double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("JSON has no such number: value=" + value);
        }
        return NODES.numberNode(BigDecimal.valueOf(value));
    }
}
