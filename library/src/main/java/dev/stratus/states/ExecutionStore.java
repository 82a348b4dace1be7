package dev.stratus.states;

import dev.stratus.states.internal.journal.FileJournal;
import dev.stratus.states.internal.journal.JournalExecutionStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a {@link States} engine keeps its machine definitions and its Standard executions' history events, one
 * opaque record each, so that a new engine over the same store (in a new JVM, after a crash) lists those executions
 * and moves them on: RUNNING ones continue where their history stops (a task that had not succeeded runs again,
 * one that had does not), finished ones can be redriven. Implementations must be thread-safe and must have a record
 * stored when {@link #append(byte[])} returns.
 */
public interface ExecutionStore extends AutoCloseable {
    /** When a journal forces what it wrote to the device. */
    enum Fsync {
        /** One fsync per batch of appends made at the same time (group commit): survives power loss. */
        PER_BATCH,
        /** One fsync per record, that is per history event: survives power loss, slowest. */
        PER_RECORD,
        /** Written to the operating system, never forced: survives a killed JVM, not a power loss. */
        NEVER
    }

    /** Stores one record. */
    void append(byte[] record);

    /** Every record stored so far, oldest first. */
    List<byte[]> records();

    /** What opening found wrong and left out (a torn tail), if anything. */
    default Optional<String> recoveryReport() {
        return Optional.empty();
    }

    /** Releases files or connections; appends fail afterwards. */
    @Override
    default void close() {
    }

    /** A store in memory: survives a new engine in the same JVM, not a restart. */
    static ExecutionStore inMemory() {
        return new ExecutionStore() {
            private final List<byte[]> records = new ArrayList<>();

            @Override
            public synchronized void append(final byte[] record) {
                records.add(Objects.requireNonNull(record, "record").clone());
            }

            @Override
            public synchronized List<byte[]> records() {
                return List.copyOf(records);
            }
        };
    }

    /**
     * A store in an append-only, checksummed journal file with group commit. A torn tail (a record cut short by a
     * crash) is cut off and named in {@link #recoveryReport()}, never used.
     *
     * @param fsync when appends are forced to the device
     * @throws dev.stratus.core.StratusException {@code JournalCorrupted} if the file is damaged beyond a torn tail
     * @throws java.io.UncheckedIOException if the file cannot be read or written
     */
    static ExecutionStore journal(final Path file, final Fsync fsync) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(fsync, "fsync");
        return new JournalExecutionStore(FileJournal.open(file, switch (fsync) {
            case PER_BATCH -> FileJournal.FsyncPolicy.GROUP_COMMIT;
            case PER_RECORD -> FileJournal.FsyncPolicy.EVERY_APPEND;
            case NEVER -> FileJournal.FsyncPolicy.NONE;
        }));
    }
}
