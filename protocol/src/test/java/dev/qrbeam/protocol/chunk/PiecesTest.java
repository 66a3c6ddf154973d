package dev.qrbeam.protocol.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qrbeam.protocol.pairing.Base64Url;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class PiecesTest {
    private static final int G = Pieces.GRANULE;
    private static final int MIB = 1 << 20;

    @Test
    void onlyPowersOfTwoFromFourKibToOneMibAreUsableGranules() {
        assertThat(Pieces.validGranule(16384)).isTrue();
        assertThat(Pieces.validGranule(4096)).isTrue();
        assertThat(Pieces.validGranule(MIB)).isTrue();
        assertThat(Pieces.validGranule(null)).isFalse();
        assertThat(Pieces.validGranule(2048)).isFalse();
        assertThat(Pieces.validGranule(2 * MIB)).isFalse();
        assertThat(Pieces.validGranule(12288)).isFalse();
        assertThat(Pieces.validGranule(-16384)).isFalse();
    }

    @Test
    void aPieceIsAlignedInsideItsChunkAndShorterThanIt() {
        assertThat(Pieces.fits(MIB, G, 0, G)).isTrue();
        assertThat(Pieces.fits(MIB, G, MIB - G, G)).isTrue();
        assertThat(Pieces.fits(MIB, G, 0, MIB / 2)).isTrue();
        assertThat(Pieces.fits(40_000, G, 2 * G, 40_000 - 2 * G)).isTrue(); // a short tail ends the chunk
        assertThat(Pieces.fits(MIB, G, 0, MIB)).isFalse(); // that is the whole chunk
        assertThat(Pieces.fits(MIB, G, 1, G)).isFalse();
        assertThat(Pieces.fits(MIB, G, 0, G + 1)).isFalse();
        assertThat(Pieces.fits(MIB, G, MIB - G, 2 * G)).isFalse();
        assertThat(Pieces.fits(MIB, G, 0, 0)).isFalse();
        assertThat(Pieces.fits(2 * G - 1, G, 0, G)).isFalse(); // too small to split
    }

    @Test
    void haveBitmapsRoundTripAndForgedOrOversizedOnesAreRefusedAsBadHave() {
        BitSet have = new BitSet();
        have.set(0, 10);
        have.set(63);
        BitSet back = Pieces.decodeHave(Pieces.encodeHave(have), MIB, G);
        assertThat(back).isEqualTo(have);
        assertThat(Pieces.decodeHave("", MIB, G).isEmpty()).isTrue();
        assertThatThrownBy(() -> Pieces.decodeHave(Base64Url.encode(new byte[9]), MIB, G))
                .isInstanceOf(ChunkException.class)
                .extracting(e -> ((ChunkException) e).code())
                .isEqualTo("bad-have"); // 72 bits for 64 granules
        BitSet past = new BitSet();
        past.set(3);
        assertThatThrownBy(() -> Pieces.decodeHave(Pieces.encodeHave(past), 40_000, G))
                .isInstanceOf(ChunkException.class); // granule 3 of a 3-granule chunk
        assertThatThrownBy(() -> Pieces.decodeHave("AA==", MIB, G)).isInstanceOf(ChunkException.class);
        assertThatThrownBy(() -> Pieces.decodeHave(null, MIB, G)).isInstanceOf(ChunkException.class);
        assertThatThrownBy(() -> Pieces.decodeHave("A".repeat(100_000), MIB, G)).isInstanceOf(ChunkException.class);
    }
}
