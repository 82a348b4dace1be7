package dev.stratus.bus.internal;

/**
 * One leaf value of a flattened message, typed as event-ruler types JSON values: a string, a number, or one of the
 * literals {@code true}, {@code false}, {@code null}.
 */
public final class FieldValue {
    public static final byte STRING = 0;
    public static final byte NUMBER = 1;
    public static final byte TRUE = 2;
    public static final byte FALSE = 3;
    public static final byte NULL = 4;

    static final FieldValue TRUE_VALUE = new FieldValue(TRUE, "true", 0);
    static final FieldValue FALSE_VALUE = new FieldValue(FALSE, "false", 0);
    static final FieldValue NULL_VALUE = new FieldValue(NULL, "null", 0);

    final byte kind;
    final String text;
    final double number;

    private FieldValue(final byte kind, final String text, final double number) {
        this.kind = kind;
        this.text = text;
        this.number = number;
    }

    public static FieldValue string(final String text) {
        return new FieldValue(STRING, text, 0);
    }

    public static FieldValue number(final String text, final double number) {
        return new FieldValue(NUMBER, text, number);
    }

    public byte kind() {
        return kind;
    }

    public String text() {
        return text;
    }

    public double number() {
        return number;
    }

    @Override
    public String toString() {
        return kind == STRING ? '"' + text + '"' : text;
    }
}
