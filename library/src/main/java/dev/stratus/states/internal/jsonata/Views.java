package dev.stratus.states.internal.jsonata;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Our JSON as the engine's values without copying: objects as read-only {@link Map} views, arrays as read-only
 * {@link List} views, scalars as Java values; and back: an unchanged view returns the node it wraps.
 */
final class Views {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Views() {
    }

    /** The engine's value for a JSON node. */
    static Object of(final JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT:
                return new ObjectView((ObjectNode) node);
            case ARRAY:
                return new ArrayView((ArrayNode) node);
            case STRING:
                return node.textValue();
            case BOOLEAN:
                return node.booleanValue();
            case NUMBER:
                if (node.isIntegralNumber()) {
                    return node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
                }
                return node.doubleValue();
            default:
                return Jsonata.NULL_VALUE;
        }
    }

    /** A JSON node for an engine value; null when the value (or a part of it) is not JSON, e.g. a function. */
    static JsonNode toJson(final Object value) {
        if (value == null || value == Jsonata.NULL_VALUE) {
            return NODES.nullNode();
        }
        if (value instanceof ObjectView v) {
            return v.node;
        }
        if (value instanceof ArrayView v) {
            return v.node;
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Number n) {
            return number(n);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode out = NODES.objectNode();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                JsonNode v = toJson(e.getValue());
                if (v == null) {
                    return null;
                }
                out.set(String.valueOf(e.getKey()), v);
            }
            return out;
        }
        if (value instanceof List<?> list) {
            ArrayNode out = NODES.arrayNode(list.size());
            for (Object item : list) {
                JsonNode v = toJson(item);
                if (v == null) {
                    return null;
                }
                out.add(v);
            }
            return out;
        }
        return null;
    }

    private static JsonNode number(final Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return integral(n.longValue());
        }
        if (n instanceof BigInteger b) {
            return NODES.numberNode(b);
        }
        if (n instanceof BigDecimal b) {
            return NODES.numberNode(b);
        }
        double d = n.doubleValue();
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return integral((long) d);
        }
        // as our parser reads fractions (big decimals), shortest form
        return Double.isFinite(d) ? NODES.numberNode(BigDecimal.valueOf(d)) : NODES.numberNode(d);
    }

    /** As Jackson parses integers: an int node when it fits, so that equal values are equal nodes. */
    private static JsonNode integral(final long v) {
        return v == (int) v ? NODES.numberNode((int) v) : NODES.numberNode(v);
    }

    private static final class ObjectView extends AbstractMap<String, Object> {
        final ObjectNode node;

        ObjectView(final ObjectNode node) {
            this.node = node;
        }

        @Override
        public Object get(final Object key) {
            JsonNode v = key instanceof String s ? node.get(s) : null;
            return v == null ? null : of(v);
        }

        @Override
        public boolean containsKey(final Object key) {
            return key instanceof String s && node.has(s);
        }

        @Override
        public int size() {
            return node.size();
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, Object>> iterator() {
                    Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return it.hasNext();
                        }

                        @Override
                        public Map.Entry<String, Object> next() {
                            Map.Entry<String, JsonNode> e = it.next();
                            return new SimpleImmutableEntry<>(e.getKey(), of(e.getValue()));
                        }
                    };
                }

                @Override
                public int size() {
                    return node.size();
                }
            };
        }
    }

    private static final class ArrayView extends AbstractList<Object> {
        final ArrayNode node;

        ArrayView(final ArrayNode node) {
            this.node = node;
        }

        @Override
        public Object get(final int index) {
            return of(node.get(index));
        }

        @Override
        public int size() {
            return node.size();
        }
    }
}
