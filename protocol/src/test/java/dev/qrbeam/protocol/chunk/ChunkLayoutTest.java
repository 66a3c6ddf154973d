package dev.qrbeam.protocol.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChunkLayoutTest {
    private static final int C = 4096;

    @ParameterizedTest
    @CsvSource({"0,1", "1,1", "4095,1", "4096,1", "4097,2", "8192,2", "8193,3"})
    void chunksPerFile(long size, long expected) {
        assertThat(ChunkLayout.chunksFor(size, C)).isEqualTo(expected);
    }

    @Test
    void globalIdsRunAcrossFilesInManifestOrder() {
        ChunkLayout layout = new ChunkLayout(new long[] {8193, 0, 4096, 1}, C);
        assertThat(layout.chunkTotal()).isEqualTo(3 + 1 + 1 + 1);
        assertThat(layout.firstChunk(0)).isZero();
        assertThat(layout.firstChunk(1)).isEqualTo(3);
        assertThat(layout.firstChunk(2)).isEqualTo(4);
        assertThat(layout.firstChunk(3)).isEqualTo(5);
        assertThat(layout.ref(0)).isEqualTo(new ChunkRef(0, 0, 6, 0, C, false));
        assertThat(layout.ref(2)).isEqualTo(new ChunkRef(0, 2, 6, 8192, 1, true));
        assertThat(layout.ref(3)).isEqualTo(new ChunkRef(1, 3, 6, 0, 0, true));
        assertThat(layout.ref(4)).isEqualTo(new ChunkRef(2, 4, 6, 0, C, true));
        assertThat(layout.ref(5)).isEqualTo(new ChunkRef(3, 5, 6, 0, 1, true));
    }

    @Test
    void lengthsOfAllChunksAddUpToTheFileSizes() {
        long[] sizes = {1, 123_456, 0, 4096 * 7, 99};
        ChunkLayout layout = new ChunkLayout(sizes, C);
        long[] sum = new long[sizes.length];
        for (long id = 0; id < layout.chunkTotal(); id++) {
            ChunkRef r = layout.ref(id);
            assertThat(r.offset()).isEqualTo(sum[r.fileIndex()]);
            sum[r.fileIndex()] += r.length();
        }
        assertThat(sum).isEqualTo(sizes);
    }

    @Test
    void hugeFilesUseLongOffsets() {
        long fiveGiB = 5L << 30;
        ChunkLayout layout = new ChunkLayout(new long[] {fiveGiB}, 1 << 20);
        ChunkRef last = layout.ref(layout.chunkTotal() - 1);
        assertThat(last.offset()).isEqualTo(fiveGiB - (1 << 20));
        assertThat(last.last()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"-1", "6", "9223372036854775807", "-9223372036854775808"})
    void refusesIdsOutOfRange(long id) {
        ChunkLayout layout = new ChunkLayout(new long[] {8193, 0, 4096, 1}, C);
        assertThatThrownBy(() -> layout.ref(id))
                .isInstanceOf(ChunkException.class)
                .extracting(e -> ((ChunkException) e).code())
                .isEqualTo("bad-chunk");
    }

    @Test
    void refusesNegativeSizesBadChunkSizesAndTooManyChunks() {
        assertThatThrownBy(() -> new ChunkLayout(new long[] {-1}, C)).isInstanceOf(ChunkException.class);
        assertThatThrownBy(() -> new ChunkLayout(new long[] {1}, 100)).isInstanceOf(ChunkException.class);
        assertThatThrownBy(() -> new ChunkLayout(new long[] {Long.MAX_VALUE}, C))
                .isInstanceOf(ChunkException.class);
        assertThat(new ChunkLayout(new long[0], C).chunkTotal()).isZero();
    }
}
