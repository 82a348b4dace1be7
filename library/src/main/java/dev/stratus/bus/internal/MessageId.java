package dev.stratus.bus.internal;

import dev.stratus.core.RandomSource;
import java.util.Objects;
import java.util.UUID;

/**
 * A message id whose text is formatted only when someone reads it: drawn at publish (so a seeded source gives the
 * same ids as {@code Ids.messageId()}), but a queue round trip that never looks at it pays no string work.
 * Thread-safe: the text is immutable and computing it twice gives equal strings.
 */
public final class MessageId {
    // the bits, not the UUID: the UUID object the source returns then never leaves the publish (escape analysis)
    private final long mostSignificantBits;
    private final long leastSignificantBits;
    private String text;

    private MessageId(final long mostSignificantBits, final long leastSignificantBits, final String text) {
        this.mostSignificantBits = mostSignificantBits;
        this.leastSignificantBits = leastSignificantBits;
        this.text = text;
    }

    /** A new random (version 4) id drawn from {@code random}, as {@code Ids.messageId()} draws it. */
    public static MessageId random(final RandomSource random) {
        UUID uuid = random.uuid();
        return new MessageId(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), null);
    }

    /** An id that already has its text. */
    public static MessageId of(final String text) {
        return new MessageId(0, 0, Objects.requireNonNull(text, "text"));
    }

    @Override
    public String toString() {
        String formatted = text;
        if (formatted == null) {
            formatted = new UUID(mostSignificantBits, leastSignificantBits).toString();
            text = formatted;
        }
        return formatted;
    }
}
