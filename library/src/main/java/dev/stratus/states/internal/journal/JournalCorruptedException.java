package dev.stratus.states.internal.journal;

import dev.stratus.core.StratusException;

/** A journal whose damage is not a torn tail: refused rather than partly used. */
public final class JournalCorruptedException extends StratusException {
    private static final long serialVersionUID = 1L;

    public JournalCorruptedException(final String message) {
        super("JournalCorrupted", message);
    }
}
