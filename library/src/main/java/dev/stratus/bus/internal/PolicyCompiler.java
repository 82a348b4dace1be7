package dev.stratus.bus.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.core.internal.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates and compiles SNS filter policies: event-ruler's grammar and error texts first (in document order, as
 * its streaming parser reports them), then the SNS layer (scope nesting, 5 keys, 150 combinations, 256 KiB).
 */
public final class PolicyCompiler {
    /** SNS's limit on top-level keys. */
    public static final int MAX_KEYS = 5;
    /** SNS's limit on the combination count. */
    public static final int MAX_COMBINATIONS = 150;
    /** SNS's limit on the policy size in bytes. */
    public static final int MAX_POLICY_BYTES = 256 * 1024;

    private static final String OR = "$or";

    private PolicyCompiler() {
    }

    /**
     * Compiles {@code text} for the given scope.
     *
     * @throws PolicyException with AWS's reason text
     */
    public static CompiledPolicy compile(final String text, final boolean bodyScope) {
        if (Utf8.length(text) > MAX_POLICY_BYTES) {
            throw new PolicyException("Filter policy is too large");
        }
        JsonNode root;
        try {
            root = Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new PolicyException("failed to parse JSON. " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new PolicyException("Filter is not an object");
        }
        checkObject(root);
        if (!bodyScope && hasNesting(root)) {
            throw new PolicyException("Filter policy scope MessageAttributes does not support nested filter policy",
                    false);
        }
        if (root.size() > MAX_KEYS) {
            throw new PolicyException("Filter policy can not have more than " + MAX_KEYS + " keys");
        }
        long combinations = combinations(root, 1);
        if (combinations > MAX_COMBINATIONS) {
            throw new PolicyException("Filter policy is too complex");
        }
        List<SubRule> subRules = new ArrayList<>();
        for (List<Slot> conjunction : expand(root, "")) {
            List<String> paths = new ArrayList<>();
            List<Condition[]> conditions = new ArrayList<>();
            for (Slot slot : conjunction) {
                paths.add(slot.path);
                conditions.add(slot.conditions);
            }
            subRules.add(new SubRule(paths, conditions));
        }
        return new CompiledPolicy(subRules, (int) combinations, bodyScope);
    }

    private record Slot(String path, Condition[] conditions) {
    }

    // ---- event-ruler's structural validation

    private static void checkObject(final JsonNode object) {
        if (object.isEmpty()) {
            throw new PolicyException("Empty objects are not allowed");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.equals(OR)) {
                if (!value.isArray()) {
                    throw new PolicyException("It must be an Array followed with $or.");
                }
                checkOr(value);
            } else if (value.isObject()) {
                checkObject(value);
            } else if (value.isArray()) {
                checkLeaf(value);
            } else {
                throw new PolicyException("\"" + key + "\" must be an object or an array");
            }
        }
    }

    private static void checkOr(final JsonNode array) {
        for (JsonNode branch : array) {
            if (!branch.isObject()) {
                throw new PolicyException("Only JSON object is allowed in array of $or relationship.");
            }
            checkObject(branch);
        }
        if (array.size() < 2) {
            throw new PolicyException("There must have at least 2 Objects in $or relationship.");
        }
    }

    private static void checkLeaf(final JsonNode array) {
        if (array.isEmpty()) {
            throw new PolicyException("Empty arrays are not allowed");
        }
        for (JsonNode element : array) {
            condition(element);
        }
    }

    private static Condition condition(final JsonNode element) {
        if (element.isTextual()) {
            return new Condition.ExactString(element.textValue());
        }
        if (element.isNumber()) {
            return new Condition.ExactNumber(element.doubleValue());
        }
        if (element.isBoolean()) {
            return new Condition.ExactLiteral(element.booleanValue() ? FieldValue.TRUE : FieldValue.FALSE);
        }
        if (element.isNull()) {
            return new Condition.ExactLiteral(FieldValue.NULL);
        }
        if (!element.isObject()) {
            throw new PolicyException("Match value must be String, number, true, false, or null");
        }
        if (element.isEmpty()) {
            throw new PolicyException("Match expression name not found");
        }
        Map.Entry<String, JsonNode> first = element.properties().iterator().next();
        Condition condition = matchExpression(first.getKey(), first.getValue());
        if (element.size() > 1) {
            throw new PolicyException("Only one key allowed in match expression");
        }
        return condition;
    }

