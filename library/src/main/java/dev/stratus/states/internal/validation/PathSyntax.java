package dev.stratus.states.internal.validation;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Syntax checks for the strings ASL puts in path fields: JSONPath paths (Jayway dialect, with AWS's {@code $$} context
 * object and {@code $name} variables), reference paths (single-value paths: dot and bracket steps only) and
 * intrinsic function calls ({@code States.Format('{}', $.a)}). Each check is one left-to-right scan; nested
 * intrinsics recurse only to AWS's nesting limit, so no input can exhaust the stack.
 */
final class PathSyntax {
    /** AWS rejects intrinsic calls nested deeper than this. */
    static final int MAX_INTRINSIC_NESTING = 10;

    static final Set<String> INTRINSICS = Set.of(
            "States.Format", "States.StringToJson", "States.JsonToString", "States.Array", "States.ArrayPartition",
            "States.ArrayContains", "States.ArrayRange", "States.ArrayGetItem", "States.ArrayLength",
            "States.ArrayUnique", "States.Base64Encode", "States.Base64Decode", "States.Hash", "States.JsonMerge",
            "States.MathRandom", "States.MathAdd", "States.StringSplit", "States.UUID");

    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");

    private PathSyntax() {
    }

    /** A JSONPath: {@code $}, {@code $$} or {@code $variable}, then dot, deep-scan and bracket steps. */
    static boolean isPath(final String text) {
        int i = root(text);
        return i >= 0 && steps(text, i, false) == text.length();
    }

    /** A reference path: a path of {@code .name}, {@code ['name']} and {@code [index]} steps only. */
    static boolean isReferencePath(final String text) {
        int i = root(text);
        return i >= 0 && steps(text, i, true) == text.length();
    }

    /** An intrinsic function call of a known function, with well-formed arguments. */
    static boolean isIntrinsic(final String text) {
        int end = call(text, 0, 1);
        return end > 0 && skipSpaces(text, end) == text.length();
    }

    /** A path or an intrinsic call: what a {@code key.$} template field takes. */
    static boolean isPathOrIntrinsic(final String text) {
        return text.startsWith("$") ? isPath(text) : isIntrinsic(text);
    }

    private static int root(final String text) {
        if (text.isEmpty() || text.charAt(0) != '$') {
            return -1;
        }
        if (text.length() > 1 && text.charAt(1) == '$') {
            return 2;
        }
        int i = 1;
        while (i < text.length() && isNameChar(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isNameChar(final char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** The index after the last well-formed step, or -1 on a malformed step. */
    private static int steps(final String text, final int start, final boolean reference) {
        int i = start;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '.') {
                i++;
                if (i < n && text.charAt(i) == '.') {
                    if (reference) {
                        return -1;
                    }
                    i++;
                }
                if (i < n && text.charAt(i) == '*') {
                    if (reference) {
                        return -1;
                    }
                    i++;
                    continue;
                }
                if (i < n && text.charAt(i) == '[') {
                    // Jayway reads "$.['a']" and "$..['a']" as bracket steps.
                    continue;
                }
                int nameStart = i;
                while (i < n && text.charAt(i) != '.' && text.charAt(i) != '[' && text.charAt(i) != ']') {
                    if (text.charAt(i) == '(' && !reference) {
                        int close = text.indexOf(')', i);
                        if (close < 0) {
                            return -1;
                        }
                        i = close + 1;
                        continue;
                    }
                    i++;
                }
                if (i == nameStart) {
                    return -1;
                }
            } else if (c == '[') {
                i = bracket(text, i, reference);
                if (i < 0) {
                    return -1;
                }
            } else {
                return -1;
            }
        }
        return i;
    }

    /** The index after a well-formed {@code [...]} step starting at {@code open}, or -1. */
    private static int bracket(final String text, final int open, final boolean reference) {
        int n = text.length();
        int i = skipSpaces(text, open + 1);
        if (i >= n) {
            return -1;
        }
        char c = text.charAt(i);
        if (c == '\'' || c == '"') {
            while (true) {
                i = quoted(text, i);
                if (i < 0) {
                    return -1;
                }
                i = skipSpaces(text, i);
                if (i < n && text.charAt(i) == ',' && !reference) {
                    i = skipSpaces(text, i + 1);
                    if (i >= n || (text.charAt(i) != '\'' && text.charAt(i) != '"')) {
                        return -1;
                    }
                    continue;
                }
                break;
            }
        } else if (c == '?' || c == '(') {
            if (reference) {
                return -1;
            }
            i = balanced(text, c == '?' ? i + 1 : i);
            if (i < 0) {
                return -1;
            }
            i = skipSpaces(text, i);
        } else if (c == '*') {
            if (reference) {
                return -1;
            }
            i = skipSpaces(text, i + 1);
        } else {
            int digitsStart = i;
            while (i < n && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '-'
                    || (!reference && (text.charAt(i) == ':' || text.charAt(i) == ',' || text.charAt(i) == ' ')))) {
                i++;
            }
            if (i == digitsStart) {
                return -1;
            }
            if (reference && text.charAt(digitsStart) == '-') {
                return -1;
            }
        }
        if (i >= n || text.charAt(i) != ']') {
            return -1;
        }
        return i + 1;
    }

    /** The index after a parenthesised group starting at {@code open} (quotes respected), or -1. */
    private static int balanced(final String text, final int open) {
        if (open >= text.length() || text.charAt(open) != '(') {
            return -1;
        }
        int depth = 0;
        int i = open;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                i = quoted(text, i);
                if (i < 0) {
                    return -1;
                }
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
            i++;
        }
        return -1;
    }

