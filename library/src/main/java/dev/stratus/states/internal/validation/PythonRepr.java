package dev.stratus.states.internal.validation;

/**
 * Python's {@code repr()} of a string, which AWS echoes in its Map Run label errors: single quotes unless the text
 * holds a single quote and no double quote, backslash escapes for the quote, the backslash, newline, return and tab,
 * and hexadecimal escapes (x, u or U followed by 2, 4 or 8 digits) for characters Python does not print.
 */
final class PythonRepr {
    private PythonRepr() {
    }

    static String of(final String text) {
        char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(text.length() + 2).append(quote);
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            int c = text.codePointAt(i);
            if (c == quote || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (isPrintable(c)) {
                out.appendCodePoint(c);
            } else if (c <= 0xff) {
                out.append(String.format("\\x%02x", c));
            } else if (c <= 0xffff) {
                out.append("\\").append(String.format("u%04x", c));
            } else {
                out.append("\\").append(String.format("U%08x", c));
            }
        }
        return out.append(quote).toString();
    }

    /** Python's {@code str.isprintable()} for one code point: no control, separator (but space) or format. */
    private static boolean isPrintable(final int c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
