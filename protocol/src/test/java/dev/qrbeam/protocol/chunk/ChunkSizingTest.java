package dev.qrbeam.protocol.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChunkSizingTest {
    @Test
    void binaryRelayGetsOneMebibyteWhenItFits() {
        assertThat(ChunkSizing.forBinary(16 << 20)).isEqualTo(1 << 20);
        assertThat(ChunkSizing.forBinary((1 << 20) + 238)).isEqualTo(1 << 20);
    }

    @Test
    void binaryChunkPlusHeaderAndOverheadFitsTheAdvertisedLimit() {
        for (long max : new long[] {1 << 20, 300_000, 65_536, 8_192}) {
            int chunk = ChunkSizing.forBinary(max);
            assertThat(chunk + ChunkSizing.MAX_FRAME_HEADER + ChunkSizing.RECORD_OVERHEAD)
                    .isLessThanOrEqualTo((int) max);
            assertThat(chunk % 4096).isZero();
        }
    }

    @Test
    void awsTextLimitsGiveTwentyKibAndTheMessageFitsOneFrame() {
        int chunk = ChunkSizing.forText(128_000, 32_768);
        assertThat(chunk).isEqualTo(20 * 1024);
        int base64 = (chunk + ChunkSizing.RECORD_OVERHEAD + 2) / 3 * 4;
        assertThat(base64 + ChunkSizing.JSON_BUDGET).isLessThanOrEqualTo(32_768);
        assertThat(ChunkSizing.forText(32_000, 32_000)).isLessThanOrEqualTo(20 * 1024);
    }

    @Test
    void textWithoutFrameLimitUsesTheMessageLimit() {
        assertThat(ChunkSizing.forText(128 * 1024, 0)).isEqualTo(94_208);
        assertThat(ChunkSizing.choose(false, 0, 128 * 1024, 32 * 1024)).isEqualTo(20 * 1024);
        assertThat(ChunkSizing.choose(true, 4 << 20, 128 * 1024, 32 * 1024)).isEqualTo(1 << 20);
    }

    @Test
    void tooSmallLimitsAreRefusedClearly() {
        assertThatThrownBy(() -> ChunkSizing.forBinary(1000))
                .isInstanceOf(ChunkException.class)
                .extracting(e -> ((ChunkException) e).code())
                .isEqualTo("bad-limits");
        assertThatThrownBy(() -> ChunkSizing.forText(2000, 2000)).isInstanceOf(ChunkException.class);
    }
}
