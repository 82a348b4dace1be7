package dev.stratus.metrics.internal;

import dev.stratus.core.StratusException;
import dev.stratus.metrics.AlarmState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A parsed composite-alarm rule: {@code ALARM(x)}, {@code OK(x)}, {@code INSUFFICIENT_DATA(x)} (x an alarm name or
 * ARN, quoted or not), {@code TRUE}, {@code FALSE}, {@code NOT}, {@code AND}, {@code OR} (AND binds tighter) and
 * parentheses.
 */
public final class CompositeRule {
    private sealed interface Node permits StateOf, Constant, Not, And, Or {
    }

    private record StateOf(AlarmState state, String alarm) implements Node {
    }

    private record Constant(boolean value) implements Node {
    }

    private record Not(Node inner) implements Node {
    }

    private record And(Node left, Node right) implements Node {
    }

    private record Or(Node left, Node right) implements Node {
    }

    private final String text;
    private final Node root;
    private final List<String> children = new ArrayList<>();
    private int pos;

    private CompositeRule(final String text) {
        this.text = text;
        this.root = or();
        skip();
        if (pos < text.length()) {
            throw error();
        }
    }

    /**
     * Parses {@code text}.
     *
     * @throws StratusException ValidationError naming the rule when it does not parse
     */
    public static CompositeRule parse(final String text) {
        if (text == null || text.isBlank() || text.length() > 10_240) {
            throw new StratusException("ValidationError", "The parameter AlarmRule must be 1 to 10240 characters"
                    + " long.");
        }
        return new CompositeRule(text);
    }

    /** Whether the rule refers to the alarm with this name or ARN. */
    public boolean references(final String name, final String arn) {
        return children.contains(name) || children.contains(arn) || children.stream().anyMatch(c -> c.endsWith(
                ":alarm:" + name));
    }

    /** Evaluates with each child's state (null when the child does not exist: never matches). */
    public boolean evaluate(final Function<String, AlarmState> stateByName) {
        return eval(root, stateByName);
    }

    private static boolean eval(final Node node, final Function<String, AlarmState> states) {
        if (node instanceof StateOf s) {
            String name = s.alarm().contains(":alarm:") ? s.alarm().substring(s.alarm().indexOf(":alarm:") + 7)
                    : s.alarm();
            return states.apply(name) == s.state();
        }
        if (node instanceof Constant c) {
            return c.value();
        }
        if (node instanceof Not n) {
            return !eval(n.inner(), states);
        }
        if (node instanceof And a) {
            return eval(a.left(), states) && eval(a.right(), states);
        }
        Or o = (Or) node;
        return eval(o.left(), states) || eval(o.right(), states);
    }

    private Node or() {
        Node left = and();
        while (keyword("OR")) {
            left = new Or(left, and());
        }
        return left;
    }

    private Node and() {
        Node left = unary();
        while (keyword("AND")) {
            left = new And(left, unary());
        }
        return left;
    }

    private Node unary() {
        if (keyword("NOT")) {
            return new Not(unary());
        }
        skip();
        if (pos < text.length() && text.charAt(pos) == '(') {
            pos++;
            Node inner = or();
            expect(')');
            return inner;
        }
        if (keyword("TRUE")) {
            return new Constant(true);
        }
        if (keyword("FALSE")) {
            return new Constant(false);
        }
        for (AlarmState state : new AlarmState[] {AlarmState.INSUFFICIENT_DATA, AlarmState.ALARM, AlarmState.OK}) {
            if (keyword(state.name())) {
                expect('(');
                skip();
                String alarm;
                if (pos < text.length() && (text.charAt(pos) == '"' || text.charAt(pos) == '\'')) {
                    char quote = text.charAt(pos++);
                    int end = text.indexOf(quote, pos);
                    if (end < 0) {
                        throw error();
                    }
                    alarm = text.substring(pos, end);
                    pos = end + 1;
                } else {
                    int end = text.indexOf(')', pos);
                    if (end < 0) {
                        throw error();
                    }
                    alarm = text.substring(pos, end).strip();
                    pos = end;
                }
                expect(')');
                children.add(alarm);
                return new StateOf(state, alarm);
            }
        }
        throw error();
    }

    private boolean keyword(final String word) {
        skip();
        if (text.startsWith(word, pos)) {
            int after = pos + word.length();
            if (after == text.length() || !Character.isLetterOrDigit(text.charAt(after))
                    && text.charAt(after) != '_') {
                pos = after;
                return true;
            }
        }
        return false;
    }

    private void expect(final char c) {
        skip();
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw error();
        }
        pos++;
    }

    private void skip() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private StratusException error() {
        return new StratusException("ValidationError", "Error in alarm rule '" + text + "' at position " + pos
                + ".");
    }
}
