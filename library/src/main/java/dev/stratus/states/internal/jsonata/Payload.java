package dev.stratus.states.internal.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JSONata-mode field value ({@code Arguments}, {@code Output}, {@code Assign}, {@code Items}, ...): any JSON
 * whose strings of the form {@code {% expr %}}, at any depth, are expressions. Compiled once; constant parts are
 * shared, not copied.
 */
public final class Payload {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Node root;

    private Payload(final Node root) {
        this.root = root;
    }

    /** Whether {@code value} is a {@code {% %}} string. */
    public static boolean isExpression(final JsonNode value) {
        if (value == null || !value.isTextual()) {
            return false;
        }
        String s = value.textValue();
        return s.length() >= 4 && s.startsWith("{%") && s.endsWith("%}");
    }

    /**
     * Compiles a field value.
     *
     * @throws IllegalArgumentException when an expression does not compile
     */
    public static Payload compile(final JsonNode value) {
        return new Payload(node(value));
    }

    /** The expression when the whole value is one {@code {% %}} string, else null. */
    public Expression expression() {
        return root instanceof Expr e ? e.expression : null;
    }

    /**
     * The value for this evaluation.
     *
     * @param field the field's name in error messages; nested values add {@code /key}
     * @throws dev.stratus.states.internal.AslError {@code States.QueryEvaluationError} when an expression fails or
     *     returns nothing
     */
    public JsonNode apply(final Scope scope, final String field) {
        return root.apply(scope, field);
    }

    private interface Node {
        JsonNode apply(Scope scope, String field);
    }

    private record Constant(JsonNode value) implements Node {
        @Override
        public JsonNode apply(final Scope scope, final String field) {
            return value;
        }
    }

    private record Expr(Expression expression) implements Node {
        @Override
        public JsonNode apply(final Scope scope, final String field) {
            return expression.evaluateDefined(scope, field);
        }
    }

    private record Entry(String key, Node value) {
    }

    private record Obj(List<Entry> entries) implements Node {
        @Override
        public JsonNode apply(final Scope scope, final String field) {
            ObjectNode out = NODES.objectNode();
            for (Entry e : entries) {
                out.set(e.key(), e.value().apply(scope, field + "/" + e.key()));
            }
            return out;
        }
    }

    private record Arr(List<Node> items) implements Node {
        @Override
        public JsonNode apply(final Scope scope, final String field) {
            ArrayNode out = NODES.arrayNode(items.size());
            for (int i = 0; i < items.size(); i++) {
                out.add(items.get(i).apply(scope, field + "/" + i));
            }
            return out;
        }
    }

    private static Node node(final JsonNode value) {
        if (isExpression(value)) {
            String text = value.textValue();
            return new Expr(Expression.compile(text.substring(2, text.length() - 2).strip()));
        }
        if (value.isObject()) {
            List<Entry> entries = new ArrayList<>();
            boolean dynamic = false;
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                Node n = node(e.getValue());
                dynamic |= !(n instanceof Constant);
                entries.add(new Entry(e.getKey(), n));
            }
            return dynamic ? new Obj(entries) : new Constant(value);
        }
        if (value.isArray()) {
            List<Node> items = new ArrayList<>();
            boolean dynamic = false;
            for (JsonNode item : value) {
                Node n = node(item);
                dynamic |= !(n instanceof Constant);
                items.add(n);
            }
            return dynamic ? new Arr(items) : new Constant(value);
        }
        return new Constant(value);
    }
}
