package dev.stratus.states;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stratus.core.internal.Json;
import java.util.Objects;

/**
 * A Choice rule: a comparison of the value at a JSONPath {@code Variable} (every ASL operator, each also in its
 * {@code *Path} form comparing with another value of the input), a type test ({@code Is*}), {@code And}/{@code Or}/
 * {@code Not} of rules, or a JSONata {@code Condition}. Immutable; {@link State.Choice#when(ChoiceRule, String)}
 * adds one to a Choice state with its {@code Next}.
 *
 * <pre>{@code
 * choice().when(and(isPresent("$.total", true), numericGreaterThan("$.total", 100)), "Review")
 *         .when(condition("{% $states.input.total > 100 %}").comment("JSONata"), "Review")
 *         .otherwise("Approve")
 * }</pre>
 *
 * <p>Every factory and modifier throws {@link NullPointerException} naming a null argument; whether the rule makes
 * sense (a valid path, a timestamp, the right rule shape) is checked with the whole definition on
 * {@link Definition.Builder#build()}.
 */
public final class ChoiceRule {
    private final ObjectNode json;

    private ChoiceRule(final ObjectNode json) {
        this.json = json;
    }

    /**
     * A rule from its ASL JSON (an object), for anything the factories do not cover; {@code Next} is added by
     * {@link State.Choice#when(ChoiceRule, String)}.
     *
     * @throws IllegalArgumentException if {@code rule} is not a JSON object
     */
    public static ChoiceRule of(final JsonNode rule) {
        Objects.requireNonNull(rule, "rule");
        if (!rule.isObject()) {
            throw new IllegalArgumentException("a rule must be a JSON object: rule=" + rule);
        }
        return new ChoiceRule(((ObjectNode) rule).deepCopy());
    }

    /** {@code StringEquals}: the string at {@code variable} {@code ==} {@code value}. */
    public static ChoiceRule stringEquals(final String variable, final String value) {
        return compare(variable, "StringEquals", text("value", value));
    }

    /** {@code StringEqualsPath}: the string at {@code variable} {@code ==} the one at {@code path}. */
    public static ChoiceRule stringEqualsPath(final String variable, final String path) {
        return compare(variable, "StringEqualsPath", text("path", path));
    }

    /** {@code StringLessThan}: the string at {@code variable} {@code <} {@code value}. */
    public static ChoiceRule stringLessThan(final String variable, final String value) {
        return compare(variable, "StringLessThan", text("value", value));
    }

    /** {@code StringLessThanPath}: the string at {@code variable} {@code <} the one at {@code path}. */
    public static ChoiceRule stringLessThanPath(final String variable, final String path) {
        return compare(variable, "StringLessThanPath", text("path", path));
    }

    /** {@code StringGreaterThan}: the string at {@code variable} {@code >} {@code value}. */
    public static ChoiceRule stringGreaterThan(final String variable, final String value) {
        return compare(variable, "StringGreaterThan", text("value", value));
    }

    /** {@code StringGreaterThanPath}: the string at {@code variable} {@code >} the one at {@code path}. */
    public static ChoiceRule stringGreaterThanPath(final String variable, final String path) {
        return compare(variable, "StringGreaterThanPath", text("path", path));
    }

    /** {@code StringLessThanEquals}: the string at {@code variable} {@code <=} {@code value}. */
    public static ChoiceRule stringLessThanEquals(final String variable, final String value) {
        return compare(variable, "StringLessThanEquals", text("value", value));
    }

    /** {@code StringLessThanEqualsPath}: the string at {@code variable} {@code <=} the one at {@code path}. */
    public static ChoiceRule stringLessThanEqualsPath(final String variable, final String path) {
        return compare(variable, "StringLessThanEqualsPath", text("path", path));
    }

    /** {@code StringGreaterThanEquals}: the string at {@code variable} {@code >=} {@code value}. */
    public static ChoiceRule stringGreaterThanEquals(final String variable, final String value) {
        return compare(variable, "StringGreaterThanEquals", text("value", value));
    }

