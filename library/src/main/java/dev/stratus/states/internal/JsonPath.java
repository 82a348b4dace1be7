package dev.stratus.states.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A compiled JSONPath in AWS's Jayway-style dialect: {@code $}, dot and bracket names, indexes (negative count from
 * the end), {@code [*]}/{@code .*}, slices, unions, {@code ..name} and simple filters {@code [?(@.a > 1 && ...)]}.
 * A definite path yields one value or nothing; an indefinite one always yields an array of the matches.
 */
public final class JsonPath {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String text;
    private final boolean context;
    /** For {@code $name...}: the variable the path starts from; else null. */
    private final String variable;
    private final List<Segment> segments;
    private final boolean definite;
    /** For a definite path, its steps as an array: String names and Integer indexes (read without an iterator). */
    private final Object[] steps;

    /** The roots a path may start from besides the input: the context object ({@code $$}) and variables. */
    public interface Roots extends Supplier<JsonNode> {
        /** The value of the variable {@code name}, or null when it is not defined. */
        JsonNode variable(String name);
    }

    private JsonPath(final String text, final boolean context, final String variable, final List<Segment> segments) {
        this.text = text;
        this.context = context;
        this.variable = variable;
        this.segments = List.copyOf(segments);
        boolean d = true;
        for (Segment s : segments) {
            d &= s instanceof Name || s instanceof Index;
        }
        this.definite = d;
        this.steps = d ? steps().toArray() : null;
    }

    /** The path as written. */
    public String text() {
        return text;
    }

    /** Whether the path starts with {@code $$} (the context object). */
    public boolean isContext() {
        return context;
    }

    /** The variable a {@code $name...} path starts from, or null. */
    public String variable() {
        return variable;
    }

    /** Whether the path names at most one value (only names and indexes). */
    public boolean isDefinite() {
        return definite;
    }

    /** The steps of a definite path: String names and Integer indexes. */
    public List<Object> steps() {
        List<Object> steps = new ArrayList<>();
        for (Segment s : segments) {
            if (s instanceof Name n) {
                steps.add(n.name());
            } else if (s instanceof Index i) {
                steps.add(i.index());
            }
        }
        return steps;
    }

    /**
     * Compiles a path.
     *
     * @throws IllegalArgumentException with a message naming the path when it is malformed
     */
    public static JsonPath compile(final String text) {
        if (text == null || !text.startsWith("$")) {
            throw new IllegalArgumentException("JSONPath must start with '$': path=" + text);
        }
        boolean context = text.startsWith("$$");
        int start = context ? 2 : 1;
        String variable = null;
        if (!context && text.length() > 1 && Character.isUnicodeIdentifierStart(text.charAt(1))) {
            int end = 1;
            while (end < text.length() && (Character.isUnicodeIdentifierPart(text.charAt(end))
                    && text.charAt(end) != '.' && text.charAt(end) != '[')) {
                end++;
            }
            variable = text.substring(1, end);
            start = end;
        }
        Parser parser = new Parser(text, start);
        return new JsonPath(text, context, variable, parser.parse());
    }

