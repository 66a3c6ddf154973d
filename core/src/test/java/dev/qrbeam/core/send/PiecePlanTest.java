package dev.qrbeam.core.send;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.protocol.chunk.ChunkRef;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/** The sender's adaptive piece rule (docs/protocol-transfer.md §5) and its use of the receiver's have hints. */
class PiecePlanTest {
    private static final int MIB = 1 << 20;
    private static final int G = 16384;
    private static final ChunkRef CHUNK = new ChunkRef(0, 3, 10, 3L * MIB, MIB, false);

    private static PiecePlan plan(int granule) {
        PiecePlan p = new PiecePlan(MIB);
        p.session(granule);
        return p;
    }

    @Test
    void startsWholeShrinksByFourOnEachRerequestButNeverBelowTheGranule() {
        PiecePlan p = plan(G);
        assertThat(p.cut(CHUNK)).isDeepEqualTo(new int[][] {{0, MIB}});
        p.rerequested();
        assertThat(p.size()).isEqualTo(MIB / 4);
        assertThat(p.cut(CHUNK)[3]).containsExactly(3 * MIB / 4, MIB / 4);
        p.rerequested();
        p.rerequested();
        p.rerequested();
        assertThat(p.size()).isEqualTo(G);
        assertThat(p.cut(CHUNK)).hasDimensions(64, 2);
    }

    @Test
    void growsBackAfterACleanStretchUpToWholeChunks() {
        PiecePlan p = plan(G);
        p.rerequested();
        p.rerequested();
        p.rerequested(); // 16 KiB
        p.sent(PiecePlan.GROW_AFTER - 1, 8L * MIB);
        assertThat(p.size()).isEqualTo(G);
        p.sent(1, 0);
        assertThat(p.size()).isEqualTo(2 * G);
        p.sent(PiecePlan.GROW_AFTER, MIB); // enough records, too few bytes
        assertThat(p.size()).isEqualTo(2 * G);
        p.rerequested(); // the stretch starts again
        assertThat(p.size()).isEqualTo(G);
        for (int i = 0; i < 20; i++) {
            p.sent(PiecePlan.GROW_AFTER, PiecePlan.GROW_AFTER_BYTES);
        }
        assertThat(p.size()).isEqualTo(MIB);
        assertThat(p.cut(CHUNK)).isDeepEqualTo(new int[][] {{0, MIB}});
    }

    @Test
    void aReceiverThatDeclaredNoGranuleAlwaysGetsWholeChunks() {
        for (int granule : new int[] {0, 2048, 12288, 2 * MIB, -G}) {
            PiecePlan p = plan(granule);
            for (int i = 0; i < 10; i++) {
                p.rerequested();
            }
            BitSet have = new BitSet();
            have.set(0, 10);
            p.hint(CHUNK.chunkId(), have);
            assertThat(p.cut(CHUNK)).as("granule %d", granule).isDeepEqualTo(new int[][] {{0, MIB}});
        }
    }

    @Test
    void aChunkShorterThanTwoGranulesIsAlwaysWhole() {
        PiecePlan p = plan(G);
        p.rerequested();
        p.rerequested();
        p.rerequested();
        ChunkRef tail = new ChunkRef(0, 9, 10, 9L * MIB, 2 * G - 1, true);
        assertThat(p.cut(tail)).isDeepEqualTo(new int[][] {{0, 2 * G - 1}});
    }

    @Test
    void aHaveHintLeavesOnlyTheMissingPiecesOnceAtMostHalfAChunkEach() {
        PiecePlan p = plan(G);
        BitSet have = new BitSet();
        have.set(0, 64);
        have.clear(40); // bytes [640 KiB, 656 KiB) missing
        p.hint(CHUNK.chunkId(), have);
        assertThat(p.cut(CHUNK)).isDeepEqualTo(new int[][] {{MIB / 2, MIB / 2}});
        assertThat(p.cut(CHUNK)).isDeepEqualTo(new int[][] {{0, MIB}}); // used up
        p.rerequested();
        p.rerequested();
        p.hint(CHUNK.chunkId(), have);
        assertThat(p.cut(CHUNK)).isDeepEqualTo(new int[][] {{10 * 65536, 65536}});
    }

    @Test
    void forgedOrStaleHintsAreIgnoredAndTheChunkIsSentInFull() {
        PiecePlan p = plan(G);
        p.rerequested(); // 256 KiB pieces
        BitSet all = new BitSet();
        all.set(0, 64);
        p.hint(CHUNK.chunkId(), all); // claims everything: nothing would be sent
        assertThat(p.cut(CHUNK)).hasDimensions(4, 2);
        BitSet past = new BitSet();
        past.set(200); // a granule of 4 KiB, past this receiver's 64 granules
        p.hint(CHUNK.chunkId(), past);
        assertThat(p.cut(CHUNK)).hasDimensions(4, 2);
        for (long id = 0; id < PiecePlan.MAX_HINTS + 10; id++) {
            BitSet h = new BitSet();
            h.set(0);
            p.hint(1000 + id, h);
        }
        p.forgetHints();
        p.hint(7, all);
        assertThat(p.cut(new ChunkRef(0, 7, 10, 7L * MIB, MIB, false))).hasDimensions(4, 2);
    }
}
