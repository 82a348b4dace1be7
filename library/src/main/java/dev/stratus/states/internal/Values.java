package dev.stratus.states.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ShortNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stratus.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** JSON value helpers for the interpreter: equality by value, sizes, structural sharing updates. */
public final class Values {
    /** AWS's payload limit: 256 KiB of UTF-8. */
    public static final int MAX_PAYLOAD_BYTES = 262_144;
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Values() {
    }

    /** JSON equality with numbers compared by value. */
    public static boolean equal(final JsonNode a, final JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.getNodeType() != b.getNodeType()) {
            return false;
        }
        if (a.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equal(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> e : a.properties()) {
                JsonNode other = b.get(e.getKey());
                if (other == null || !equal(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** A canonical text (sorted keys, normalized numbers) for set membership. */
    public static String canonical(final JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue().stripTrailingZeros().toPlainString();
        }
        if (node.isObject()) {
            TreeMap<String, String> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), canonical(e.getValue())));
            return "{" + sorted + "}";
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            node.forEach(n -> sb.append(canonical(n)).append(','));
            return sb.append(']').toString();
        }
        return node.toString();
    }

    /** The UTF-8 size of the compact JSON text. */
    public static int byteSize(final JsonNode node) {
        return Json.write(node).getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * The UTF-8 size of a value's compact JSON text, counted without building the text, or -1 when the value nests
     * deeper than {@code maxDepth}. Iterative: a deep value cannot exhaust the stack.
     */
    public static long jsonSize(final JsonNode root, final int maxDepth) {
        if (!(root instanceof ContainerNode<?>)) {
            return scalarSize(root);
        }
        if (maxDepth >= SHALLOW) {
            long size = shallowSize(root, SHALLOW);
            if (size >= 0) {
                return size;
            }
        }
        // one iterator per container on an explicit stack: the depth is the stack size, nothing per leaf
        ArrayDeque<Iterator<?>> stack = new ArrayDeque<>();
        long size = open(root, stack);
        while (!stack.isEmpty()) {
            if (stack.size() > maxDepth) {
                return -1;
            }
            Iterator<?> top = stack.peek();
            if (!top.hasNext()) {
                stack.pop();
                continue;
            }
            Object next = top.next();
            JsonNode child;
            if (next instanceof Map.Entry<?, ?> entry) {
                size += stringSize((String) entry.getKey()) + 1;
                child = (JsonNode) entry.getValue();
            } else {
                child = (JsonNode) next;
            }
            size += child instanceof ContainerNode<?> ? open(child, stack) : scalarSize(child);
        }
        return size;
    }

    /** How deep {@link #shallowSize} recurses before it leaves a value to the iterative walk. */
    private static final int SHALLOW = 8;

    /**
     * The size of a value nesting at most {@code depth} levels, by plain recursion (what most task results and
     * outputs are: no iterator stack to allocate), or -1 when it nests deeper. Nodes are told apart by class
     * rather than by their type methods: one class check instead of several calls to a method every node type
     * overrides.
     */
    private static long shallowSize(final JsonNode container, final int depth) {
        if (depth == 0) {
            return -1;
        }
        int n = container.size();
        long size = 2 + Math.max(0, n - 1);
        FieldMap fields = FieldNode.fieldsOf(container);
        if (fields != null) {
            for (int i = 0; i < n; i++) {
                long s = memberSize(fields.keyAt(i), fields.valueAt(i), depth);
                if (s < 0) {
                    return -1;
                }
                size += s;
            }
        } else if (container instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                long s = memberSize(e.getKey(), e.getValue(), depth);
                if (s < 0) {
                    return -1;
                }
                size += s;
            }
        } else {
            ArrayNode array = (ArrayNode) container;
            for (int i = 0; i < n; i++) {
                long s = memberSize(null, array.get(i), depth);
                if (s < 0) {
                    return -1;
                }
                size += s;
            }
        }
        return size;
    }

    /** A member of a container at {@code depth}: its key (null in an array) and value, or -1 when it nests too deep. */
    private static long memberSize(final String key, final JsonNode value, final int depth) {
        long s = value instanceof ContainerNode<?> ? shallowSize(value, depth - 1) : scalarSize(value);
        return s < 0 || key == null ? s : keySize(key) + 1 + s;
    }

    private static long open(final JsonNode container, final ArrayDeque<Iterator<?>> stack) {
        stack.push(container.isObject() ? container.properties().iterator() : container.elements());
        return 2 + Math.max(0, container.size() - 1);
    }

    private static long scalarSize(final JsonNode node) {
        if (node instanceof TextNode) {
            return stringSize(node.textValue());
        }
        if (node instanceof IntNode || node instanceof LongNode || node instanceof ShortNode) {
            long v = node.longValue();
            return v == Long.MIN_VALUE ? 20 : (v < 0 ? 1 : 0) + digits(Math.abs(v));
        }
        if (node instanceof BooleanNode) {
            return node.booleanValue() ? 4 : 5;
        }
        if (node instanceof NullNode) {
            return 4;
        }
        if (node instanceof DoubleNode) {
            long size = doubleSize(node.doubleValue());
            if (size > 0) {
                return size;
            }
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            long v = node.longValue();
            return v == Long.MIN_VALUE ? 20 : (v < 0 ? 1 : 0) + digits(Math.abs(v));
        }
        return node.asText().length();
    }

