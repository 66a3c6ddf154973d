package dev.qrbeam.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryControllerTest {
    @Test
    void filesAreSummarisedByTopLevelName() {
        assertThat(HistoryController.topLevel(List.of("Photos/a.jpg", "Photos/sub/b.jpg", "notes.txt")))
                .containsExactly("Photos", "notes.txt");
    }
}
