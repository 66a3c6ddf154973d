package dev.qrbeam.protocol.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkSetTest {
    @Test
    void tracksReceivedAndReportsMissingIdsBounded() {
        ChunkSet set = new ChunkSet(10);
        for (long id : new long[] {0, 1, 3, 4, 5, 9}) {
            assertThat(set.add(id)).isTrue();
        }
        assertThat(set.add(3)).isFalse();
        assertThat(set.count()).isEqualTo(6);
        assertThat(set.missing(100)).containsExactly(2, 6, 7, 8);
        assertThat(set.missing(2)).containsExactly(2, 6);
        assertThat(set.missingRanges(10)).containsExactly(new ChunkRange(2, 3), new ChunkRange(6, 9));
        assertThat(set.missingRanges(1)).containsExactly(new ChunkRange(2, 3));
        assertThat(set.ranges()).containsExactly(new ChunkRange(0, 2), new ChunkRange(3, 6), new ChunkRange(9, 10));
        assertThat(set.containsAll(3, 6)).isTrue();
        assertThat(set.containsAll(1, 3)).isFalse();
        assertThat(set.isComplete()).isFalse();
    }

    @Test
    void rebuildsFromJournalRanges() {
        ChunkSet set = ChunkSet.fromRanges(10, List.of(new ChunkRange(0, 4), new ChunkRange(5, 10)));
        assertThat(set.missing(10)).containsExactly(4);
        set.add(4);
        assertThat(set.isComplete()).isTrue();
        assertThat(set.missing(10)).isEmpty();
        assertThat(set.missingRanges(10)).isEmpty();
        assertThatThrownBy(() -> ChunkSet.fromRanges(10, List.of(new ChunkRange(8, 11))))
                .isInstanceOf(ChunkException.class);
    }

    @Test
    void refusesOutOfRangeIdsAndTotals() {
        ChunkSet set = new ChunkSet(3);
        for (long bad : new long[] {-1, 3, Long.MAX_VALUE, 1L << 31}) {
            assertThatThrownBy(() -> set.add(bad))
                    .isInstanceOf(ChunkException.class)
                    .extracting(e -> ((ChunkException) e).code())
                    .isEqualTo("bad-chunk");
        }
        assertThatThrownBy(() -> new ChunkSet(-1)).isInstanceOf(ChunkException.class);
        assertThatThrownBy(() -> new ChunkSet(1L << 40)).isInstanceOf(ChunkException.class);
        assertThatThrownBy(() -> new ChunkRange(5, 5)).isInstanceOf(ChunkException.class);
    }

    @Test
    void largeSetsStayCompact() {
        ChunkSet set = new ChunkSet(1_000_000);
        for (long i = 0; i < 1_000_000; i += 2) {
            set.add(i);
        }
        assertThat(set.missing(MissingIds.MAX_IDS)).hasSize(MissingIds.MAX_IDS).startsWith(1, 3, 5);
        assertThat(set.missingRanges(50)).hasSize(50);
    }
}