    private static Condition matchExpression(final String type, final JsonNode value) {
        switch (type) {
            case "prefix":
                return new Condition.Prefix(patternString(value, "prefix"));
            case "suffix":
                return new Condition.Suffix(patternString(value, "suffix"));
            case "equals-ignore-case":
                return new Condition.EqualsIgnoreCase(patternString(value, "equals-ignore-case"));
            case "exists":
                if (!value.isBoolean()) {
                    throw new PolicyException("exists match pattern must be either true or false.");
                }
                return new Condition.Exists(value.booleanValue());
            case "cidr":
                return new Condition.InCidr(Cidr.parse(patternString(value, "prefix")));
            case "numeric":
                return numeric(value);
            case "anything-but":
                return anythingBut(value);
            default:
                throw new PolicyException("Unrecognized match type " + type);
        }
    }

    private static String patternString(final JsonNode value, final String name) {
        if (!value.isTextual()) {
            throw new PolicyException(name + " match pattern must be a string");
        }
        return value.textValue();
    }

    private static Condition anythingBut(final JsonNode value) {
        if (value.isTextual()) {
            return new Condition.AnythingButStrings(Set.of(value.textValue()));
        }
        if (value.isNumber()) {
            return new Condition.AnythingButNumbers(new double[] {value.doubleValue()});
        }
        if (value.isArray()) {
            Set<String> strings = new HashSet<>();
            double[] numbers = new double[value.size()];
            int count = 0;
            for (JsonNode element : value) {
                if (element.isTextual()) {
                    strings.add(element.textValue());
                } else if (element.isNumber()) {
                    numbers[count++] = element.doubleValue();
                } else {
                    throw new PolicyException("Inside anything but list, start|null|boolean is not supported.");
                }
            }
            if (strings.isEmpty() == (count == 0)) {
                throw new PolicyException("Inside anything but list, either all values are number or string, "
                        + "mixed type is not supported");
            }
            return count == 0 ? new Condition.AnythingButStrings(Set.copyOf(strings))
                    : new Condition.AnythingButNumbers(java.util.Arrays.copyOf(numbers, count));
        }
        if (value.isObject()) {
            if (value.isEmpty()) {
                throw new PolicyException("Unsupported anything-but pattern: }");
            }
            Map.Entry<String, JsonNode> first = value.properties().iterator().next();
            if (!first.getKey().equals("prefix")) {
                throw new PolicyException("Unsupported anything-but pattern: " + first.getKey());
            }
            String prefix = patternString(first.getValue(), "prefix");
            if (prefix.isEmpty()) {
                throw new PolicyException("Null prefix/suffix not allowed");
            }
            if (value.size() > 1) {
                // event-ruler's own wording for a second key here
                throw new PolicyException("Too many elements in numeric expression");
            }
            return new Condition.AnythingButPrefix(prefix);
        }
        throw new PolicyException("Value of anything-but must be an array or single string/number value.");
    }

