package dev.qrbeam.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.app.platform.AppPaths;
import dev.qrbeam.app.platform.JsonFiles;
import dev.qrbeam.app.theme.ThemeMode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path home;

    @Test
    void missingFileGivesDefaults() {
        Settings s = new SettingsStore(new AppPaths(home), new JsonFiles(), Path.of("/dl")).current();
        assertThat(s.relay()).isEqualTo(RelayChoice.EMBEDDED);
        assertThat(s.theme()).isEqualTo(ThemeMode.SYSTEM);
        assertThat(s.downloadFolder()).isEqualTo("/dl");
    }

    @Test
    void changesAreSavedAndReadBack() throws Exception {
        AppPaths paths = new AppPaths(home);
        SettingsStore store = new SettingsStore(paths, new JsonFiles(), Path.of("/dl"));
        store.modify(s -> s.withRelay(RelayChoice.URL, "wss://r.example/prod")
                .withTheme(ThemeMode.DARK)
                .withDownloadFolder("/x")
                .withCamera("USB cam"));
        Settings back = new SettingsStore(paths, new JsonFiles(), Path.of("/dl")).current();
        assertThat(back)
                .isEqualTo(new Settings(RelayChoice.URL, "wss://r.example/prod", "/x", ThemeMode.DARK, "USB cam"));
    }

    @Test
    void aCorruptOrHostileFileFallsBackToDefaults() throws Exception {
        AppPaths paths = new AppPaths(home);
        Files.writeString(paths.settingsFile(), "[".repeat(10_000));
        assertThat(new SettingsStore(paths, new JsonFiles(), Path.of("/dl"))
                        .current()
                        .relay())
                .isEqualTo(RelayChoice.EMBEDDED);
        Files.writeString(paths.settingsFile(), "{\"relay\":\"BOGUS\"}");
        assertThat(new SettingsStore(paths, new JsonFiles(), Path.of("/dl"))
                        .current()
                        .downloadFolder())
                .isEqualTo("/dl");
    }

    @Test
    void relayUrlsMustBeWebSocketOrHttp() {
        assertThat(SettingsController.validRelayUrl("wss://abc.execute-api.eu-west-1.amazonaws.com/prod"))
                .isTrue();
        assertThat(SettingsController.validRelayUrl("http://192.168.1.5:8080")).isTrue();
        assertThat(SettingsController.validRelayUrl("ftp://x")).isFalse();
        assertThat(SettingsController.validRelayUrl("not a url")).isFalse();
    }
}
