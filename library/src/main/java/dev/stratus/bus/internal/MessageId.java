package dev.stratus.bus.internal;

import dev.stratus.core.RandomSource;
import java.util.Objects;
import java.util.UUID;

/**
 * A message id whose text is formatted only when someone reads it: drawn at publish (so a seeded source gives the
 * same ids as {@code Ids.messageId()}), but a queue round trip that never looks at it pays no string work. A
 * publish is itself its id (it extends this class), so a fan-out allocates no id object.
 * Thread-safe: the text is immutable and computing it twice gives equal strings.
 */
public class MessageId {
    private final long mostSignificantBits;
    private final long leastSignificantBits;
    private String text;

    /** An id from the bits of a UUID, or with its text already known when {@code text} is not null. */
    protected MessageId(final long mostSignificantBits, final long leastSignificantBits, final String text) {
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

    /** The id as AWS writes it: a lower-case UUID. */
    public final String text() {
        String formatted = text;
        if (formatted == null) {
            formatted = new UUID(mostSignificantBits, leastSignificantBits).toString();
            text = formatted;
        }
        return formatted;
    }

    /** This id without whatever a subclass carries, for storing beyond the publish (queues, dedup windows). */
    public final MessageId compact() {
        return getClass() == MessageId.class ? this
                : new MessageId(mostSignificantBits, leastSignificantBits, text);
    }

    @Override
    public String toString() {
        return text();
    }
}