    /** The index after a quoted string starting at {@code open}, backslash escapes allowed, or -1. */
    private static int quoted(final String text, final int open) {
        char quote = text.charAt(open);
        int i = open + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                return i + 1;
            }
            i++;
        }
        return -1;
    }

    private static int skipSpaces(final String text, final int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** The index after an intrinsic call starting at {@code start}, or -1. */
    private static int call(final String text, final int start, final int nesting) {
        if (nesting > MAX_INTRINSIC_NESTING) {
            return -1;
        }
        int open = text.indexOf('(', start);
        if (open < 0 || !INTRINSICS.contains(text.substring(start, open))) {
            return -1;
        }
        int i = skipSpaces(text, open + 1);
        if (i < text.length() && text.charAt(i) == ')') {
            return i + 1;
        }
        while (i < text.length()) {
            i = argument(text, i, nesting);
            if (i < 0) {
                return -1;
            }
            i = skipSpaces(text, i);
            if (i >= text.length()) {
                return -1;
            }
            char c = text.charAt(i);
            if (c == ')') {
                return i + 1;
            }
            if (c != ',') {
                return -1;
            }
            i = skipSpaces(text, i + 1);
        }
        return -1;
    }

    private static int argument(final String text, final int start, final int nesting) {
        if (start >= text.length()) {
            return -1;
        }
        char c = text.charAt(start);
        if (c == '\'') {
            return quoted(text, start);
        }
        if (c == '$') {
            int end = pathArgumentEnd(text, start);
            return end > start && isPath(text.substring(start, end).stripTrailing()) ? end : -1;
        }
        if (text.startsWith("States.", start)) {
            return call(text, start, nesting + 1);
        }
        int i = start;
        while (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != ')' && text.charAt(i) != ' ') {
            i++;
        }
        String literal = text.substring(start, i);
        if (literal.equals("true") || literal.equals("false") || literal.equals("null")
                || NUMBER.matcher(literal).matches()) {
            return i;
        }
        return -1;
    }

    /** A path argument runs to the next top-level {@code ,} or {@code )}; brackets and quotes nest. */
    private static int pathArgumentEnd(final String text, final int start) {
        int depth = 0;
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                i = quoted(text, i);
                if (i < 0) {
                    return -1;
                }
                continue;
            }
            if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || (c == ')' && depth > 0)) {
                depth--;
            } else if (depth == 0 && (c == ',' || c == ')')) {
                return i;
            }
            i++;
        }
        return i;
    }
}