    /** Whether {@code text} compiles. */
    public static boolean isValid(final String text) {
        try {
            compile(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Evaluates the path where it starts: on {@code input}, on the context object ({@code $$}), or on a variable
     * ({@code $name}, when {@code roots} are {@link Roots}).
     *
     * @return as {@link #read(JsonNode)}; null also when the variable is not defined
     */
    public JsonNode read(final JsonNode input, final Supplier<JsonNode> roots) {
        if (context) {
            return read(roots.get());
        }
        if (variable != null) {
            JsonNode value = roots instanceof Roots r ? r.variable(variable) : null;
            return value == null ? null : read(value);
        }
        return read(input);
    }

    /**
     * Evaluates the path on {@code root}.
     *
     * @return the value, an array for an indefinite path, or null when a definite path matches nothing
     */
    public JsonNode read(final JsonNode root) {
        if (definite) {
            JsonNode current = root;
            for (Object step : steps) {
                if (step instanceof String name) {
                    if (!(current instanceof ObjectNode object)) {
                        return null;
                    }
                    current = object.get(name);
                } else {
                    int index = (Integer) step;
                    if (!(current instanceof ArrayNode array)) {
                        return null;
                    }
                    current = array.get(index < 0 ? array.size() + index : index);
                }
                if (current == null) {
                    return null;
                }
            }
            return current;
        }
        List<JsonNode> current = new ArrayList<>();
        current.add(root);
        for (Segment s : segments) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                s.apply(node, next, root);
            }
            current = next;
        }
        ArrayNode result = NODES.arrayNode();
        result.addAll(current);
        return result;
    }

    /** Jayway's rendering of the path for "No results for path" messages: {@code $['a']['b']}. */
    public String normalized() {
        StringBuilder sb = new StringBuilder(context ? "$$" : "$");
        for (Segment s : segments) {
            if (s instanceof Name n) {
                sb.append("['").append(n.name()).append("']");
            } else if (s instanceof Index i) {
                sb.append('[').append(i.index()).append(']');
            } else {
                sb.append("[*]");
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return text;
    }

    private sealed interface Segment permits Name, Index, Wildcard, Slice, Union, DeepScan, Filter {
        void apply(JsonNode node, List<JsonNode> out, JsonNode root);
    }

    private record Name(String name) implements Segment {
        Name {
            // interned as Jackson interns parsed field names: a lookup then matches a key by identity
            name = name.intern();
        }

        @Override
        public void apply(final JsonNode node, final List<JsonNode> out, final JsonNode root) {
            if (node.isObject()) {
                JsonNode v = node.get(name);
                if (v != null) {
                    out.add(v);
                }
            }
        }
    }

    private record Index(int index) implements Segment {
        @Override
        public void apply(final JsonNode node, final List<JsonNode> out, final JsonNode root) {
            if (node.isArray()) {
                JsonNode v = node.get(index < 0 ? node.size() + index : index);
                if (v != null) {
                    out.add(v);
                }
            }
        }
    }

    private record Wildcard() implements Segment {
        @Override
        public void apply(final JsonNode node, final List<JsonNode> out, final JsonNode root) {
            if (node.isContainerNode()) {
                node.elements().forEachRemaining(out::add);
            }
        }
    }

    private record Slice(Integer start, Integer end, int step) implements Segment {
        @Override
        public void apply(final JsonNode node, final List<JsonNode> out, final JsonNode root) {
            if (!node.isArray()) {
                return;
            }
            int size = node.size();
            int from = start == null ? 0 : start < 0 ? Math.max(0, size + start) : Math.min(start, size);
            int to = end == null ? size : end < 0 ? Math.max(0, size + end) : Math.min(end, size);
            for (int i = from; i < to; i += step) {
                out.add(node.get(i));
            }
        }
    }

    private record Union(List<Segment> members) implements Segment {
        @Override
        public void apply(final JsonNode node, final List<JsonNode> out, final JsonNode root) {
            for (Segment m : members) {
                m.apply(node, out, root);
            }
        }
    }

    private record DeepScan(Segment selector) implements Segment {
        @Override
        public void apply(final JsonNode node, final List<JsonNode> out, final JsonNode root) {
            // iterative pre-order walk: deep documents must not exhaust the stack
            ArrayList<JsonNode> stack = new ArrayList<>();
            stack.add(node);
            while (!stack.isEmpty()) {
                JsonNode current = stack.remove(stack.size() - 1);
                selector.apply(current, out, root);
                if (current.isContainerNode()) {
                    List<JsonNode> children = new ArrayList<>();
                    current.elements().forEachRemaining(children::add);
                    for (int i = children.size() - 1; i >= 0; i--) {
                        stack.add(children.get(i));
                    }
                }
            }
        }
    }

    private record Filter(Predicate predicate) implements Segment {
        @Override
        public void apply(final JsonNode node, final List<JsonNode> out, final JsonNode root) {
            if (node.isArray()) {
                for (JsonNode item : node) {
                    if (predicate.test(item, root)) {
                        out.add(item);
                    }
                }
            } else if (node.isObject() && predicate.test(node, root)) {
                out.add(node);
            }
        }
    }

    private interface Predicate {
        boolean test(JsonNode current, JsonNode root);
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(final String text, final int pos) {
            this.text = text;
            this.pos = pos;
        }

        List<Segment> parse() {
            List<Segment> segments = new ArrayList<>();
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '.') {
                    if (pos + 1 < text.length() && text.charAt(pos + 1) == '.') {
                        pos += 2;
                        Segment selector;
                        if (pos < text.length() && text.charAt(pos) == '[') {
                            selector = bracket();
                        } else if (pos < text.length() && text.charAt(pos) == '*') {
                            pos++;
                            selector = new Wildcard();
                        } else {
                            selector = new Name(name());
                        }
                        segments.add(new DeepScan(selector));
                        continue;
                    }
                    pos++;
                    if (pos < text.length() && text.charAt(pos) == '*') {
                        pos++;
                        segments.add(new Wildcard());
                    } else if (pos < text.length() && text.charAt(pos) == '[') {
                        segments.add(bracket());
                    } else {
                        segments.add(new Name(name()));
                    }
                } else if (c == '[') {
                    segments.add(bracket());
                } else {
                    throw error("unexpected character '" + c + "'");
                }
            }
            return segments;
        }

        private String name() {
            int start = pos;
            while (pos < text.length() && text.charAt(pos) != '.' && text.charAt(pos) != '[') {
                pos++;
            }
            if (start == pos) {
                throw error("empty name");
            }
            return text.substring(start, pos);
        }

        private Segment bracket() {
            pos++;
            skipSpaces();
            if (pos >= text.length()) {
                throw error("unclosed '['");
            }
            char c = text.charAt(pos);
            Segment result;
            if (c == '*') {
                pos++;
                result = new Wildcard();
            } else if (c == '?') {
                pos++;
                skipSpaces();
                expect('(');
                Predicate p = orExpr();
                skipSpaces();
                expect(')');
                result = new Filter(p);
            } else {
                List<Segment> members = new ArrayList<>();
                do {
                    skipSpaces();
                    members.add(member());
                    skipSpaces();
                } while (consume(','));
                result = members.size() == 1 ? members.get(0) : new Union(members);
            }
            skipSpaces();
            expect(']');
            return result;
        }

        private Segment member() {
            char c = text.charAt(pos);
            if (c == '\'' || c == '"') {
                return new Name(quoted());
            }
            Integer start = optInt();
            if (consume(':')) {
                Integer end = optInt();
                int step = 1;
                if (consume(':')) {
                    Integer s = optInt();
                    step = s == null ? 1 : s;
                    if (step <= 0) {
                        throw error("slice step must be positive");
                    }
                }
                return new Slice(start, end, step);
            }
            if (start == null) {
                throw error("expected an index, name or slice");
            }
            return new Index(start);
        }

        private Integer optInt() {
            int start = pos;
            if (pos < text.length() && text.charAt(pos) == '-') {
                pos++;
            }
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            if (start == pos || (pos == start + 1 && text.charAt(start) == '-')) {
                pos = start;
                return null;
            }
            try {
                return Integer.parseInt(text.substring(start, pos));
            } catch (NumberFormatException e) {
                throw error("index out of range");
            }
        }

        private String quoted() {
            char quote = text.charAt(pos++);
            StringBuilder sb = new StringBuilder();
            while (pos < text.length() && text.charAt(pos) != quote) {
                char c = text.charAt(pos++);
                if (c == '\\' && pos < text.length()) {
                    c = text.charAt(pos++);
                }
                sb.append(c);
            }
            expect(quote);
            return sb.toString();
        }

        private Predicate orExpr() {
            Predicate left = andExpr();
            skipSpaces();
            while (consumeWord("||")) {
                Predicate l = left;
                Predicate r = andExpr();
                left = (n, root) -> l.test(n, root) || r.test(n, root);
                skipSpaces();
            }
            return left;
        }

        private Predicate andExpr() {
            Predicate left = comparison();
            skipSpaces();
            while (consumeWord("&&")) {
                Predicate l = left;
                Predicate r = comparison();
                left = (n, root) -> l.test(n, root) && r.test(n, root);
                skipSpaces();
            }
            return left;
        }

        private Predicate comparison() {
            skipSpaces();
            if (consume('(')) {
                Predicate inner = orExpr();
                skipSpaces();
                expect(')');
                return inner;
            }
            if (consume('!')) {
                Predicate inner = comparison();
                return (n, root) -> !inner.test(n, root);
            }
            Operand left = operand();
            skipSpaces();
            String op = null;
            for (String candidate : new String[] {"==", "!=", "<=", ">=", "<", ">"}) {
                if (text.startsWith(candidate, pos)) {
                    op = candidate;
                    pos += candidate.length();
                    break;
                }
            }
            if (op == null) {
                return (n, root) -> {
                    JsonNode v = left.value(n, root);
                    return v != null && !v.isMissingNode();
                };
            }
            skipSpaces();
            Operand right = operand();
            String operator = op;
            return (n, root) -> compare(left.value(n, root), right.value(n, root), operator);
        }

        private static boolean compare(final JsonNode a, final JsonNode b, final String op) {
            if (a == null || b == null) {
                return op.equals("!=") && (a == null) != (b == null);
            }
            int cmp;
            if (a.isNumber() && b.isNumber()) {
                cmp = a.decimalValue().compareTo(b.decimalValue());
            } else if (a.isTextual() && b.isTextual()) {
                cmp = a.asText().compareTo(b.asText());
            } else {
                boolean eq = a.equals(b);
                return switch (op) {
                    case "==" -> eq;
                    case "!=" -> !eq;
                    default -> false;
                };
            }
            return switch (op) {
                case "==" -> cmp == 0;
                case "!=" -> cmp != 0;
                case "<" -> cmp < 0;
                case "<=" -> cmp <= 0;
                case ">" -> cmp > 0;
                default -> cmp >= 0;
            };
        }

        private interface Operand {
            JsonNode value(JsonNode current, JsonNode root);
        }

        private Operand operand() {
            char c = pos < text.length() ? text.charAt(pos) : 0;
            if (c == '@' || c == '$') {
                int start = pos;
                pos++;
                int depth = 0;
                while (pos < text.length()) {
                    char d = text.charAt(pos);
                    if (d == '[') {
                        depth++;
                    } else if (d == ']') {
                        depth--;
                    } else if (depth == 0 && (d == ' ' || d == ')' || d == '=' || d == '!' || d == '<' || d == '>'
                            || d == '&' || d == '|')) {
                        break;
                    }
                    pos++;
                }
                JsonPath sub = new JsonPath(text.substring(start, pos), false, null,
                        new Parser(text.substring(start, pos), 1).parse());
                boolean relative = c == '@';
                return (n, root) -> {
                    JsonNode v = sub.read(relative ? n : root);
                    return v;
                };
            }
            if (c == '\'' || c == '"') {
                JsonNode v = NODES.textNode(quoted());
                return (n, root) -> v;
            }
            int start = pos;
            while (pos < text.length() && "-+.eE0123456789truefalsnl".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            String literal = text.substring(start, pos);
            JsonNode v = switch (literal) {
                case "true" -> NODES.booleanNode(true);
                case "false" -> NODES.booleanNode(false);
                case "null" -> NODES.nullNode();
                default -> {
                    try {
                        yield NODES.numberNode(new BigDecimal(literal));
                    } catch (NumberFormatException e) {
                        throw error("bad literal '" + literal + "'");
                    }
                }
            };
            return (n, root) -> v;
        }

        private void skipSpaces() {
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
        }

        private boolean consume(final char c) {
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private boolean consumeWord(final String word) {
            if (text.startsWith(word, pos)) {
                pos += word.length();
                return true;
            }
            return false;
        }

        private void expect(final char c) {
            if (!consume(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private IllegalArgumentException error(final String what) {
            return new IllegalArgumentException("invalid JSONPath, " + what + " at position " + pos + ": path=" + text);
        }
    }
}
