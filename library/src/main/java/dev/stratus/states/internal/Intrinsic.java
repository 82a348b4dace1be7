package dev.stratus.states.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.internal.Json;
import java.util.function.Supplier;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/** A compiled intrinsic function call such as {@code States.Format('x={}', $.x)}; errors: States.IntrinsicFailure. */
public final class Intrinsic {
    /** AWS limit on the length of strings given to Base64 and Hash functions. */
    static final int MAX_STRING = 10_000;
    private static final int MAX_NESTING = 10;
    private static final int MAX_RANGE = 1000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> FUNCTIONS = Set.of("States.Format", "States.StringToJson",
            "States.JsonToString", "States.Array", "States.ArrayPartition", "States.ArrayContains",
            "States.ArrayRange", "States.ArrayGetItem", "States.ArrayLength", "States.ArrayUnique",
            "States.Base64Encode", "States.Base64Decode", "States.Hash", "States.JsonMerge", "States.MathRandom",
            "States.MathAdd", "States.StringSplit", "States.UUID");

    private final String text;
    private final Call call;

    private Intrinsic(final String text, final Call call) {
        this.text = text;
        this.call = call;
    }

    /** Whether {@code text} looks like an intrinsic call (starts with {@code States.}). */
    public static boolean looksLike(final String text) {
        return text.startsWith("States.");
    }