    /** {@code StringGreaterThanEqualsPath}: the string at {@code variable} {@code >=} the one at {@code path}. */
    public static ChoiceRule stringGreaterThanEqualsPath(final String variable, final String path) {
        return compare(variable, "StringGreaterThanEqualsPath", text("path", path));
    }

    /** {@code NumericEquals}: the number at {@code variable} {@code ==} {@code value}. */
    public static ChoiceRule numericEquals(final String variable, final Number value) {
        return compare(variable, "NumericEquals", numberNode(value));
    }

    /** {@code NumericEqualsPath}: the number at {@code variable} {@code ==} the one at {@code path}. */
    public static ChoiceRule numericEqualsPath(final String variable, final String path) {
        return compare(variable, "NumericEqualsPath", text("path", path));
    }

    /** {@code NumericLessThan}: the number at {@code variable} {@code <} {@code value}. */
    public static ChoiceRule numericLessThan(final String variable, final Number value) {
        return compare(variable, "NumericLessThan", numberNode(value));
    }

    /** {@code NumericLessThanPath}: the number at {@code variable} {@code <} the one at {@code path}. */
    public static ChoiceRule numericLessThanPath(final String variable, final String path) {
        return compare(variable, "NumericLessThanPath", text("path", path));
    }

    /** {@code NumericGreaterThan}: the number at {@code variable} {@code >} {@code value}. */
    public static ChoiceRule numericGreaterThan(final String variable, final Number value) {
        return compare(variable, "NumericGreaterThan", numberNode(value));
    }

    /** {@code NumericGreaterThanPath}: the number at {@code variable} {@code >} the one at {@code path}. */
    public static ChoiceRule numericGreaterThanPath(final String variable, final String path) {
        return compare(variable, "NumericGreaterThanPath", text("path", path));
    }

    /** {@code NumericLessThanEquals}: the number at {@code variable} {@code <=} {@code value}. */
    public static ChoiceRule numericLessThanEquals(final String variable, final Number value) {
        return compare(variable, "NumericLessThanEquals", numberNode(value));
    }

    /** {@code NumericLessThanEqualsPath}: the number at {@code variable} {@code <=} the one at {@code path}. */
    public static ChoiceRule numericLessThanEqualsPath(final String variable, final String path) {
        return compare(variable, "NumericLessThanEqualsPath", text("path", path));
    }

    /** {@code NumericGreaterThanEquals}: the number at {@code variable} {@code >=} {@code value}. */
    public static ChoiceRule numericGreaterThanEquals(final String variable, final Number value) {
        return compare(variable, "NumericGreaterThanEquals", numberNode(value));
    }

    /** {@code NumericGreaterThanEqualsPath}: the number at {@code variable} {@code >=} the one at {@code path}. */
    public static ChoiceRule numericGreaterThanEqualsPath(final String variable, final String path) {
        return compare(variable, "NumericGreaterThanEqualsPath", text("path", path));
    }

    /** {@code TimestampEquals}: the timestamp at {@code variable} {@code ==} {@code value}. */
    public static ChoiceRule timestampEquals(final String variable, final String value) {
        return compare(variable, "TimestampEquals", text("value", value));
    }

    /** {@code TimestampEqualsPath}: the timestamp at {@code variable} {@code ==} the one at {@code path}. */
    public static ChoiceRule timestampEqualsPath(final String variable, final String path) {
        return compare(variable, "TimestampEqualsPath", text("path", path));
    }

    /** {@code TimestampLessThan}: the timestamp at {@code variable} {@code <} {@code value}. */
    public static ChoiceRule timestampLessThan(final String variable, final String value) {
        return compare(variable, "TimestampLessThan", text("value", value));
    }

    /** {@code TimestampLessThanPath}: the timestamp at {@code variable} {@code <} the one at {@code path}. */
    public static ChoiceRule timestampLessThanPath(final String variable, final String path) {
        return compare(variable, "TimestampLessThanPath", text("path", path));
    }

