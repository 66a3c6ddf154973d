package dev.qrbeam.protocol.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MissingIdsTest {
    @Test
    void sortsAndDeduplicatesValidIds() {
        assertThat(MissingIds.validate(List.of(8, 2, 4, 2), 10)).containsExactly(2, 4, 8);
        assertThat(MissingIds.validate(List.of(9L), 10)).containsExactly(9);
        assertThat(MissingIds.validate(null, 10)).isEmpty();
    }

    @Test
    void refusesAMillionIds() {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 1_000_000; i++) {
            ids.add(i);
        }
        assertThatThrownBy(() -> MissingIds.validate(ids, 2_000_000))
                .isInstanceOf(ChunkException.class)
                .extracting(e -> ((ChunkException) e).code())
                .isEqualTo("bad-ack");
    }

    @Test
    void refusesOutOfRangeNonIntegerAndNullIds() {
        for (List<? extends Number> bad : List.<List<? extends Number>>of(
                List.of(-1),
                List.of(10),
                List.of(1.5),
                Arrays.asList(1, null),
                List.of(Long.MAX_VALUE),
                List.of(new java.math.BigInteger("99999999999999999999")))) {
            assertThatThrownBy(() -> MissingIds.validate(bad, 10))
                    .isInstanceOf(ChunkException.class)
                    .extracting(e -> ((ChunkException) e).code())
                    .isEqualTo("bad-ack");
        }
    }
}
