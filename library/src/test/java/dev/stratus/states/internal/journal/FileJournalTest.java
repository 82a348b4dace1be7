package dev.stratus.states.internal.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FileJournalTest {
    @TempDir
    Path dir;

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(final FileJournal journal) {
        List<String> texts = new ArrayList<>();
        journal.recovery().records().forEach(r -> texts.add(new String(r, StandardCharsets.UTF_8)));
        return texts;
    }

    @Test
    void shouldReadBackEveryRecordAfterReopening() {
        Path file = dir.resolve("j");
        try (FileJournal journal = FileJournal.open(file, FileJournal.FsyncPolicy.GROUP_COMMIT)) {
            assertEquals(0, journal.append(bytes("one")));
            assertEquals(1, journal.append(bytes("two")));
            assertEquals(2, journal.append(new byte[0]));
        }
        try (FileJournal journal = FileJournal.open(file, FileJournal.FsyncPolicy.EVERY_APPEND)) {
            assertEquals(List.of("one", "two", ""), texts(journal));
            assertFalse(journal.recovery().torn());
            assertEquals(3, journal.append(bytes("three")));
        }
        try (FileJournal journal = FileJournal.open(file, FileJournal.FsyncPolicy.NONE)) {
            assertEquals(List.of("one", "two", "", "three"), texts(journal));
        }
    }

    @Test
    @Timeout(30)
    void shouldGroupConcurrentAppendsWithoutLosingAny() throws Exception {
        Path file = dir.resolve("j");
        int perThread = 2_000;
        try (FileJournal journal = FileJournal.open(file, FileJournal.FsyncPolicy.GROUP_COMMIT)) {
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                writers.add(CompletableFuture.runAsync(() -> {
                    List<CompletableFuture<Long>> pending = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        pending.add(journal.appendAsync(bytes(thread + ":" + i)));
                    }
                    pending.forEach(CompletableFuture::join);
                }));
            }
            writers.forEach(CompletableFuture::join);
        }
        try (FileJournal journal = FileJournal.open(file, FileJournal.FsyncPolicy.NONE)) {
            Set<String> seen = new HashSet<>(texts(journal));
            assertEquals(2 * perThread, seen.size());
            assertTrue(seen.contains("0:1999") && seen.contains("1:0"));
        }
    }

    @Test
    void shouldReportAndCutATornTail() throws Exception {
        Path file = dir.resolve("j");
        try (FileJournal journal = FileJournal.open(file, FileJournal.FsyncPolicy.NONE)) {
            journal.append(bytes("kept"));
            journal.append(bytes("torn-record"));
        }
        long size = Files.size(file);
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.setLength(size - 3); // a crash in the middle of the last write
        }
        try (FileJournal journal = FileJournal.open(file, FileJournal.FsyncPolicy.NONE)) {
            assertEquals(List.of("kept"), texts(journal));
            assertTrue(journal.recovery().torn());
            assertEquals("record at offset 20 cut short: 11 bytes declared, 8 present",
                    journal.recovery().tornReason());
            journal.append(bytes("after"));
        }
        try (FileJournal journal = FileJournal.open(file, FileJournal.FsyncPolicy.NONE)) {
            assertEquals(List.of("kept", "after"), texts(journal));
            assertFalse(journal.recovery().torn());
        }
    }

    @Test
    void shouldDetectAChecksumFailureInTheLastRecord() throws Exception {
        Path file = dir.resolve("j");
        try (FileJournal journal = FileJournal.open(file, FileJournal.FsyncPolicy.NONE)) {
            journal.append(bytes("kept"));
            journal.append(bytes("flipped"));
        }
        flipLastByte(file);
        try (FileJournal journal = FileJournal.open(file, FileJournal.FsyncPolicy.NONE)) {
            assertEquals(List.of("kept"), texts(journal));
            assertEquals("record at offset 20 fails its checksum", journal.recovery().tornReason());
        }
    }

    @Test
    void shouldRefuseCorruptionFollowedByMoreRecords() throws Exception {
        Path file = dir.resolve("j");
        try (FileJournal journal = FileJournal.open(file, FileJournal.FsyncPolicy.NONE)) {
            journal.append(bytes("first"));
            journal.append(bytes("second"));
        }
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(17); // inside the first record's payload
            raw.write('X');
        }
        JournalCorruptedException e = assertThrows(JournalCorruptedException.class,
                () -> FileJournal.open(file, FileJournal.FsyncPolicy.NONE));
        assertEquals("JournalCorrupted", e.code());
        assertTrue(e.getMessage().startsWith("record at offset 8 fails its checksum, with 14 bytes after it: the"
                + " journal is corrupt, not torn: "), e.getMessage());
    }

    @Test
    void shouldRefuseAFileThatIsNotAJournal() throws Exception {
        Path file = dir.resolve("j");
        Files.writeString(file, "hello world, not a journal");
        assertTrue(assertThrows(JournalCorruptedException.class,
                () -> FileJournal.open(file, FileJournal.FsyncPolicy.NONE)).getMessage()
                .startsWith("not a Stratus journal (magic 68656c6c, version "));
    }

    @Test
    void shouldRejectBadCallsNamingTheProblem() {
        Path file = dir.resolve("j");
        FileJournal journal = FileJournal.open(file, FileJournal.FsyncPolicy.NONE);
        assertEquals("payload", assertThrows(NullPointerException.class, () -> journal.append(null)).getMessage());
        assertEquals("journal record too large: bytes=67108865, max=67108864", assertThrows(
                IllegalArgumentException.class, () -> journal.append(new byte[FileJournal.MAX_RECORD_BYTES + 1]))
                .getMessage());
        journal.close();
        assertTrue(assertThrows(IllegalStateException.class, () -> journal.append(bytes("x"))).getMessage()
                .startsWith("journal is closed: "));
        assertEquals("policy", assertThrows(NullPointerException.class, () -> FileJournal.open(file, null))
                .getMessage());
    }

    private static void flipLastByte(final Path file) throws Exception {
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(raw.length() - 1);
            int b = raw.read();
            raw.seek(raw.length() - 1);
            raw.write(b ^ 0xFF);
        }
    }
}