    /** {@code TimestampGreaterThan}: the timestamp at {@code variable} {@code >} {@code value}. */
    public static ChoiceRule timestampGreaterThan(final String variable, final String value) {
        return compare(variable, "TimestampGreaterThan", text("value", value));
    }

    /** {@code TimestampGreaterThanPath}: the timestamp at {@code variable} {@code >} the one at {@code path}. */
    public static ChoiceRule timestampGreaterThanPath(final String variable, final String path) {
        return compare(variable, "TimestampGreaterThanPath", text("path", path));
    }

    /** {@code TimestampLessThanEquals}: the timestamp at {@code variable} {@code <=} {@code value}. */
    public static ChoiceRule timestampLessThanEquals(final String variable, final String value) {
        return compare(variable, "TimestampLessThanEquals", text("value", value));
    }

    /** {@code TimestampLessThanEqualsPath}: the timestamp at {@code variable} {@code <=} the one at {@code path}. */
    public static ChoiceRule timestampLessThanEqualsPath(final String variable, final String path) {
        return compare(variable, "TimestampLessThanEqualsPath", text("path", path));
    }

    /** {@code TimestampGreaterThanEquals}: the timestamp at {@code variable} {@code >=} {@code value}. */
    public static ChoiceRule timestampGreaterThanEquals(final String variable, final String value) {
        return compare(variable, "TimestampGreaterThanEquals", text("value", value));
    }

    /** {@code TimestampGreaterThanEqualsPath}: the timestamp at {@code variable} {@code >=} the one at {@code path}. */
    public static ChoiceRule timestampGreaterThanEqualsPath(final String variable, final String path) {
        return compare(variable, "TimestampGreaterThanEqualsPath", text("path", path));
    }

    /** {@code StringMatches}: the string at {@code variable} matches {@code pattern}, where {@code *} is a wildcard. */
    public static ChoiceRule stringMatches(final String variable, final String pattern) {
        return compare(variable, "StringMatches", text("pattern", pattern));
    }

    /** {@code BooleanEquals}: the boolean at {@code variable} is {@code value}. */
    public static ChoiceRule booleanEquals(final String variable, final boolean value) {
        return compare(variable, "BooleanEquals", BooleanNode.valueOf(value));
    }

    /** {@code BooleanEqualsPath}: the boolean at {@code variable} equals the one at {@code path}. */
    public static ChoiceRule booleanEqualsPath(final String variable, final String path) {
        return compare(variable, "BooleanEqualsPath", text("path", path));
    }

    /** {@code IsNull}: whether the value at {@code variable} is null is {@code expected}. */
    public static ChoiceRule isNull(final String variable, final boolean expected) {
        return compare(variable, "IsNull", BooleanNode.valueOf(expected));
    }

    /** {@code IsPresent}: whether {@code variable} selects anything is {@code expected}. */
    public static ChoiceRule isPresent(final String variable, final boolean expected) {
        return compare(variable, "IsPresent", BooleanNode.valueOf(expected));
    }

    /** {@code IsNumeric}: whether the value at {@code variable} is a number is {@code expected}. */
    public static ChoiceRule isNumeric(final String variable, final boolean expected) {
        return compare(variable, "IsNumeric", BooleanNode.valueOf(expected));
    }

    /** {@code IsString}: whether the value at {@code variable} is a string is {@code expected}. */
    public static ChoiceRule isString(final String variable, final boolean expected) {
        return compare(variable, "IsString", BooleanNode.valueOf(expected));
    }

    /** {@code IsBoolean}: whether the value at {@code variable} is a boolean is {@code expected}. */
    public static ChoiceRule isBoolean(final String variable, final boolean expected) {
        return compare(variable, "IsBoolean", BooleanNode.valueOf(expected));
    }