    /**
     * Compiles an intrinsic function call.
     *
     * @throws IllegalArgumentException naming the expression when it is malformed or names an unknown function
     */
    public static Intrinsic compile(final String text) {
        Parser parser = new Parser(text);
        Call call = parser.call(0);
        parser.skipSpaces();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected text after the call");
        }
        return new Intrinsic(text, call);
    }

    /** The expression as written. */
    public String text() {
        return text;
    }

    /**
     * Evaluates the call.
     *
     * @throws AslError States.IntrinsicFailure (or States.Runtime for a missing path) on bad arguments
     */
    public JsonNode evaluate(final JsonNode input, final Supplier<JsonNode> context, final EvalContext env) {
        return call.evaluate(input, context, env);
    }

    /** What an intrinsic needs from its surroundings: randomness and the field name for error messages. */
    public interface EvalContext {
        java.util.UUID uuid();

        int randomInt(int startInclusive, int endExclusive);

        AslError pathNotFound(String path, JsonNode input);
    }

    private sealed interface Arg permits Literal, PathArg, Call {
        JsonNode evaluate(JsonNode input, Supplier<JsonNode> context, EvalContext env);
    }

    private record Literal(JsonNode value, String raw) implements Arg {
        @Override
        public JsonNode evaluate(final JsonNode input, final Supplier<JsonNode> context, final EvalContext env) {
            return value;
        }
    }

    private record PathArg(JsonPath path) implements Arg {
        @Override
        public JsonNode evaluate(final JsonNode input, final Supplier<JsonNode> context, final EvalContext env) {
            JsonNode value = path.read(input, context);
            if (value == null) {
                throw env.pathNotFound(path.text(), input);
            }
            return value;
        }
    }

    private record Call(String name, List<Arg> args) implements Arg {
        @Override
        public JsonNode evaluate(final JsonNode input, final Supplier<JsonNode> context, final EvalContext env) {
            List<JsonNode> values = new ArrayList<>(args.size());
            for (Arg arg : args) {
                values.add(arg.evaluate(input, context, env));
            }
            return apply(this, values, env);
        }
    }

    private static AslError failure(final String message) {
        return new AslError("States.IntrinsicFailure", message);
    }

    private static void arity(final Call call, final List<JsonNode> values, final int min, final int max) {
        if (values.size() < min || values.size() > max) {
            String expected = min == max ? String.valueOf(min) : min + " to " + max;
            throw failure("The function " + call.name() + " expects " + expected + " arguments, but "
                    + values.size() + " were given");
        }
    }

    private static String string(final Call call, final JsonNode v, final int index) {
        if (!v.isTextual()) {
            throw failure("The function " + call.name() + " expects argument " + (index + 1)
                    + " to be a string, but got " + Json.write(v));
        }
        return v.asText();
    }

    private static ArrayNode array(final Call call, final JsonNode v, final int index) {
        if (!v.isArray()) {
            throw failure("The function " + call.name() + " expects argument " + (index + 1)
                    + " to be an array, but got " + Json.write(v));
        }
        return (ArrayNode) v;
    }

    private static long integer(final Call call, final JsonNode v, final int index) {
        if (!v.isNumber()) {
            throw failure("The function " + call.name() + " expects argument " + (index + 1)
                    + " to be an integer, but got " + Json.write(v));
        }
        BigDecimal d = v.decimalValue();
        try {
            // AWS rounds fractional arguments half up, as Java's Math.round does
            return d.stripTrailingZeros().scale() <= 0 ? d.longValueExact() : Math.round(d.doubleValue());
        } catch (ArithmeticException e) {
            throw failure("The function " + call.name() + " expects argument " + (index + 1)
                    + " to be an integer, but got " + Json.write(v));
        }
    }

    private static JsonNode apply(final Call call, final List<JsonNode> v, final EvalContext env) {
        switch (call.name()) {
            case "States.Format": {
                if (v.isEmpty()) {
                    arity(call, v, 1, Integer.MAX_VALUE);
                }
                Arg first = call.args().get(0);
                String fmt = first instanceof Literal lit && lit.raw() != null ? lit.raw() : string(call, v.get(0), 0);
                return NODES.textNode(format(fmt, v.subList(1, v.size())));
            }
            case "States.StringToJson": {
                arity(call, v, 1, 1);
                String s = string(call, v.get(0), 0);
                try {
                    return Json.parse(s);
                } catch (Exception e) {
                    throw failure("The function States.StringToJson could not parse its argument as JSON: " + s);
                }
            }
            case "States.JsonToString":
                arity(call, v, 1, 1);
                return NODES.textNode(Json.write(v.get(0)));
            case "States.Array": {
                ArrayNode out = NODES.arrayNode();
                v.forEach(out::add);
                return out;
            }
            case "States.ArrayPartition": {
                arity(call, v, 2, 2);
                ArrayNode a = array(call, v.get(0), 0);
                long size = integer(call, v.get(1), 1);
                if (size <= 0) {
                    throw failure("The function States.ArrayPartition expects the chunk size to be positive: "
                            + size);
                }
                ArrayNode out = NODES.arrayNode();
                ArrayNode chunk = null;
                for (int i = 0; i < a.size(); i++) {
                    if (i % size == 0) {
                        chunk = out.addArray();
                    }
                    chunk.add(a.get(i));
                }
                return out;
            }
            case "States.ArrayContains": {
                arity(call, v, 2, 2);
                ArrayNode a = array(call, v.get(0), 0);
                for (JsonNode item : a) {
                    if (Values.equal(item, v.get(1))) {
                        return NODES.booleanNode(true);
                    }
                }
                return NODES.booleanNode(false);
            }
            case "States.ArrayRange": {
                arity(call, v, 3, 3);
                long start = integer(call, v.get(0), 0);
                long end = integer(call, v.get(1), 1);
                long step = integer(call, v.get(2), 2);
                if (step == 0) {
                    throw failure("The function States.ArrayRange expects a non-zero step");
                }
                long count = (end - start) / step + 1;
                if (count > MAX_RANGE) {
                    throw failure("The function States.ArrayRange cannot produce more than " + MAX_RANGE
                            + " items");
                }
                ArrayNode out = NODES.arrayNode();
                for (long x = start; step > 0 ? x <= end : x >= end; x += step) {
                    out.add(x);
                }
                return out;
            }
            case "States.ArrayGetItem": {
                arity(call, v, 2, 2);
                ArrayNode a = array(call, v.get(0), 0);
                long index = integer(call, v.get(1), 1);
                if (index < 0 || index >= a.size()) {
                    throw failure("The function States.ArrayGetItem got an index out of bounds: index=" + index
                            + ", length=" + a.size());
                }
                return a.get((int) index);
            }
            case "States.ArrayLength":
                arity(call, v, 1, 1);
                return NODES.numberNode(array(call, v.get(0), 0).size());
            case "States.ArrayUnique": {
                arity(call, v, 1, 1);
                ArrayNode out = NODES.arrayNode();
                Set<String> seen = new LinkedHashSet<>();
                for (JsonNode item : array(call, v.get(0), 0)) {
                    if (seen.add(Values.canonical(item))) {
                        out.add(item);
                    }
                }
                return out;
            }
            case "States.Base64Encode": {
                arity(call, v, 1, 1);
                String s = limited(call, string(call, v.get(0), 0));
                return NODES.textNode(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
            }
            case "States.Base64Decode": {
                arity(call, v, 1, 1);
                String s = limited(call, string(call, v.get(0), 0));
                try {
                    return NODES.textNode(new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw failure("The function States.Base64Decode got an invalid base64 string: " + s);
                }
            }
            case "States.Hash": {
                arity(call, v, 2, 2);
                JsonNode data = v.get(0);
                String s = limited(call, data.isTextual() ? data.asText() : Json.write(data));
                String alg = string(call, v.get(1), 1);
                String jdk = switch (alg) {
                    case "MD5" -> "MD5";
                    case "SHA-1" -> "SHA-1";
                    case "SHA-256" -> "SHA-256";
                    case "SHA-384" -> "SHA-384";
                    case "SHA-512" -> "SHA-512";
                    default -> throw failure("The function States.Hash does not support the algorithm '" + alg
                            + "'; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512");
                };
                try {
                    byte[] digest = MessageDigest.getInstance(jdk).digest(s.getBytes(StandardCharsets.UTF_8));
                    return NODES.textNode(HexFormat.of().formatHex(digest));
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException("JDK lacks " + jdk, e);
                }
            }
            case "States.JsonMerge": {
                arity(call, v, 3, 3);
                if (!v.get(0).isObject() || !v.get(1).isObject()) {
                    throw failure("The function States.JsonMerge expects two JSON objects");
                }
                if (!v.get(2).isBoolean()) {
                    throw failure("The function States.JsonMerge expects argument 3 to be a boolean, but got "
                            + Json.write(v.get(2)));
                }
                return merge((ObjectNode) v.get(0), (ObjectNode) v.get(1), v.get(2).asBoolean());
            }
            case "States.MathRandom": {
                arity(call, v, 2, 3);
                long start = integer(call, v.get(0), 0);
                long end = integer(call, v.get(1), 1);
                if (end <= start) {
                    throw failure("The function States.MathRandom expects start to be less than end");
                }
                if (v.size() == 3) {
                    long seed = integer(call, v.get(2), 2);
                    return NODES.numberNode(new SplittableRandom(seed).nextLong(start, end));
                }
                return NODES.numberNode(env.randomInt((int) start, (int) end));
            }
            case "States.MathAdd": {
                arity(call, v, 2, 2);
                return NODES.numberNode(integer(call, v.get(0), 0) + integer(call, v.get(1), 1));
            }
            case "States.StringSplit": {
                arity(call, v, 2, 2);
                String s = string(call, v.get(0), 0);
                String delims = string(call, v.get(1), 1);
                ArrayNode out = NODES.arrayNode();
                StringBuilder token = new StringBuilder();
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (delims.indexOf(c) >= 0) {
                        if (token.length() > 0) {
                            out.add(token.toString());
                        }
                        token.setLength(0);
                    } else {
                        token.append(c);
                    }
                }
                if (token.length() > 0) {
                    out.add(token.toString());
                }
                return out;
            }
            case "States.UUID":
                arity(call, v, 0, 0);
                return NODES.textNode(env.uuid().toString());
            default:
                throw failure("Unknown intrinsic function " + call.name());
        }
    }

    private static String limited(final Call call, final String s) {
        if (s.length() > MAX_STRING) {
            throw failure("The function " + call.name() + " accepts at most " + MAX_STRING
                    + " characters, but got " + s.length());
        }
        return s;
    }

    private static ObjectNode merge(final ObjectNode a, final ObjectNode b, final boolean deep) {
        ObjectNode out = a.deepCopy();
        for (Map.Entry<String, JsonNode> e : b.properties()) {
            JsonNode existing = out.get(e.getKey());
            if (deep && existing != null && existing.isObject() && e.getValue().isObject()) {
                out.set(e.getKey(), merge((ObjectNode) existing, (ObjectNode) e.getValue(), true));
            } else {
                out.set(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static String format(final String fmt, final List<JsonNode> args) {
        StringBuilder sb = new StringBuilder();
        int next = 0;
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c == '\\' && i + 1 < fmt.length()) {
                sb.append(fmt.charAt(++i));
            } else if (c == '{' && i + 1 < fmt.length() && fmt.charAt(i + 1) == '}') {
                if (next >= args.size()) {
                    throw failure("The number of arguments does not match the number of placeholders in "
                            + "States.Format");
                }
                JsonNode arg = args.get(next++);
                if (arg.isContainerNode()) {
                    throw failure("The function States.Format accepts only string, number, boolean or null "
                            + "arguments, but got " + Json.write(arg));
                }
                sb.append(arg.isTextual() ? arg.asText() : arg.isNull() ? "null" : arg.toString());
                i++;
            } else {
                sb.append(c);
            }
        }
        if (next != args.size()) {
            throw failure("The number of arguments does not match the number of placeholders in States.Format");
        }
        return sb.toString();
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(final String text) {
            this.text = text;
        }

        Call call(final int depth) {
            if (depth >= MAX_NESTING) {
                throw error("intrinsic functions nest at most " + MAX_NESTING + " deep");
            }
            skipSpaces();
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            String name = text.substring(start, pos);
            if (!FUNCTIONS.contains(name)) {
                throw error("unknown intrinsic function '" + name + "'");
            }
            skipSpaces();
            expect('(');
            List<Arg> args = new ArrayList<>();
            skipSpaces();
            if (!consume(')')) {
                do {
                    skipSpaces();
                    args.add(arg(depth));
                    skipSpaces();
                } while (consume(','));
                expect(')');
            }
            return new Call(name, args);
        }

        private Arg arg(final int depth) {
            if (pos >= text.length()) {
                throw error("missing argument");
            }
            char c = text.charAt(pos);
            if (c == '\'') {
                return string();
            }
            if (c == '$') {
                int start = pos;
                int brackets = 0;
                int parens = 0;
                boolean quoted = false;
                while (pos < text.length()) {
                    char d = text.charAt(pos);
                    if (d == '\'') {
                        quoted = !quoted;
                    } else if (!quoted) {
                        if (d == '[') {
                            brackets++;
                        } else if (d == ']') {
                            brackets--;
                        } else if (d == '(') {
                            parens++;
                        } else if (d == ')') {
                            if (parens == 0 && brackets == 0) {
                                break;
                            }
                            parens--;
                        } else if (d == ',' && brackets == 0 && parens == 0) {
                            break;
                        }
                    }
                    pos++;
                }
                String path = text.substring(start, pos).strip();
                try {
                    return new PathArg(JsonPath.compile(path));
                } catch (IllegalArgumentException e) {
                    throw error("invalid path argument '" + path + "'");
                }
            }
            if (text.startsWith("States.", pos)) {
                return call(depth + 1);
            }
            int start = pos;
            while (pos < text.length() && text.charAt(pos) != ',' && text.charAt(pos) != ')') {
                pos++;
            }
            String literal = text.substring(start, pos).strip();
            switch (literal) {
                case "true":
                    return new Literal(NODES.booleanNode(true), null);
                case "false":
                    return new Literal(NODES.booleanNode(false), null);
                case "null":
                    return new Literal(NODES.nullNode(), null);
                default:
                    try {
                        BigDecimal d = new BigDecimal(literal);
                        JsonNode n = d.scale() <= 0 && d.precision() < 19 ? NODES.numberNode(d.longValueExact())
                                : NODES.numberNode(d);
                        return new Literal(n, null);
                    } catch (NumberFormatException | ArithmeticException e) {
                        throw error("invalid argument '" + literal + "'");
                    }
            }
        }

        private Literal string() {
            pos++;
            StringBuilder value = new StringBuilder();
            StringBuilder raw = new StringBuilder();
            while (pos < text.length() && text.charAt(pos) != '\'') {
                char c = text.charAt(pos++);
                if (c == '\\' && pos < text.length()) {
                    char e = text.charAt(pos++);
                    value.append(e);
                    if (e == '{' || e == '}' || e == '\\') {
                        raw.append('\\');
                    }
                    raw.append(e);
                } else {
                    value.append(c);
                    raw.append(c);
                }
            }
            expect('\'');
            return new Literal(NODES.textNode(value.toString()), raw.toString());
        }

        void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
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

        private void expect(final char c) {
            if (!consume(c)) {
                throw error("expected '" + c + "'");
            }
        }

        IllegalArgumentException error(final String what) {
            return new IllegalArgumentException("invalid intrinsic function, " + what + " at position " + pos
                    + ": expression=" + text);
        }
    }
}