    /**
     * The length of {@link Double#toString} for a value with at most one decimal below 10^7 in magnitude (the
     * "12.5" and "3.0" of most payloads: its digits, the point and one decimal), or 0 for any other value. Checked
     * against Double.toString for every such value (n / 10 for |n| < 10^8) on JDK 17.
     */
    static long doubleSize(final double d) {
        if (!(Math.abs(d) < 1e7)) {
            return 0;
        }
        double tenths = Math.rint(d * 10);
        if (tenths / 10 != d) {
            return 0;
        }
        long whole = Math.abs((long) tenths) / 10;
        return (Double.doubleToRawLongBits(d) < 0 ? 1 : 0) + digits(whole) + 2;
    }

    private static int digits(final long v) {
        int n = 1;
        long x = v;
        while (x >= 10) {
            x /= 10;
            n++;
        }
        return n;
    }

    /** The UTF-8 size of text, counted without encoding it. */
    public static long utf8Size(final CharSequence text) {
        long size = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                size++;
            } else if (c < 0x800) {
                size += 2;
            } else if (Character.isHighSurrogate(c)) {
                size += 4;
                i++;
            } else {
                size += 3;
            }
        }
        return size;
    }

    /** The JSON text size of each ASCII character: 1, 2 for the short escapes, 6 for {@code \\u00XX}. */
    private static final byte[] ASCII_SIZE = asciiSizes();

    private static byte[] asciiSizes() {
        byte[] sizes = new byte[0x80];
        for (int c = 0; c < sizes.length; c++) {
            boolean shortEscape = c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b'
                    || c == '\f';
            sizes[c] = (byte) (shortEscape ? 2 : c < 0x20 ? 6 : 1);
        }
        return sizes;
    }

    /**
     * Object keys recently found plain (printable ASCII, no quote or backslash: written as they are), by hash. Keys
     * repeat (a handler's literals, the field names Jackson interns), so most are sized by one identity check. A
     * slot holds a key whose size follows from its length, so a race between two writers loses nothing but a hit.
     */
    private static final String[] PLAIN_KEYS = new String[256];
    private static final int PLAIN_KEY_MAX = 64;

    /** {@link #stringSize} for an object key. */
    static long keySize(final String key) {
        int slot = key.hashCode() & (PLAIN_KEYS.length - 1);
        if (PLAIN_KEYS[slot] == key) {
            return key.length() + 2;
        }
        long size = stringSize(key);
        if (size == key.length() + 2 && key.length() <= PLAIN_KEY_MAX) {
            PLAIN_KEYS[slot] = key;
        }
        return size;
    }

    static long stringSize(final String s) {
        int n = s.length();
        int plain = 0;
        // most text (keys above all) is printable ASCII without quotes or backslashes: one byte a character
        while (plain < n) {
            char c = s.charAt(plain);
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                break;
            }
            plain++;
        }
        long size = 2 + plain;
        for (int i = plain; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                size += ASCII_SIZE[c];
            } else if (c < 0x800) {
                size += 2;
            } else if (Character.isHighSurrogate(c)) {
                size += 4;
                i++;
            } else {
                size += 3;
            }
        }
        return size;
    }

    /** The nesting depth of a value, counted without recursion. */
    public static int depth(final JsonNode node) {
        int max = 0;
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {node, 1});
        while (!stack.isEmpty()) {
            Object[] top = stack.pop();
            JsonNode n = (JsonNode) top[0];
            int d = (Integer) top[1];
            if (n.isContainerNode()) {
                max = Math.max(max, d);
                Iterator<JsonNode> it = n.elements();
                while (it.hasNext()) {
                    stack.push(new Object[] {it.next(), d + 1});
                }
            }
        }
        return max;
    }

    /**
     * A new root with {@code value} placed at {@code steps} (names and indexes), sharing every subtree off the
     * path; missing objects on the way are created. Returns null when a step meets a value that is not an object
     * (or an index that is out of range).
     */
    public static JsonNode setAt(final JsonNode root, final List<Object> steps, final int from, final JsonNode value) {
        if (from == steps.size()) {
            return value;
        }
        Object step = steps.get(from);
        if (step instanceof String name) {
            ObjectNode copy;
            JsonNode child = null;
            if (root == null || root.isMissingNode()) {
                copy = NODES.objectNode();
            } else if (root.isObject()) {
                child = root.get(name);
                copy = shallowCopy((ObjectNode) root, child == null ? 1 : 0);
            } else {
                return null;
            }
            JsonNode updated = setAt(child, steps, from + 1, value);
            if (updated == null) {
                return null;
            }
            copy.set(name, updated);
            return copy;
        }
        int index = (Integer) step;
        if (root == null || !root.isArray()) {
            return null;
        }
        int i = index < 0 ? root.size() + index : index;
        if (i < 0 || i >= root.size()) {
            return null;
        }
        ArrayNode copy = NODES.arrayNode(root.size());
        root.forEach(copy::add);
        JsonNode updated = setAt(root.get(i), steps, from + 1, value);
        if (updated == null) {
            return null;
        }
        copy.set(i, updated);
        return copy;
    }

    /** A new object holding the same (shared) values, with room for {@code spare} more without resizing. */
    public static ObjectNode shallowCopy(final ObjectNode node, final int spare) {
        FieldMap fields = FieldNode.fieldsOf(node);
        if (fields != null) {
            return new FieldNode(fields.copy(spare));
        }
        fields = new FieldMap(node.size() + spare);
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            fields.put(e.getKey(), e.getValue());
        }
        return new FieldNode(fields);
    }

    /** A string holding an integer ({@code "12"}) as that number, as AWS reads the {@code …Path} count fields. */
    static JsonNode integerText(final JsonNode value) {
        if (value != null && value.isTextual()) {
            try {
                return NODES.numberNode(Long.parseLong(value.asText().strip()));
            } catch (NumberFormatException e) {
                return value;
            }
        }
        return value;
    }
}
