package dev.qrbeam.app.history;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryControllerTest {
    @Test
    void filesAreSummarisedByTopLevelName() {
        assertThat(HistoryController.topLevel(List.of("Photos/a.jpg", "Photos/sub/b.jpg", "notes.txt")))
                .containsExactly("Photos", "notes.txt");
    }
}
