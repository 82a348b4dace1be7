package dev.stratus.states.internal.journal;

import dev.stratus.states.ExecutionStore;
import java.util.List;
import java.util.Optional;

/** An {@link ExecutionStore} on a {@link FileJournal}: records read at open, appends written through. */
public final class JournalExecutionStore implements ExecutionStore {
    private final FileJournal journal;
    private final List<byte[]> recovered;

    public JournalExecutionStore(final FileJournal journal) {
        this.journal = journal;
        this.recovered = List.copyOf(journal.recovery().records());
    }

    @Override
    public void append(final byte[] record) {
        journal.append(record);
    }

    /** The records found at open (this store's own appends since are not read back). */
    @Override
    public List<byte[]> records() {
        return recovered;
    }

    @Override
    public Optional<String> recoveryReport() {
        FileJournal.Recovery r = journal.recovery();
        return r.torn() ? Optional.of("journal " + journal.file() + ": torn tail of " + r.tornBytes()
                + " bytes cut off after " + r.validBytes() + " valid bytes: " + r.tornReason()) : Optional.empty();
    }

    @Override
    public void close() {
        journal.close();
    }
}
