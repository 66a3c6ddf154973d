package dev.qrbeam.core.receive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.protocol.chunk.ChunkRef;
import dev.qrbeam.protocol.chunk.Pieces;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class PieceTrackerTest {
    private static final int G = 16384;

    private static ChunkRef chunk(long id, int length) {
        return new ChunkRef(0, id, 1000, id << 20, length, false);
    }

    @Test
    void aChunkIsCompleteOnlyWhenEveryGranuleIsIn() {
        PieceTracker t = new PieceTracker(G);
        ChunkRef c = chunk(1, 40_000); // granules 0, 1 and a short 2
        assertThat(t.have(1)).isNull();
        assertThat(t.add(c, 2 * G, 40_000 - 2 * G)).isFalse();
        assertThat(t.add(c, 2 * G, 40_000 - 2 * G)).isFalse(); // the same piece twice
        BitSet held = Pieces.decodeHave(t.have(1), 40_000, G);
        assertThat(held.stream()).containsExactly(2);
        assertThat(t.add(c, 0, 2 * G)).isTrue();
        assertThat(t.have(1)).isNull(); // forgotten: the store journals it
    }

    @Test
    void atMostSixtyFourPartlyReceivedChunksAreRemembered() {
        PieceTracker t = new PieceTracker(G);
        for (long id = 0; id < PieceTracker.MAX_CHUNKS + 6; id++) {
            t.add(chunk(id, 1 << 20), 0, G);
        }
        assertThat(t.chunks())
                .hasSize(PieceTracker.MAX_CHUNKS)
                .doesNotContain(0L)
                .contains(69L);
        assertThat(t.have(0)).isNull();
        t.forget(69);
        assertThat(t.chunks()).doesNotContain(69L);
    }
}
