package dev.qrbeam.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {
    @Test
    void acceptsEachCounterOnceInAnyOrderWithinTheWindow() throws Exception {
        ReplayWindow w = new ReplayWindow();
        for (long c : new long[] {5, 1, 0, 7, 6, 2}) {
            w.accept(c);
        }
        for (long c : new long[] {5, 1, 0, 7, 6, 2}) {
            assertThatThrownBy(() -> w.accept(c))
                    .extracting(e -> ((RecordException) e).error())
                    .isEqualTo(RecordError.REPLAYED);
        }
        assertThatCode(() -> w.accept(3)).doesNotThrowAnyException();
    }

    @Test
    void refusesCountersOlderThanTheWindow() throws Exception {
        ReplayWindow w = new ReplayWindow();
        w.accept(ReplayWindow.SIZE + 10L);
        assertThatThrownBy(() -> w.accept(10))
                .extracting(e -> ((RecordException) e).error())
                .isEqualTo(RecordError.TOO_OLD);
        assertThatCode(() -> w.accept(11)).doesNotThrowAnyException();
    }

    @Test
    void slotsReusedAfterTheWindowMovesAreCleared() throws Exception {
        ReplayWindow w = new ReplayWindow();
        w.accept(1);
        w.accept(ReplayWindow.SIZE);
        assertThatCode(() -> w.accept(ReplayWindow.SIZE + 1L)).doesNotThrowAnyException();
        w.accept(3L * ReplayWindow.SIZE);
        assertThatCode(() -> w.accept(3L * ReplayWindow.SIZE - 1)).doesNotThrowAnyException();
        assertThatThrownBy(() -> w.accept(-1)).isInstanceOf(RecordException.class);
    }
}
