package dev.stratus.core;

import java.util.Objects;
import java.util.UUID;

/**
 * AWS-shaped identifiers drawn from a {@link RandomSource}, and AWS's rules for the names users choose.
 * Execution names, message ids and request ids are lower-case UUIDs, as AWS generates them.
 */
public final class Ids {
    private final RandomSource random;

    /** Ids drawn from {@code random}; a seeded source gives repeatable ids. */
    public Ids(final RandomSource random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A generated execution name (Step Functions uses a UUID when StartExecution names none). */
    public String executionName() {
        return random.uuid().toString();
    }

    /** A message id as SNS and SQS return them. */
    public String messageId() {
        return random.uuid().toString();
    }

    /** A request id as every AWS response carries. */
    public String requestId() {
        return requestUuid().toString();
    }

    /** A request id as a UUID, for ids that are rendered only when asked for. */
    public UUID requestUuid() {
        return random.uuid();
    }

    /** The ASCII characters {@link #checkName} refuses: white space, control characters and the punctuation. */
    private static final boolean[] FORBIDDEN_ASCII = new boolean[0x80];

    static {
        for (char c = 0; c < 0x80; c++) {
            FORBIDDEN_ASCII[c] = Character.isWhitespace(c) || Character.isISOControl(c)
                    || "<>{}[]?*\"#%\\^|~`$&,;:/".indexOf(c) >= 0;
        }
    }

    /**
     * Checks a user-chosen resource name against AWS's rules for Step Functions names (state machines, executions,
     * activities): 1 to {@code maxLength} characters, none of them white space, brackets {@code < > { } [ ]},
     * wildcards {@code ? *}, the characters {@code " # % \ ^ | ~ ` $ & , ; : /}, or control characters.
     *
     * @return {@code value}
     * @throws IllegalArgumentException naming the field, the value and the rule broken
     */
    public static String checkName(final String field, final String value, final int maxLength) {
        Objects.requireNonNull(value, field);
        if (value.isEmpty() || value.length() > maxLength) {
            throw new IllegalArgumentException(field + " must be 1 to " + maxLength + " characters: " + field
                    + "=" + value + " (length " + value.length() + ")");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80 ? FORBIDDEN_ASCII[c] : Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException(field + " contains an invalid character '" + c + "': " + field
                        + "=" + value);
            }
        }
        return value;
    }
}