    private static Condition numeric(final JsonNode value) {
        if (!value.isArray()) {
            throw new PolicyException("Value of numeric must be an array.");
        }
        if (value.isEmpty()) {
            throw new PolicyException("Invalid member in numeric match: ]");
        }
        JsonNode first = value.get(0);
        if (!first.isTextual()) {
            throw new PolicyException("Invalid member in numeric match: " + tokenText(first));
        }
        String operator = first.textValue();
        switch (operator) {
            case "=": {
                if (!isNumber(value, 1)) {
                    throw new PolicyException("Value of equals must be numeric");
                }
                if (value.size() > 2) {
                    throw new PolicyException("Too many elements in numeric expression");
                }
                double number = value.get(1).doubleValue();
                return new Condition.Numeric(number, true, number, true);
            }
            case "<":
            case "<=": {
                double top = bound(value, 1, operator);
                if (value.size() > 2) {
                    throw new PolicyException("Too many elements in numeric expression");
                }
                return new Condition.Numeric(Double.NEGATIVE_INFINITY, false, top, operator.equals("<="));
            }
            case ">":
            case ">=": {
                double bottom = bound(value, 1, operator);
                boolean bottomInclusive = operator.equals(">=");
                if (value.size() == 2) {
                    return new Condition.Numeric(bottom, bottomInclusive, Double.POSITIVE_INFINITY, false);
                }
                JsonNode second = value.get(2);
                if (!second.isTextual()) {
                    throw new PolicyException("Bad value in numeric range: " + tokenText(second));
                }
                String upperOperator = second.textValue();
                if (!upperOperator.equals("<") && !upperOperator.equals("<=")) {
                    throw new PolicyException("Bad numeric range operator: " + upperOperator);
                }
                double top = bound(value, 3, upperOperator);
                if (value.size() > 4) {
                    throw new PolicyException("Too many terms in numeric range expression");
                }
                if (bottom >= top) {
                    throw new PolicyException("Bottom must be less than top");
                }
                return new Condition.Numeric(bottom, bottomInclusive, top, upperOperator.equals("<="));
            }
            default:
                throw new PolicyException("Unrecognized numeric range operator: " + operator);
        }
    }

    private static boolean isNumber(final JsonNode array, final int index) {
        return index < array.size() && array.get(index).isNumber();
    }

    private static double bound(final JsonNode array, final int index, final String operator) {
        if (!isNumber(array, index)) {
            throw new PolicyException("Value of " + operator + " must be numeric");
        }
        return array.get(index).doubleValue();
    }

    private static String tokenText(final JsonNode node) {
        if (node.isArray()) {
            return "[";
        }
        if (node.isObject()) {
            return "{";
        }
        return node.asText();
    }

    // ---- SNS layer

    private static boolean hasNesting(final JsonNode object) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals(OR) && field.getValue().isArray()) {
                for (JsonNode branch : field.getValue()) {
                    if (hasNesting(branch)) {
                        return true;
                    }
                }
            } else if (field.getValue().isObject()) {
                return true;
            }
        }
        return false;
    }

    /** A leaf of n values at depth d counts n * d; sibling keys multiply; {@code $or} branches add. */
    private static long combinations(final JsonNode object, final int depth) {
        long product = 1;
        Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            long factor;
            if (field.getKey().equals(OR) && value.isArray()) {
                factor = 0;
                for (JsonNode branch : value) {
                    factor += combinations(branch, depth);
                }
            } else if (value.isObject()) {
                factor = combinations(value, depth + 1);
            } else {
                factor = (long) value.size() * depth;
            }
            product = Math.min(product * factor, Integer.MAX_VALUE);
        }
        return product;
    }

    private static List<List<Slot>> expand(final JsonNode object, final String prefix) {
        List<List<Slot>> result = new ArrayList<>();
        result.add(List.of());
        Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            List<List<Slot>> alternatives;
            if (field.getKey().equals(OR) && value.isArray()) {
                alternatives = new ArrayList<>();
                for (JsonNode branch : value) {
                    alternatives.addAll(expand(branch, prefix));
                }
            } else if (value.isObject()) {
                alternatives = expand(value, prefix + field.getKey() + ".");
            } else {
                Condition[] conditions = new Condition[value.size()];
                for (int i = 0; i < conditions.length; i++) {
                    conditions[i] = condition(value.get(i));
                }
                alternatives = List.of(List.of(new Slot(prefix + field.getKey(), conditions)));
            }
            List<List<Slot>> next = new ArrayList<>(result.size() * alternatives.size());
            for (List<Slot> left : result) {
                for (List<Slot> right : alternatives) {
                    List<Slot> joined = new ArrayList<>(left.size() + right.size());
                    joined.addAll(left);
                    joined.addAll(right);
                    next.add(joined);
                }
            }
            result = next;
        }
        return result;
    }
}
