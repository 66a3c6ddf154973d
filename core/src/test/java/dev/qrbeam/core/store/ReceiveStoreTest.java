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
                assertThat(s.accept(id, chunk(data, id))).isEqualTo(id == 10 ? 0 : -1);
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
            assertThatThrownBy(() -> s.accept(0, ByteBuffer.wrap(data))).isInstanceOf(TransferException.class)
                    .hasMessageContaining("symbolic link");
        }
        try (var list = Files.list(elsewhere)) {
            assertThat(list.toList()).isEmpty();
        }
    }

    @Test
    void declaredSizeBeyondFreeSpaceIsRefusedUpFront() {
        List<StoreFile> huge = List.of(new StoreFile("huge.bin", 1L << 50, new byte[32]));
        assertThatThrownBy(() -> ReceiveStore.open(tmp.resolve("out"), tmp.resolve("state"), "m", 16 << 20, huge, UNIQUE, true))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.code()).isEqualTo(FailureCode.DISK_FULL));
    }

    @Test
    void aChunkWhoseLengthDisagreesWithTheManifestIsRefused() throws Exception {
        byte[] data = random(CHUNK + 10);
        try (ReceiveStore s = open(List.of(new StoreFile("a.bin", data.length, sha(data))))) {
            assertThatThrownBy(() -> s.accept(1, ByteBuffer.wrap(new byte[11])))
                    .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.code()).isEqualTo(FailureCode.INTEGRITY));
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
                    .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.code()).isEqualTo(FailureCode.INTEGRITY));
            assertThat(s.missing(10)).containsExactly(0L, 1L);
        }
        try (var list = Files.list(tmp.resolve("out"))) {
            assertThat(list.toList()).isEmpty();
        }
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
