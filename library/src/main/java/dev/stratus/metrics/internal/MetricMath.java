package dev.stratus.metrics.internal;

import dev.stratus.core.StratusException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * CloudWatch metric math over GetMetricData results: numbers, query ids, {@code + - * / ^}, unary minus,
 * parentheses, arrays {@code [a, b]} and the functions SUM, AVG, MIN, MAX (of one series: a scalar; of an array: a
 * series), ABS, RATE (change per second), DIFF, FILL (a value, {@code REPEAT} or {@code LINEAR}) and METRICS().
 * Binary operators on two series work on the union of their timestamps, a missing value counting as 0; a
 * division by zero drops the point.
 */
public final class MetricMath {
    /** A series: timestamp (epoch second) to value, ascending. */
    public record Value(Double scalar, TreeMap<Long, Double> series, List<TreeMap<Long, Double>> array) {
        static Value scalar(final double v) {
            return new Value(v, null, null);
        }

        static Value series(final TreeMap<Long, Double> s) {
            return new Value(null, s, null);
        }

        static Value array(final List<TreeMap<Long, Double>> a) {
            return new Value(null, null, a);
        }
    }

    private final String text;
    private final Function<String, TreeMap<Long, Double>> ids;
    private final List<Long> grid;
    private final List<String> allIds;
    private int pos;

    private MetricMath(final String text, final Function<String, TreeMap<Long, Double>> ids, final List<Long> grid,
            final List<String> allIds) {
        this.text = text;
        this.ids = ids;
        this.grid = grid;
        this.allIds = allIds;
    }

    /**
     * Evaluates {@code expression}; {@code ids} resolves a query id to its series (or throws), {@code grid} lists
     * the period starts of the window (for FILL), {@code allIds} the metric queries for METRICS().
     */
    public static Value evaluate(final String expression, final Function<String, TreeMap<Long, Double>> ids,
            final List<Long> grid, final List<String> allIds) {
        MetricMath math = new MetricMath(expression, ids, grid, allIds);
        Value value = math.sum();
        math.skipSpaces();
        if (math.pos < expression.length()) {
            throw math.error("unexpected '" + expression.charAt(math.pos) + "'");
        }
        return value;
    }

    /** The ids an expression refers to (lower-case first letter, not a function name). */
    public static List<String> references(final String expression) {
        List<String> found = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\s*\\()?")
                .matcher(expression);
        while (m.find()) {
            String word = m.group().replaceAll("[\\s(]", "");
            if (m.group(1) == null && Character.isLowerCase(word.charAt(0)) && !found.contains(word)) {
                found.add(word);
            }
        }
        return found;
    }

    private Value sum() {
        Value left = product();
        while (true) {
            skipSpaces();
            if (peek('+')) {
                pos++;
                left = binary(left, product(), '+');
            } else if (peek('-')) {
                pos++;
                left = binary(left, product(), '-');
            } else {
                return left;
            }
        }
    }

    private Value product() {
        Value left = power();
        while (true) {
            skipSpaces();
            if (peek('*')) {
                pos++;
                left = binary(left, power(), '*');
            } else if (peek('/')) {
                pos++;
                left = binary(left, power(), '/');
            } else {
                return left;
            }
        }
    }

    private Value power() {
        Value base = unary();
        skipSpaces();
        if (peek('^')) {
            pos++;
            return binary(base, power(), '^');
        }
        return base;
    }

    private Value unary() {
        skipSpaces();
        if (peek('-')) {
            pos++;
            return binary(Value.scalar(0), unary(), '-');
        }
        return primary();
    }

