package dev.qrbeam.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.protocol.manifest.SafePath;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The receiver's O_DIRECT path: same bytes on disk whichever way a chunk was written, and a fallback that works. */
class DirectWritesTest {
    private static final BiFunction<Path, String, String> UNIQUE =
            (dir, name) -> SafePath.uniqueName(dir.resolve(name)).getFileName().toString();

    @TempDir
    Path tmp;

    @Test
    void wholeChunksGoAroundThePageCacheInAnyOrderAndTheFileIsIdentical() throws Exception {
        int chunk = 64 << 10;
        byte[] data = random(10 * chunk + 4097);
        List<Long> order = new ArrayList<>();
        for (long id = 0; id <= 10; id++) {
            order.add(id);
        }
        Collections.shuffle(order, new Random(7));
        try (ReceiveStore s = open(chunk, data, true)) {
            for (long id : order) {
                s.accept(id, chunk(data, chunk, id));
            }
            assertThat(s.isComplete()).isTrue();
            assertThat(s.directBytes()).as("every whole chunk went direct").isEqualTo(10L * chunk);
        }
        assertThat(Files.readAllBytes(tmp.resolve("out/a.bin"))).isEqualTo(data);
    }

    @Test
    void chunksThatAreNotBlockMultiplesFallBackToThePageCache() throws Exception {
        int chunk = 5000;
        byte[] data = random(7 * chunk + 3);
        try (ReceiveStore s = open(chunk, data, true)) {
            for (long id = 7; id >= 0; id--) {
                s.accept(id, chunk(data, chunk, id));
            }
            assertThat(s.isComplete()).isTrue();
            assertThat(s.directBytes()).isZero();
        }
        assertThat(Files.readAllBytes(tmp.resolve("out/a.bin"))).isEqualTo(data);
    }

    @Test
    void aTransferResumedWithDirectWritesOnCompletesAPartWrittenThroughThePageCache() throws Exception {
        int chunk = 16 << 10;
        byte[] data = random(6 * chunk);
        try (ReceiveStore s = open(chunk, data, false)) {
            s.accept(0, chunk(data, chunk, 0));
            s.accept(2, chunk(data, chunk, 2));
            assertThat(s.directBytes()).isZero();
        }
        try (ReceiveStore s = open(chunk, data, true)) {
            for (long id : List.of(5L, 1L, 3L, 4L)) {
                s.accept(id, chunk(data, chunk, id));
            }
            assertThat(s.isComplete()).isTrue();
            assertThat(s.directBytes()).isEqualTo(4L * chunk);
        }
        assertThat(Files.readAllBytes(tmp.resolve("out/a.bin"))).isEqualTo(data);
    }

    private ReceiveStore open(int chunk, byte[] data, boolean direct) throws Exception {
        List<StoreFile> files = List.of(new StoreFile(
                "a.bin", data.length, MessageDigest.getInstance("SHA-256").digest(data)));
        return ReceiveStore.open(tmp.resolve("out"), tmp.resolve("state"), "m", chunk, files, UNIQUE, direct);
    }

    private static ByteBuffer chunk(byte[] data, int chunk, long id) {
        int from = (int) id * chunk;
        return ByteBuffer.wrap(Arrays.copyOfRange(data, from, Math.min(data.length, from + chunk)));
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}
