package dev.qrbeam.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.TransferException;
import dev.qrbeam.protocol.manifest.SafePath;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReceiveStoreTest {
    private static final int CHUNK = 4096;
    private static final BiFunction<Path, String, String> UNIQUE =
            (dir, name) -> SafePath.uniqueName(dir.resolve(name)).getFileName().toString();

    @TempDir
    Path tmp;

    @Test
    void restartReadsTheJournalAndOnlyTheRestIsMissing() throws Exception {
        byte[] data = random(10 * CHUNK + 7);
        List<StoreFile> files = List.of(new StoreFile("d/a.bin", data.length, sha(data)));
        try (ReceiveStore s = open(files)) {
            for (long id = 0; id < 6; id++) {
                s.accept(id, chunk(data, id));
            }
        }
        try (ReceiveStore s = open(files)) {
            assertThat(s.missing(100)).containsExactly(6L, 7L, 8L, 9L, 10L);
            assertThat(s.bytesDone(0)).isEqualTo(6L * CHUNK);
            for (long id = 6; id <= 10; id++) {
                s.accept(id, chunk(data, id));
                assertThat(s.isDone(0)).isEqualTo(id == 10);
            }
            assertThat(s.isComplete()).isTrue();
        }
        assertThat(Files.readAllBytes(tmp.resolve("out/d/a.bin"))).isEqualTo(data);
        assertThat(tmp.resolve("out/d/a.bin.part")).doesNotExist();
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws Exception {
        Files.createDirectories(tmp.resolve("out"));
        Files.writeString(tmp.resolve("out/a.txt"), "mine");
        byte[] data = random(100);
        try (ReceiveStore s = open(List.of(new StoreFile("a.txt", data.length, sha(data))))) {
            s.accept(0, ByteBuffer.wrap(data));
            assertThat(s.finalPath(0).getFileName().toString()).isEqualTo("a (1).txt");
        }
        assertThat(Files.readString(tmp.resolve("out/a.txt"))).isEqualTo("mine");
        assertThat(Files.readAllBytes(tmp.resolve("out/a (1).txt"))).isEqualTo(data);
    }

    @Test
    void aSymlinkedFolderInTheDestinationIsNotFollowed() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createDirectories(tmp.resolve("out"));
        Files.createSymbolicLink(tmp.resolve("out/sub"), elsewhere);
        byte[] data = random(10);
        try (ReceiveStore s = open(List.of(new StoreFile("sub/x.bin", data.length, sha(data))))) {
            assertThatThrownBy(() -> s.accept(0, ByteBuffer.wrap(data)))
                    .isInstanceOf(TransferException.class)
                    .hasMessageContaining("symbolic link");
        }
        try (var list = Files.list(elsewhere)) {
            assertThat(list.toList()).isEmpty();
        }
    }

    @Test
    void declaredSizeBeyondFreeSpaceIsRefusedUpFront() {
        List<StoreFile> huge = List.of(new StoreFile("huge.bin", 1L << 50, new byte[32]));
        assertThatThrownBy(() ->
                        ReceiveStore.open(tmp.resolve("out"), tmp.resolve("state"), "m", 16 << 20, huge, UNIQUE, true))
                .isInstanceOfSatisfying(
                        TransferException.class, e -> assertThat(e.code()).isEqualTo(FailureCode.DISK_FULL));
    }

    @Test
    void aChunkWhoseLengthDisagreesWithTheManifestIsRefused() throws Exception {
        byte[] data = random(CHUNK + 10);
        try (ReceiveStore s = open(List.of(new StoreFile("a.bin", data.length, sha(data))))) {
            assertThatThrownBy(() -> s.accept(1, ByteBuffer.wrap(new byte[11])))
                    .isInstanceOfSatisfying(
                            TransferException.class, e -> assertThat(e.code()).isEqualTo(FailureCode.INTEGRITY));
            assertThat(s.has(1)).isFalse();
        }
    }

    @Test
    void aFileWhoseWholeHashFailsIsDiscardedAndNotPresented() throws Exception {
        byte[] data = random(2 * CHUNK);
        byte[] wrong = data.clone();
        wrong[5] ^= 1;
        try (ReceiveStore s = open(List.of(new StoreFile("a.bin", data.length, sha(data))))) {
            s.accept(0, chunk(wrong, 0));
            assertThatThrownBy(() -> s.accept(1, chunk(wrong, 1)))
                    .isInstanceOfSatisfying(
                            TransferException.class, e -> assertThat(e.code()).isEqualTo(FailureCode.INTEGRITY));
            assertThat(s.missing(10)).containsExactly(0L, 1L);
        }
        try (var list = Files.list(tmp.resolve("out"))) {
            assertThat(list.toList()).isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "../VICTIM.txt, VICTIM.txt",
        "VICTIM.txt, out/VICTIM.txt",
        "../out/VICTIM.part, out/VICTIM.part",
        "d/../../VICTIM.part, VICTIM.part"
    })
    void aTamperedStateFileNeverWritesMovesOrDeletesAnotherFile(String storedPart, String victimPath) throws Exception {
        Path victim = tmp.resolve(victimPath);
        Files.createDirectories(victim.getParent());
        Files.writeString(victim, "not yours");
        byte[] data = random(2 * CHUNK);
        List<StoreFile> files = List.of(new StoreFile("a.bin", data.length, sha(data)));
        try (ReceiveStore s = open(files)) {
            s.accept(0, chunk(data, 0));
        }
        Files.deleteIfExists(tmp.resolve("state/state.log"));
        Files.writeString(
                tmp.resolve("state/state.properties"),
                "manifest=manifest-1\nchunksize=" + CHUNK + "\npart.0=" + storedPart + "\n");
        try (ReceiveStore s = open(files)) {
            assertThat(s.missing(10))
                    .as("progress recorded for a file that is not ours is dropped")
                    .containsExactly(0L, 1L);
            s.accept(1, chunk(data, 1));
            s.discardParts();
        }
        try (ReceiveStore s = open(files)) {
            s.accept(0, chunk(data, 0));
            s.accept(1, chunk(data, 1));
            assertThat(s.isComplete()).isTrue();
        }
        assertThat(Files.readString(victim)).isEqualTo("not yours");
        assertThat(Files.readAllBytes(tmp.resolve("out/a.bin"))).isEqualTo(data);
    }

    @Test
    void stateFilesAndFoldersAreOwnerOnly() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                tmp.getFileSystem().supportedFileAttributeViews().contains("posix"));
        byte[] data = random(2 * CHUNK);
        try (ReceiveStore s = open(List.of(new StoreFile("a.bin", data.length, sha(data))))) {
            s.accept(0, chunk(data, 0));
            s.sync();
            try (var all = Files.walk(tmp.resolve("state"))) {
                for (Path p : all.toList()) {
                    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                            .as(p.toString())
                            .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
                }
            }
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(240)
    void manyFilesCostLinearTimeNotARewriteOfTheStatePerFile() throws Exception {
        int n = Integer.getInteger("qrbeam.test.manyFiles", 10_000); // -Dqrbeam.test.manyFiles=100000 by hand
        List<StoreFile> files = new java.util.ArrayList<>();
        byte[] one = {42};
        for (int i = 0; i < n; i++) {
            files.add(new StoreFile("d" + (i / 1000) + "/f" + i + ".txt", 1, sha(one)));
        }
        long start = System.nanoTime();
        long writtenBefore = bytesWrittenByThisProcess();
        try (ReceiveStore s = open(files)) {
            for (int i = 0; i < n; i++) {
                s.accept(i, ByteBuffer.wrap(one));
                assertThat(s.isComplete()).isEqualTo(i == n - 1); // the intake asks after every chunk
            }
        }
        long written = bytesWrittenByThisProcess() - writtenBefore;
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("stored %,d one-byte files in %,d ms, %,d bytes written%n", n, millis, written);
        if (writtenBefore >= 0) {
            // a few dozen bytes of state per file; rewriting the whole state twice per file wrote ~6 GB here
            assertThat(written).as("bytes written for %d one-byte files", n).isLessThan(n * 1600L);
        }
        try (ReceiveStore s = open(files)) {
            assertThat(s.isComplete()).as("the state survives a reopen").isTrue();
            assertThat(s.finalPath(n - 1))
                    .isEqualTo(
                            tmp.resolve("out").toRealPath().resolve("d" + ((n - 1) / 1000) + "/f" + (n - 1) + ".txt"));
        }
    }

    @Test
    void piecesAreJournaledOnlyOnceTheWholeChunkIsInAndTheFileVerifiesFromThem() throws Exception {
        byte[] data = random(4 * CHUNK + 100);
        List<StoreFile> files = List.of(new StoreFile("p.bin", data.length, sha(data)));
        int half = CHUNK / 2;
        try (ReceiveStore s = open(files)) {
            s.writePiece(1, 0, piece(data, 1, 0, half));
            assertThatThrownBy(() -> s.writePiece(1, half + 1, piece(data, 1, half, half)))
                    .isInstanceOf(TransferException.class)
                    .extracting(e -> ((TransferException) e).code())
                    .isEqualTo(FailureCode.INTEGRITY);
        }
        try (ReceiveStore s = open(files)) { // a restart forgets pieces: chunk 1 is asked for whole
            assertThat(s.missing(100)).containsExactly(0L, 1L, 2L, 3L, 4L);
            s.accept(0, chunk(data, 0));
            s.writePiece(2, half, piece(data, 2, half, half)); // chunk 2 completes before chunk 1
            s.writePiece(2, 0, piece(data, 2, 0, half));
            s.completePieces(2);
            assertThat(s.has(2)).isTrue();
            s.writePiece(1, half, piece(data, 1, half, half));
            s.writePiece(1, 0, piece(data, 1, 0, half));
            s.completePieces(1);
            s.accept(3, chunk(data, 3));
            assertThat(s.isDone(0)).isFalse();
            s.accept(4, chunk(data, 4));
            assertThat(s.isComplete()).isTrue();
        }
        assertThat(Files.readAllBytes(tmp.resolve("out/p.bin"))).isEqualTo(data);
        assertThat(tmp.resolve("out/p.bin.part")).doesNotExist();
    }

    private static ByteBuffer piece(byte[] data, long id, int offset, int length) {
        int from = (int) id * CHUNK + offset;
        return ByteBuffer.wrap(Arrays.copyOfRange(data, from, from + length));
    }

    /** {@code wchar} of /proc/self/io (every byte this JVM wrote), or -1 where there is no such file. */
    private static long bytesWrittenByThisProcess() throws Exception {
        Path io = Path.of("/proc/self/io");
        if (!Files.isReadable(io)) {
            return -1;
        }
        for (String line : Files.readAllLines(io)) {
            if (line.startsWith("wchar:")) {
                return Long.parseLong(line.substring(6).trim());
            }
        }
        return -1;
    }

    @Test
    void aVerifiedFileThatCannotBePlacedDoesNotKeepTheOtherPartFilesFromBeingDeleted() throws Exception {
        byte[] a = random(CHUNK + 1);
        byte[] b = random(3 * CHUNK);
        ReceiveStore s =
                open(List.of(new StoreFile("a.bin", a.length, sha(a)), new StoreFile("b.bin", b.length, sha(b))));
        try {
            s.accept(0, chunk(a, 0));
            s.accept(1, chunk(a, 1)); // a.bin verified, waiting in the batch for its final name
            s.accept(2, chunk(b, 0)); // b.bin unfinished
            Files.delete(tmp.resolve("out/a.bin.part")); // putting it in place will fail
            assertThatThrownBy(s::discardParts).isInstanceOf(java.nio.file.NoSuchFileException.class);
            assertThat(tmp.resolve("out/b.bin.part")).doesNotExist();
        } finally {
            try {
                s.close();
            } catch (java.io.IOException expected) {
                // the same missing part file again; the store's files are closed all the same
            }
        }
        assertThat(tmp.resolve("out/a.bin")).doesNotExist();
    }

    private ReceiveStore open(List<StoreFile> files) throws Exception {
        return ReceiveStore.open(tmp.resolve("out"), tmp.resolve("state"), "manifest-1", CHUNK, files, UNIQUE, true);
    }

    private static ByteBuffer chunk(byte[] data, long id) {
        int from = (int) id * CHUNK;
        return ByteBuffer.wrap(Arrays.copyOfRange(data, from, Math.min(data.length, from + CHUNK)));
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static byte[] sha(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }
}
