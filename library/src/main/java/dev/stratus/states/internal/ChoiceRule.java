package dev.stratus.states.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Supplier;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A compiled Choice rule (JSONPath mode): a comparison, a type test, or And/Or/Not, with its Next at the top. */
public sealed interface ChoiceRule {
    /** The comparison operators, the type tests and their families. */
    Set<String> COMPARISONS = Set.of("StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals",
            "StringGreaterThanEquals", "StringMatches", "NumericEquals", "NumericLessThan", "NumericGreaterThan",
            "NumericLessThanEquals", "NumericGreaterThanEquals", "BooleanEquals", "TimestampEquals",
            "TimestampLessThan", "TimestampGreaterThan", "TimestampLessThanEquals", "TimestampGreaterThanEquals",
            "IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp");

    /** Whether the rule holds for {@code input}; may throw a States.Runtime error for a missing path. */
    boolean test(JsonNode input, Supplier<JsonNode> context);

    /** Both or all of the rules. */
    record And(List<ChoiceRule> rules) implements ChoiceRule {
        @Override
        public boolean test(final JsonNode input, final Supplier<JsonNode> context) {
            for (ChoiceRule r : rules) {
                if (!r.test(input, context)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Any of the rules. */
    record Or(List<ChoiceRule> rules) implements ChoiceRule {
        @Override
        public boolean test(final JsonNode input, final Supplier<JsonNode> context) {
            for (ChoiceRule r : rules) {
                if (r.test(input, context)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The negation of a rule. */
    record Not(ChoiceRule rule) implements ChoiceRule {
        @Override
        public boolean test(final JsonNode input, final Supplier<JsonNode> context) {
            return !rule.test(input, context);
        }
    }

    /** A comparison operator or type test, compiled from its ASL name: its family and its relation. */
    enum Operator {
        STRING_EQUALS(Family.STRING, Relation.EQUALS), STRING_LESS_THAN(Family.STRING, Relation.LESS),
        STRING_GREATER_THAN(Family.STRING, Relation.GREATER),
        STRING_LESS_THAN_EQUALS(Family.STRING, Relation.LESS_OR_EQUAL),
        STRING_GREATER_THAN_EQUALS(Family.STRING, Relation.GREATER_OR_EQUAL),
        STRING_MATCHES(Family.MATCHES, Relation.EQUALS),
        NUMERIC_EQUALS(Family.NUMERIC, Relation.EQUALS), NUMERIC_LESS_THAN(Family.NUMERIC, Relation.LESS),
        NUMERIC_GREATER_THAN(Family.NUMERIC, Relation.GREATER),
        NUMERIC_LESS_THAN_EQUALS(Family.NUMERIC, Relation.LESS_OR_EQUAL),
        NUMERIC_GREATER_THAN_EQUALS(Family.NUMERIC, Relation.GREATER_OR_EQUAL),
        BOOLEAN_EQUALS(Family.BOOLEAN, Relation.EQUALS),
        TIMESTAMP_EQUALS(Family.TIMESTAMP, Relation.EQUALS), TIMESTAMP_LESS_THAN(Family.TIMESTAMP, Relation.LESS),
        TIMESTAMP_GREATER_THAN(Family.TIMESTAMP, Relation.GREATER),
        TIMESTAMP_LESS_THAN_EQUALS(Family.TIMESTAMP, Relation.LESS_OR_EQUAL),
        TIMESTAMP_GREATER_THAN_EQUALS(Family.TIMESTAMP, Relation.GREATER_OR_EQUAL),
        IS_NULL(Family.TYPE_TEST, Relation.EQUALS), IS_PRESENT(Family.TYPE_TEST, Relation.EQUALS),
        IS_NUMERIC(Family.TYPE_TEST, Relation.EQUALS), IS_STRING(Family.TYPE_TEST, Relation.EQUALS),
        IS_BOOLEAN(Family.TYPE_TEST, Relation.EQUALS), IS_TIMESTAMP(Family.TYPE_TEST, Relation.EQUALS);

        private static final Map<String, Operator> BY_NAME = byName();

        final Family family;
        final Relation relation;
        final String aslName;

        Operator(final Family family, final Relation relation) {
            this.family = family;
            this.relation = relation;
            StringBuilder camel = new StringBuilder();
            for (String word : name().split("_")) {
                camel.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
            }
            this.aslName = camel.toString();
        }

        private static Map<String, Operator> byName() {
            Map<String, Operator> m = new java.util.HashMap<>();
            for (Operator o : values()) {
                m.put(o.aslName, o);
            }
            return Map.copyOf(m);
        }

        /** The operator of an ASL name (one of {@link #COMPARISONS}), or null. */
        static Operator of(final String aslName) {
            return BY_NAME.get(aslName);
        }
    }

    /** What a comparison compares. */
    enum Family { STRING, MATCHES, NUMERIC, BOOLEAN, TIMESTAMP, TYPE_TEST }

    /** How a comparison's result is read. */
    enum Relation {
        EQUALS, LESS, GREATER, LESS_OR_EQUAL, GREATER_OR_EQUAL;

        boolean holds(final int cmp) {
            switch (this) {
                case EQUALS:
                    return cmp == 0;
                case LESS:
                    return cmp < 0;
                case GREATER:
                    return cmp > 0;
                case LESS_OR_EQUAL:
                    return cmp <= 0;
                default:
                    return cmp >= 0;
            }
        }
    }

    /** {@code Variable} compared with a literal or with the value at another path. */
    record Comparison(JsonPath variable, Operator operator, JsonNode literal, JsonPath valuePath,
            String[] wildcardParts) implements ChoiceRule {
        @Override
        public boolean test(final JsonNode input, final Supplier<JsonNode> context) {
            JsonNode value = variable.read(input, context);
            if (operator == Operator.IS_PRESENT) {
                return (value != null) == literal.asBoolean();
            }
            if (value == null) {
                if (operator.family == Family.TYPE_TEST) {
                    return false;
                }
                throw AslError.runtime("Invalid path '" + variable.text() + "' : No results for path: "
                        + variable.normalized());
            }
            switch (operator) {
                case IS_NULL:
                    return value.isNull() == literal.asBoolean();
                case IS_NUMERIC:
                    return value.isNumber() == literal.asBoolean();
                case IS_STRING:
                    return value.isTextual() == literal.asBoolean();
                case IS_BOOLEAN:
                    return value.isBoolean() == literal.asBoolean();
                case IS_TIMESTAMP:
                    return (value.isTextual() && timestamp(value.asText()) != null) == literal.asBoolean();
                default:
                    break;
            }
            JsonNode other = literal;
            if (valuePath != null) {
                other = valuePath.read(input, context);
                if (other == null) {
                    throw AslError.runtime("Invalid path '" + valuePath.text() + "' : No results for path: "
                            + valuePath.normalized());
                }
            }
            switch (operator.family) {
                case MATCHES:
                    return value.isTextual() && matches(value.asText(), wildcardParts);
                case STRING:
                    return value.isTextual() && other.isTextual()
                            && operator.relation.holds(compareCodePoints(value.asText(), other.asText()));
                case NUMERIC:
                    return value.isNumber() && other.isNumber()
                            && operator.relation.holds(compareNumbers(value, other));
                case BOOLEAN:
                    return value.isBoolean() && other.isBoolean() && value.asBoolean() == other.asBoolean();
                default:
                    break;
            }
            if (!value.isTextual() || !other.isTextual()) {
                return false;
            }
            OffsetDateTime a = timestamp(value.asText());
            OffsetDateTime b = timestamp(other.asText());
            if (a == null || b == null) {
                return false;
            }
            return operator.relation.holds(a.toInstant().compareTo(b.toInstant()));
        }

        @Override
        public boolean equals(final Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return variable + " " + operator.aslName + " " + (valuePath != null ? valuePath : literal);
        }
    }

    /** Numbers by value; integral values that fit a long compare without allocating. */
    static int compareNumbers(final JsonNode a, final JsonNode b) {
        if (a.canConvertToLong() && b.canConvertToLong() && a.isIntegralNumber() && b.isIntegralNumber()) {
            return Long.compare(a.longValue(), b.longValue());
        }
        return a.decimalValue().compareTo(b.decimalValue());
    }

    /** An RFC 3339 timestamp with {@code T} and a zone, or null. */
    static OffsetDateTime timestamp(final String text) {
        if (text.length() < 20 || text.charAt(10) != 'T') {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Compares strings by Unicode code point, as AWS does. */
    static int compareCodePoints(final String a, final String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Splits a StringMatches pattern at its unescaped {@code *}s; {@code \*} and {@code \\} are literals. */
    static String[] wildcardParts(final String pattern) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length() && (pattern.charAt(i + 1) == '*'
                    || pattern.charAt(i + 1) == '\\')) {
                current.append(pattern.charAt(++i));
            } else if (c == '*') {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts.toArray(new String[0]);
    }

    /** Glob matching in linear passes: prefix, suffix, and leftmost occurrences of the middle parts. */
    static boolean matches(final String text, final String[] parts) {
        if (parts.length == 1) {
            return text.equals(parts[0]);
        }
        String first = parts[0];
        String last = parts[parts.length - 1];
        if (text.length() < first.length() + last.length() || !text.startsWith(first) || !text.endsWith(last)) {
            return false;
        }
        int pos = first.length();
        int end = text.length() - last.length();
        for (int i = 1; i < parts.length - 1; i++) {
            int found = text.indexOf(parts[i], pos);
            if (found < 0 || found + parts[i].length() > end) {
                return false;
            }
            pos = found + parts[i].length();
        }
        return true;
    }

    /**
     * Compiles a rule object.
     *
     * @throws IllegalArgumentException naming the field at fault
     */
    static ChoiceRule compile(final JsonNode rule, final String where) {
        if (rule.has("And") || rule.has("Or")) {
            String op = rule.has("And") ? "And" : "Or";
            JsonNode items = rule.get(op);
            if (!items.isArray() || items.isEmpty()) {
                throw new IllegalArgumentException(op + " must be a non-empty array (at " + where + ")");
            }
            List<ChoiceRule> rules = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                rules.add(compile(items.get(i), where + "/" + op + "/" + i));
            }
            return op.equals("And") ? new And(List.copyOf(rules)) : new Or(List.copyOf(rules));
        }
        if (rule.has("Not")) {
            return new Not(compile(rule.get("Not"), where + "/Not"));
        }
        JsonNode variable = rule.get("Variable");
        if (variable == null || !variable.isTextual()) {
            throw new IllegalArgumentException("A choice rule needs a Variable (at " + where + ")");
        }
        JsonPath path = JsonPath.compile(variable.asText());
        for (Map.Entry<String, JsonNode> e : rule.properties()) {
            String key = e.getKey();
            String op = key.endsWith("Path") && !key.equals("Variable") ? key.substring(0, key.length() - 4) : key;
            if (!COMPARISONS.contains(op)) {
                continue;
            }
            JsonNode value = e.getValue();
            if (!op.equals(key)) {
                if (!value.isTextual()) {
                    throw new IllegalArgumentException(key + " must be a path: " + key + "=" + value
                            + " (at " + where + ")");
                }
                return new Comparison(path, Operator.of(op), null, JsonPath.compile(value.asText()), null);
            }
            if (op.startsWith("Is") || op.equals("BooleanEquals")) {
                if (!value.isBoolean()) {
                    throw new IllegalArgumentException(op + " must be a boolean: " + op + "=" + value
                            + " (at " + where + ")");
                }
            } else if (op.startsWith("Numeric")) {
                if (!value.isNumber()) {
                    throw new IllegalArgumentException(op + " must be a number: " + op + "=" + value
                            + " (at " + where + ")");
                }
            } else if (!value.isTextual()) {
                throw new IllegalArgumentException(op + " must be a string: " + op + "=" + value
                        + " (at " + where + ")");
            }
            String[] parts = op.equals("StringMatches") ? wildcardParts(value.asText()) : null;
            return new Comparison(path, Operator.of(op), value, null, parts);
        }
        throw new IllegalArgumentException("A choice rule needs a comparison operator (at " + where + ")");
    }
}
