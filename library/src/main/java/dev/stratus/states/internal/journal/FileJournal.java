package dev.stratus.states.internal.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.zip.CRC32C;

/**
 * An append-only file of records, each framed and checksummed, with group commit: appends from many threads are
 * written by one writer thread in batches, with one {@code fsync} per batch (or per record, or none, by
 * {@link FsyncPolicy}).
 *
 * <pre>
 * file   := header record*
 * header := "STRJ" version:int32                       (8 bytes)
 * record := length:int32 crc32c:int32 payload:length   (crc over length and payload)
 * </pre>
 *
 * <p>Opening reads every whole record. A torn tail (the last record cut short or failing its checksum, as a crash
 * mid-write leaves it) is reported in {@link #recovery()} and cut off before new appends, never used. A bad record
 * followed by more data is corruption, not a torn write: opening fails with {@link JournalCorruptedException}.
 */
public final class FileJournal implements AutoCloseable {
    static final int MAGIC = 0x5354524A; // "STRJ"
    static final int VERSION = 1;
    static final int HEADER_BYTES = 8;
    static final int FRAME_BYTES = 8;
    /** Larger records are refused: a length beyond this in the file is corruption. */
    public static final int MAX_RECORD_BYTES = 64 * 1024 * 1024;

    /** When appended records are forced to the device. */
    public enum FsyncPolicy {
        /** One fsync per batch of concurrent appends: durable on return, cheap under load. */
        GROUP_COMMIT,
        /** One fsync per record. */
        EVERY_APPEND,
        /** Never fsync: survives a killed JVM (the OS has the bytes) but not a power loss. */
        NONE
    }

    /** What opening found: the whole records, and a torn tail if there was one. */
    public record Recovery(List<byte[]> records, long validBytes, long tornBytes, String tornReason) {
        /** Whether a torn tail was found and cut off. */
        public boolean torn() {
            return tornBytes > 0;
        }
    }

    private record Pending(byte[] payload, CompletableFuture<Long> done) {
    }

    private static final Pending CLOSE = new Pending(new byte[0], null);

    private final Path file;
    private final FileChannel channel;
    private final FsyncPolicy policy;
    private final Recovery recovery;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private long position;
    private long sequence;
    private volatile boolean closed;

