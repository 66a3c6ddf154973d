package dev.qrbeam.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.app.platform.AppPaths;
import dev.qrbeam.app.platform.JsonFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryStoreTest {
    @TempDir
    Path home;

    private static HistoryEntry entry(String id, long at, Outcome outcome, String code) {
        return new HistoryEntry(
                id, Direction.RECEIVED, List.of("a/b.txt", "c.txt"), 42, at, at + 1, outcome, "", code, "/dl");
    }

    @Test
    void entriesSurviveAReloadNewestFirstAndReplaceById() throws Exception {
        AppPaths paths = new AppPaths(home);
        HistoryStore store = new HistoryStore(paths, new JsonFiles());
        store.put(entry("1", 100, Outcome.IN_PROGRESS, "http://x/r/1/a#b"));
        store.put(entry("2", 200, Outcome.DONE, null));
        store.put(entry("1", 100, Outcome.DONE, null));
        List<HistoryEntry> reloaded = new HistoryStore(paths, new JsonFiles()).entries();
        assertThat(reloaded).extracting(HistoryEntry::id).containsExactly("2", "1");
        assertThat(reloaded.get(1).outcome()).isEqualTo(Outcome.DONE);
        assertThat(reloaded.get(1).files()).containsExactly("a/b.txt", "c.txt");
    }

    @Test
    void onlyUnfinishedReceivesWithACodeAreResumable() {
        assertThat(entry("1", 1, Outcome.IN_PROGRESS, "code").resumable()).isTrue();
        assertThat(entry("1", 1, Outcome.FAILED, "code").resumable()).isTrue();
        assertThat(entry("1", 1, Outcome.DONE, "code").resumable()).isFalse();
        assertThat(entry("1", 1, Outcome.CANCELLED, "code").resumable()).isFalse();
        assertThat(entry("1", 1, Outcome.FAILED, null).resumable()).isFalse();
    }

    @Test
    void aCorruptFileStartsEmptyAndIsReplacedOnTheNextWrite() throws Exception {
        AppPaths paths = new AppPaths(home);
        Files.writeString(paths.historyFile(), "{ not json");
        HistoryStore store = new HistoryStore(paths, new JsonFiles());
        assertThat(store.entries()).isEmpty();
        store.put(entry("1", 1, Outcome.DONE, null));
        assertThat(new HistoryStore(paths, new JsonFiles()).entries()).hasSize(1);
    }

    @Test
    void historyIsCappedAtItsLimit() throws Exception {
        HistoryStore store = new HistoryStore(new AppPaths(home), new JsonFiles());
        for (int i = 0; i < HistoryStore.MAX_ENTRIES + 5; i++) {
            store.put(entry("e" + i, i, Outcome.DONE, null));
        }
        assertThat(store.entries()).hasSize(HistoryStore.MAX_ENTRIES);
        assertThat(store.entries().get(0).id()).isEqualTo("e" + (HistoryStore.MAX_ENTRIES + 4));
    }
}