    /** {@code IsTimestamp}: whether the value at {@code variable} is an ISO 8601 timestamp is {@code expected}. */
    public static ChoiceRule isTimestamp(final String variable, final boolean expected) {
        return compare(variable, "IsTimestamp", BooleanNode.valueOf(expected));
    }

    /** {@code And}: every rule matches. */
    public static ChoiceRule and(final ChoiceRule... rules) {
        return combine("And", rules);
    }

    /** {@code Or}: at least one rule matches. */
    public static ChoiceRule or(final ChoiceRule... rules) {
        return combine("Or", rules);
    }

    /** {@code Not}: the rule does not match. */
    public static ChoiceRule not(final ChoiceRule rule) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.set("Not", Objects.requireNonNull(rule, "rule").toJson());
        return new ChoiceRule(json);
    }

    /** A JSONata {@code Condition}, e.g. {@code "{% $states.input.total > 100 %}"}. */
    public static ChoiceRule condition(final String condition) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.set("Condition", text("condition", condition));
        return new ChoiceRule(json);
    }

    /** A JSONata {@code Condition} that is a constant. */
    public static ChoiceRule condition(final boolean condition) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.set("Condition", BooleanNode.valueOf(condition));
        return new ChoiceRule(json);
    }

    /** This rule with {@code Comment} set. */
    public ChoiceRule comment(final String comment) {
        return with("Comment", text("comment", comment));
    }

    /** This rule with {@code Assign} set, the variables assigned when it matches (a top-level rule only). */
    public ChoiceRule assign(final JsonNode assign) {
        return with("Assign", Objects.requireNonNull(assign, "assign").deepCopy());
    }

    /**
     * This rule with {@code Assign} set from JSON text.
     *
     * @throws IllegalArgumentException if the text is not JSON
     */
    public ChoiceRule assign(final String assign) {
        return with("Assign", JsonBuilder.parse("assign", assign));
    }

    /** This rule with JSONata {@code Output} set, the state's output when it matches (a top-level rule only). */
    public ChoiceRule output(final JsonNode output) {
        return with("Output", Objects.requireNonNull(output, "output").deepCopy());
    }

    /**
     * This rule with JSONata {@code Output} set from JSON text or a {@code {% ... %}} expression.
     *
     * @throws IllegalArgumentException if the text is neither
     */
    public ChoiceRule output(final String output) {
        return with("Output", JsonBuilder.parse("output", output));
    }

    /** This rule with any field set to a JSON value, for fields without a typed method. */
    public ChoiceRule field(final String name, final JsonNode value) {
        return with(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value").deepCopy());
    }

    /** The rule's ASL JSON, a copy. */
    ObjectNode toJson() {
        return json.deepCopy();
    }

    private ChoiceRule with(final String name, final JsonNode value) {
        ObjectNode copy = json.deepCopy();
        copy.set(name, value);
        return new ChoiceRule(copy);
    }

    private static ChoiceRule compare(final String variable, final String operator, final JsonNode value) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.set("Variable", text("variable", variable));
        json.set(operator, value);
        return new ChoiceRule(json);
    }

    private static ChoiceRule combine(final String operator, final ChoiceRule... rules) {
        Objects.requireNonNull(rules, "rules");
        ObjectNode json = Json.MAPPER.createObjectNode();
        ArrayNode array = json.putArray(operator);
        for (ChoiceRule rule : rules) {
            array.add(Objects.requireNonNull(rule, "rule").toJson());
        }
        return new ChoiceRule(json);
    }

    private static TextNode text(final String name, final String value) {
        return TextNode.valueOf(Objects.requireNonNull(value, name));
    }

    private static JsonNode numberNode(final Number value) {
        return JsonBuilder.numberNode(value);
    }

    /** Rules are equal when their ASL JSON is. */
    @Override
    public boolean equals(final Object o) {
        return o instanceof ChoiceRule && ((ChoiceRule) o).json.equals(json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    /** The rule's ASL JSON text. */
    @Override
    public String toString() {
        return Json.write(json);
    }
}