    private Value primary() {
        skipSpaces();
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            Value inner = sum();
            expect(')');
            return inner;
        }
        if (c == '[') {
            pos++;
            List<TreeMap<Long, Double>> items = new ArrayList<>();
            do {
                Value item = sum();
                if (item.series() != null) {
                    items.add(item.series());
                } else if (item.array() != null) {
                    items.addAll(item.array());
                } else {
                    throw error("an array holds series, not numbers");
                }
                skipSpaces();
            } while (peek(',') && pos++ >= 0);
            expect(']');
            return Value.array(items);
        }
        if (Character.isDigit(c) || c == '.') {
            int start = pos;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                    || text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                pos++;
            }
            return Value.scalar(Double.parseDouble(text.substring(start, pos)));
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String word = text.substring(start, pos);
            skipSpaces();
            if (peek('(')) {
                pos++;
                return function(word.toUpperCase(Locale.ROOT));
            }
            return Value.series(ids.apply(word));
        }
        throw error("unexpected '" + c + "'");
    }

    private Value function(final String name) {
        List<Object> args = new ArrayList<>();
        skipSpaces();
        if (!peek(')')) {
            do {
                skipSpaces();
                int start = pos;
                while (pos < text.length() && Character.isUpperCase(text.charAt(pos))) {
                    pos++;
                }
                String keyword = text.substring(start, pos);
                skipSpaces();
                if (!keyword.isEmpty() && (peek(',') || peek(')'))) {
                    args.add(keyword);
                } else {
                    pos = start;
                    args.add(sum());
                }
                skipSpaces();
            } while (peek(',') && pos++ >= 0);
        }
        expect(')');
        switch (name) {
            case "METRICS" -> {
                List<TreeMap<Long, Double>> all = new ArrayList<>();
                for (String id : allIds) {
                    all.add(ids.apply(id));
                }
                return Value.array(all);
            }
            case "SUM", "AVG", "MIN", "MAX" -> {
                Value arg = single(name, args);
                if (arg.series() != null) {
                    return Value.scalar(reduce(name, new ArrayList<>(arg.series().values())));
                }
                if (arg.array() != null) {
                    TreeMap<Long, List<Double>> byTime = new TreeMap<>();
                    for (TreeMap<Long, Double> s : arg.array()) {
                        s.forEach((t, v) -> byTime.computeIfAbsent(t, k -> new ArrayList<>()).add(v));
                    }
                    TreeMap<Long, Double> out = new TreeMap<>();
                    byTime.forEach((t, vs) -> out.put(t, reduce(name, vs)));
                    return Value.series(out);
                }
                return arg;
            }
            case "ABS" -> {
                return map(single(name, args), Math::abs);
            }
            case "RATE", "DIFF" -> {
                TreeMap<Long, Double> s = series(name, single(name, args));
                TreeMap<Long, Double> out = new TreeMap<>();
                Map.Entry<Long, Double> previous = null;
                for (Map.Entry<Long, Double> entry : s.entrySet()) {
                    if (previous != null) {
                        double diff = entry.getValue() - previous.getValue();
                        out.put(entry.getKey(), name.equals("DIFF") ? diff
                                : diff / (entry.getKey() - previous.getKey()));
                    }
                    previous = entry;
                }
                return Value.series(out);
            }
            case "FILL" -> {
                if (args.size() != 2 || !(args.get(0) instanceof Value)) {
                    throw error("FILL takes a series and a value, REPEAT or LINEAR");
                }
                TreeMap<Long, Double> s = series(name, (Value) args.get(0));
                return Value.series(fill(s, args.get(1)));
            }
            default -> throw error("unknown function " + name);
        }
    }

    private TreeMap<Long, Double> fill(final TreeMap<Long, Double> s, final Object how) {
        TreeMap<Long, Double> out = new TreeMap<>(s);
        for (Long t : grid) {
            if (out.containsKey(t)) {
                continue;
            }
            Map.Entry<Long, Double> before = s.floorEntry(t);
            Map.Entry<Long, Double> after = s.ceilingEntry(t);
            if (how instanceof Value v && v.scalar() != null) {
                out.put(t, v.scalar());
            } else if ("REPEAT".equals(how)) {
                if (before != null) {
                    out.put(t, before.getValue());
                } else if (after != null) {
                    out.put(t, after.getValue());
                }
            } else if ("LINEAR".equals(how)) {
                if (before != null && after != null) {
                    double f = (double) (t - before.getKey()) / (after.getKey() - before.getKey());
                    out.put(t, before.getValue() + f * (after.getValue() - before.getValue()));
                }
            } else {
                throw error("FILL takes a number, REPEAT or LINEAR");
            }
        }
        return out;
    }

    private static double reduce(final String name, final List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double acc = name.equals("MIN") ? Double.POSITIVE_INFINITY : name.equals("MAX")
                ? Double.NEGATIVE_INFINITY : 0;
        for (double v : values) {
            acc = switch (name) {
                case "MIN" -> Math.min(acc, v);
                case "MAX" -> Math.max(acc, v);
                default -> acc + v;
            };
        }
        return name.equals("AVG") ? acc / values.size() : acc;
    }

    private Value single(final String name, final List<Object> args) {
        if (args.size() != 1 || !(args.get(0) instanceof Value)) {
            throw error(name + " takes one argument");
        }
        return (Value) args.get(0);
    }

    private TreeMap<Long, Double> series(final String name, final Value value) {
        if (value.series() == null) {
            throw error(name + " takes a time series");
        }
        return value.series();
    }

    private static Value map(final Value value, final java.util.function.DoubleUnaryOperator op) {
        if (value.scalar() != null) {
            return Value.scalar(op.applyAsDouble(value.scalar()));
        }
        if (value.series() != null) {
            TreeMap<Long, Double> out = new TreeMap<>();
            value.series().forEach((t, v) -> out.put(t, op.applyAsDouble(v)));
            return Value.series(out);
        }
        List<TreeMap<Long, Double>> out = new ArrayList<>();
        for (TreeMap<Long, Double> s : value.array()) {
            out.add(map(Value.series(s), op).series());
        }
        return Value.array(out);
    }

    private Value binary(final Value left, final Value right, final char op) {
        if (left.array() != null || right.array() != null) {
            Value arrayValue = left.array() != null ? left : right;
            List<TreeMap<Long, Double>> out = new ArrayList<>();
            for (TreeMap<Long, Double> s : arrayValue.array()) {
                out.add(left.array() != null ? binary(Value.series(s), right, op).series()
                        : binary(left, Value.series(s), op).series());
            }
            return Value.array(out);
        }
        if (left.scalar() != null && right.scalar() != null) {
            double r = apply(left.scalar(), right.scalar(), op);
            return Value.scalar(r);
        }
        TreeMap<Long, Double> out = new TreeMap<>();
        java.util.TreeSet<Long> times = new java.util.TreeSet<>();
        if (left.series() != null) {
            times.addAll(left.series().keySet());
        }
        if (right.series() != null) {
            times.addAll(right.series().keySet());
        }
        for (Long t : times) {
            double a = left.scalar() != null ? left.scalar() : left.series().getOrDefault(t, 0.0);
            double b = right.scalar() != null ? right.scalar() : right.series().getOrDefault(t, 0.0);
            double r = apply(a, b, op);
            if (!Double.isNaN(r) && !Double.isInfinite(r)) {
                out.put(t, r);
            }
        }
        return Value.series(out);
    }

    private static double apply(final double a, final double b, final char op) {
        return switch (op) {
            case '+' -> a + b;
            case '-' -> a - b;
            case '*' -> a * b;
            case '/' -> b == 0 ? Double.NaN : a / b;
            default -> Math.pow(a, b);
        };
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean peek(final char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(final char c) {
        skipSpaces();
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private StratusException error(final String what) {
        return new StratusException("ValidationError", "Error in expression '" + text + "' at position " + pos
                + ": " + what + ".");
    }
}
