package dev.stratus.states.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.internal.Json;
import java.util.function.Supplier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A compiled payload template (Parameters, ResultSelector, ItemSelector): keys ending in {@code .$} take a path, a
 * context path or an intrinsic; everything else is copied. Output keeps the template's key order.
 */
public final class Template {
    private final Node root;

    private Template(final Node root) {
        this.root = root;
    }

    /**
     * Compiles a template.
     *
     * @throws IllegalArgumentException naming the field when a {@code .$} value is not a path or intrinsic
     */
    public static Template compile(final JsonNode template, final String field) {
        return new Template(node(template, field));
    }

    /** Applies the template to an effective input and the context object. */
    public JsonNode apply(final JsonNode input, final Supplier<JsonNode> context, final Intrinsic.EvalContext env) {
        return root.apply(input, context, env);
    }

    private interface Node {
        JsonNode apply(JsonNode input, Supplier<JsonNode> context, Intrinsic.EvalContext env);
    }

    private record Constant(JsonNode value) implements Node {
        @Override
        public JsonNode apply(final JsonNode input, final Supplier<JsonNode> context, final Intrinsic.EvalContext env) {
            return value;
        }
    }

    private record Entry(String key, Node value) {
    }

    private record Obj(List<Entry> entries) implements Node {
        @Override
        public JsonNode apply(final JsonNode input, final Supplier<JsonNode> context, final Intrinsic.EvalContext env) {
            ObjectNode out = Values.NODES.objectNode();
            for (Entry e : entries) {
                out.set(e.key(), e.value().apply(input, context, env));
            }
            return out;
        }
    }

    /**
     * An object template whose output keys are distinct (the usual case): every output shares one key array and
     * fills a value array, with no hash table built per application.
     */
    private static final class DistinctKeys implements Node {
        private final String[] keys;
        private final Node[] values;

        DistinctKeys(final List<Entry> entries) {
            // interned as Jackson interns parsed field names: a handler's get("literal") matches by identity
            keys = entries.stream().map(e -> e.key().intern()).toArray(String[]::new);
            values = entries.stream().map(Entry::value).toArray(Node[]::new);
        }

        @Override
        public JsonNode apply(final JsonNode input, final Supplier<JsonNode> context, final Intrinsic.EvalContext env) {
            JsonNode[] out = new JsonNode[values.length];
            for (int i = 0; i < out.length; i++) {
                Node value = values[i];
                // constants without a call through the interface (most templates mix constants and paths)
                out[i] = value instanceof Constant c ? c.value() : value.apply(input, context, env);
            }
            return new FieldNode(FieldMap.over(keys, out));
        }
    }

    private record Arr(List<Node> items) implements Node {
        @Override
        public JsonNode apply(final JsonNode input, final Supplier<JsonNode> context, final Intrinsic.EvalContext env) {
            ArrayNode out = Values.NODES.arrayNode(items.size());
            for (Node n : items) {
                out.add(n.apply(input, context, env));
            }
            return out;
        }
    }

    private record PathValue(JsonPath path, String field) implements Node {
        @Override
        public JsonNode apply(final JsonNode input, final Supplier<JsonNode> context, final Intrinsic.EvalContext env) {
            JsonNode v = path.read(input, context);
            if (v == null) {
                throw AslError.runtime("The JSONPath '" + path.text() + "' specified for the field '" + field
                        + "' could not be found in the input '" + Json.write(input) + "'");
            }
            return v;
        }
    }

    private record Call(Intrinsic intrinsic) implements Node {
        @Override
        public JsonNode apply(final JsonNode input, final Supplier<JsonNode> context, final Intrinsic.EvalContext env) {
            return intrinsic.evaluate(input, context, env);
        }
    }

    private static Node node(final JsonNode template, final String field) {
        if (template.isObject()) {
            boolean dynamic = false;
            List<Entry> entries = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : template.properties()) {
                String key = e.getKey();
                if (key.endsWith(".$")) {
                    dynamic = true;
                    if (!e.getValue().isTextual()) {
                        throw new IllegalArgumentException("The value of field '" + key
                                + "' must be a path or an intrinsic function: " + field + "=" + e.getValue());
                    }
                    String text = e.getValue().asText();
                    Node value;
                    if (text.startsWith("$")) {
                        value = new PathValue(JsonPath.compile(text), key);
                    } else if (Intrinsic.looksLike(text)) {
                        value = new Call(Intrinsic.compile(text));
                    } else {
                        throw new IllegalArgumentException("The value of field '" + key
                                + "' must be a path or an intrinsic function: " + key + "=" + text);
                    }
                    entries.add(new Entry(key.substring(0, key.length() - 2), value));
                } else {
                    Node value = node(e.getValue(), field);
                    dynamic |= !(value instanceof Constant);
                    entries.add(new Entry(key, value));
                }
            }
            if (!dynamic) {
                return new Constant(template);
            }
            boolean distinct = entries.stream().map(Entry::key).distinct().count() == entries.size();
            return distinct ? new DistinctKeys(entries) : new Obj(entries);
        }
        if (template.isArray()) {
            List<Node> items = new ArrayList<>();
            boolean dynamic = false;
            for (JsonNode item : template) {
                Node n = node(item, field);
                dynamic |= !(n instanceof Constant);
                items.add(n);
            }
            return dynamic ? new Arr(items) : new Constant(template);
        }
        return new Constant(template);
    }
}
