package dev.stratus.states.internal.jsonata;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.stratus.states.internal.AslError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One JSONata expression in AWS's dialect (JSONata 2.0.6 without {@code $eval}, plus AWS's six functions), compiled
 * once and evaluated many times, from any thread. Values cross as views of our JSON (see {@link Views}); the
 * expression sees {@code $states} and the variables it names, nothing else.
 *
 * <p>The engine is dashjoin {@code jsonata-java}. Each evaluation gets a fresh binding frame whose parent is the
 * compiled expression's own environment, so frames never chain from one evaluation to the next (the
 * StackOverflowError in {@code Frame.lookup} seen with 0.9.8 came from such chains; {@code ExpressionTest} runs
 * 100,000 evaluations to keep it away).
 */
public final class Expression {
    private static final Set<String> AWS_FUNCTIONS = Set.of("partition", "range", "hash", "random", "uuid", "parse");

    private final String text;
    private final Jsonata compiled;
    /** The {@code $names} the expression reads (a superset: names bound inside it are included). */
    private final List<String> names;
    /** Whether {@code $states.context} may be read (conservatively). */
    private final boolean readsContext;

    private Expression(final String text, final Jsonata compiled, final List<String> names) {
        this.text = text;
        this.compiled = compiled;
        this.names = names;
        this.readsContext = readsContext(text);
    }

    /** Whether {@code $states.context} may be read: the word appears, or {@code $states} is read as a whole. */
    private static boolean readsContext(final String text) {
        if (text.contains("context")) {
            return true;
        }
        int i = text.indexOf("$states");
        while (i >= 0) {
            int j = i + "$states".length();
            if (j >= text.length() || text.charAt(j) != '.') {
                if (j >= text.length() || !(Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
                    return true;
                }
            } else {
                int k = j + 1;
                while (k < text.length() && Character.isWhitespace(text.charAt(k))) {
                    k++;
                }
                if (!(text.startsWith("input", k) || text.startsWith("result", k)
                        || text.startsWith("errorOutput", k))) {
                    return true;
                }
            }
            i = text.indexOf("$states", j);
        }
        return false;
    }

    /**
     * Compiles an expression (the text between {@code {%} and {@code %}}).
     *
     * @throws IllegalArgumentException with AWS's wording when the expression is not valid JSONata or uses what
     *     AWS does not accept
     */
    public static Expression compile(final String text) {
        List<String> names = scan(text);
        Jsonata compiled;
        try {
            compiled = Jsonata.jsonata(text);
            // keep JSON null apart from undefined: AWS reports them differently
            compiled.setOutputConvertNulls(false);
        } catch (JException e) {
            throw new IllegalArgumentException("The JSONata expression '" + text + "' is not valid: "
                    + message(e));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The JSONata expression '" + text + "' is not valid: " + e);
        }
        return new Expression(text, compiled, names);
    }

    public String text() {
        return text;
    }

    /**
     * Evaluates the expression.
     *
     * @param scope where {@code $states}, variables and AWS's functions come from
     * @param field the field named in error messages ({@code Arguments}, {@code Output/error})
     * @return the value, or null when the expression returned nothing (undefined)
     * @throws AslError {@code States.QueryEvaluationError} when evaluation fails
     */
    public JsonNode evaluate(final Scope scope, final String field) {
        Jsonata.Frame frame = compiled.createFrame();
        for (String name : names) {
            if (AWS_FUNCTIONS.contains(name)) {
                Functions.bind(frame, name, scope);
                continue;
            }
            JsonNode value = name.equals("states") ? scope.states(readsContext) : scope.lookup(name);
            if (value != null) {
                frame.bind(name, Views.of(value));
            }
        }
        Object result;
        try {
            result = compiled.evaluate(null, frame);
        } catch (JException e) {
            throw AslError.queryEvaluation("The JSONata expression '" + text + "' specified for the field '" + field
                    + "' threw an error during evaluation. " + message(e), field);
        } catch (AslError e) {
            throw e;
        } catch (StackOverflowError e) {
            throw AslError.queryEvaluation("The JSONata expression '" + text + "' specified for the field '" + field
                    + "' threw an error during evaluation. Stack overflow: recursion too deep", field);
        } catch (RuntimeException e) {
            throw AslError.queryEvaluation("The JSONata expression '" + text + "' specified for the field '" + field
                    + "' threw an error during evaluation. " + (e.getMessage() != null ? e.getMessage() : e), field);
        }
        if (result == null) {
            return null;
        }
        if (result == Jsonata.NULL_VALUE) {
            return NullNode.getInstance();
        }
        JsonNode node = Views.toJson(result);
        if (node == null) {
            throw AslError.queryEvaluation("The JSONata expression '" + text + "' specified for the field '" + field
                    + "' returned an unsupported result type.", field);
        }
        return node;
    }

    /** The same as {@link #evaluate} but undefined is an error, as in every AWS field. */
    public JsonNode evaluateDefined(final Scope scope, final String field) {
        JsonNode value = evaluate(scope, field);
        if (value == null) {
            throw AslError.queryEvaluation("The JSONata expression '" + text + "' specified for the field '" + field
                    + "' returned nothing (undefined).", field);
        }
        return value;
    }

    static String message(final JException e) {
        String msg = e.getMessage();
        String code = e.getError();
        if (msg == null) {
            return code;
        }
        return code != null && !msg.startsWith(code) ? code + ": " + msg : msg;
    }

    /**
     * Collects the {@code $names} outside string literals and comments, and rejects what AWS rejects: {@code $eval}
     * and the JSONata 2.1 operators {@code ??} and {@code ?:}.
     */
    private static List<String> scan(final String text) {
        Set<String> names = new LinkedHashSet<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipQuoted(text, i, c);
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '?' && i + 1 < n && (text.charAt(i + 1) == '?' || text.charAt(i + 1) == ':')) {
                throw new IllegalArgumentException("The JSONata expression '" + text + "' uses the operator '"
                        + text.substring(i, i + 2) + "', which is not supported (JSONata 2.0.6)");
            } else if (c == '$') {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
                    j++;
                }
                String name = text.substring(i + 1, j);
                if (name.equals("eval")) {
                    throw new IllegalArgumentException("The JSONata expression '" + text
                            + "' uses the function '$eval', which is not supported");
                }
                if (!name.isEmpty()) {
                    names.add(name);
                }
                i = j;
            } else {
                i++;
            }
        }
        return names.isEmpty() ? List.of() : Collections.unmodifiableList(new ArrayList<>(names));
    }

    private static int skipQuoted(final String text, final int start, final char quote) {
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return i;
    }
}