    private FileJournal(final Path file, final FsyncPolicy policy) throws IOException {
        this.file = file;
        this.policy = policy;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            this.recovery = recover();
            if (recovery.torn()) {
                channel.truncate(recovery.validBytes());
                channel.force(true);
            }
            this.position = recovery.validBytes();
            this.sequence = recovery.records().size();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        this.writer = new Thread(this::writeLoop, "stratus-journal-" + file.getFileName());
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Opens (or creates) a journal.
     *
     * @throws JournalCorruptedException if a bad record is followed by more data, or the header is not a journal's
     * @throws UncheckedIOException if the file cannot be read or written
     */
    public static FileJournal open(final Path file, final FsyncPolicy policy) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(policy, "policy");
        try {
            return new FileJournal(file, policy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open journal " + file, e);
        }
    }

    /** What opening found. */
    public Recovery recovery() {
        return recovery;
    }

    public Path file() {
        return file;
    }

    /**
     * Appends a record and waits until it is written (and forced, by the policy).
     *
     * @return the record's sequence number, counting from 0 over the whole file
     */
    public long append(final byte[] payload) {
        try {
            return appendAsync(payload).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new UncheckedIOException(
                    new IOException("journal append failed: " + file, e.getCause()));
        }
    }

    /** Appends a record; the future completes when it is written (and forced, by the policy). */
    public CompletableFuture<Long> appendAsync(final byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        if (payload.length > MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("journal record too large: bytes=" + payload.length + ", max="
                    + MAX_RECORD_BYTES);
        }
        if (closed) {
            throw new IllegalStateException("journal is closed: " + file);
        }
        CompletableFuture<Long> done = new CompletableFuture<>();
        queue.add(new Pending(payload, done));
        return done;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(CLOSE);
        try {
            writer.join();
            channel.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close journal " + file, e);
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        boolean running = true;
        while (running) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(batch);
            if (batch.remove(CLOSE)) {
                running = false;
            }
            if (!batch.isEmpty()) {
                writeBatch(batch);
            }
            batch.clear();
        }
    }

    private void writeBatch(final List<Pending> batch) {
        long[] sequences = new long[batch.size()];
        try {
            if (position == 0) {
                ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(VERSION).flip();
                position += channel.write(header, 0);
            }
            for (int i = 0; i < batch.size(); i++) {
                byte[] payload = batch.get(i).payload();
                ByteBuffer frame = ByteBuffer.allocate(FRAME_BYTES + payload.length);
                frame.putInt(payload.length).putInt(crc(payload.length, payload)).put(payload).flip();
                while (frame.hasRemaining()) {
                    position += channel.write(frame, position);
                }
                sequences[i] = sequence++;
                if (policy == FsyncPolicy.EVERY_APPEND) {
                    channel.force(false);
                }
            }
            if (policy == FsyncPolicy.GROUP_COMMIT) {
                channel.force(false);
            }
        } catch (IOException | RuntimeException e) {
            batch.forEach(p -> p.done().completeExceptionally(e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(sequences[i]);
        }
    }

    private Recovery recover() throws IOException {
        long size = channel.size();
        List<byte[]> records = new ArrayList<>();
        if (size == 0) {
            return new Recovery(records, 0, 0, "");
        }
        if (size < HEADER_BYTES) {
            return new Recovery(records, 0, size, "header cut short at " + size + " bytes");
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        readFully(header, 0);
        header.flip();
        int magic = header.getInt();
        int version = header.getInt();
        if (magic != MAGIC || version != VERSION) {
            throw new JournalCorruptedException("not a Stratus journal (magic " + Integer.toHexString(magic)
                    + ", version " + version + "): " + file);
        }
        long offset = HEADER_BYTES;
        ByteBuffer frame = ByteBuffer.allocate(FRAME_BYTES);
        while (offset < size) {
            String problem = null;
            long recordEnd = size;
            if (size - offset < FRAME_BYTES) {
                problem = "record header cut short at offset " + offset;
            } else {
                frame.clear();
                readFully(frame, offset);
                frame.flip();
                int length = frame.getInt();
                int crc = frame.getInt();
                if (length < 0 || length > MAX_RECORD_BYTES) {
                    problem = "record length " + length + " out of range at offset " + offset;
                } else if (offset + FRAME_BYTES + length > size) {
                    problem = "record at offset " + offset + " cut short: " + length + " bytes declared, "
                            + (size - offset - FRAME_BYTES) + " present";
                } else {
                    ByteBuffer payload = ByteBuffer.allocate(length);
                    readFully(payload, offset + FRAME_BYTES);
                    byte[] bytes = payload.array();
                    recordEnd = offset + FRAME_BYTES + length;
                    if (crc(length, bytes) != crc) {
                        problem = "record at offset " + offset + " fails its checksum";
                    } else {
                        records.add(bytes);
                        offset = recordEnd;
                        continue;
                    }
                }
            }
            if (recordEnd < size) {
                throw new JournalCorruptedException(problem + ", with " + (size - recordEnd)
                        + " bytes after it: the journal is corrupt, not torn: " + file);
            }
            return new Recovery(records, offset, size - offset, problem);
        }
        return new Recovery(records, offset, 0, "");
    }

    private void readFully(final ByteBuffer buffer, final long at) throws IOException {
        long position = at;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position);
            if (read < 0) {
                throw new IOException("unexpected end of journal at " + position + ": " + file);
            }
            position += read;
        }
    }

    private static int crc(final int length, final byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(4).putInt(length).flip());
        crc.update(payload);
        return (int) crc.getValue();
    }
}
