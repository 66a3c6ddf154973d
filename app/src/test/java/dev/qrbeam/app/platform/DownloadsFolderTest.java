package dev.qrbeam.app.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regression: Receive's "Save to" defaulted to the home folder instead of the user's Downloads folder. */
class DownloadsFolderTest {
    @TempDir
    Path home;

    @Test
    void receiveDefaultsToDownloadsNotHomeEvenBeforeTheFolderExists() {
        assertThat(DownloadsFolder.resolve("Linux", home, Map.of(), Optional::empty))
                .isEqualTo(home.resolve("Downloads"));
        assertThat(DownloadsFolder.resolve("Mac OS X", home, Map.of(), Optional::empty))
                .isEqualTo(home.resolve("Downloads"));
    }

    @Test
    void linuxReadsTheLocalisedFolderFromUserDirsDirs() throws Exception {
        Files.createDirectories(home.resolve(".config"));
        Files.writeString(
                home.resolve(".config/user-dirs.dirs"),
                "# written by xdg-user-dirs-update\n"
                        + "XDG_DESKTOP_DIR=\"$HOME/Bureau\"\nXDG_DOWNLOAD_DIR=\"$HOME/Téléchargements\"\n",
                StandardCharsets.UTF_8);
        assertThat(DownloadsFolder.resolve("Linux", home, Map.of(), Optional::empty))
                .isEqualTo(home.resolve("Téléchargements"));
    }

    @Test
    void linuxHonoursXdgConfigHomeAndTheEnvironmentVariable() throws Exception {
        Path config = Files.createDirectories(home.resolve("cfg"));
        Files.writeString(config.resolve("user-dirs.dirs"), "XDG_DOWNLOAD_DIR=\"/data/dl\"\n");
        assertThat(DownloadsFolder.resolve(
                        "Linux", home, Map.of("XDG_CONFIG_HOME", config.toString()), Optional::empty))
                .isEqualTo(Path.of("/data/dl"));
        assertThat(DownloadsFolder.resolve(
                        "Linux", home, Map.of("XDG_DOWNLOAD_DIR", "$HOME/Incoming"), Optional::empty))
                .isEqualTo(home.resolve("Incoming"));
    }

    @Test
    void linuxIgnoresRelativeOrDisabledEntries() throws Exception {
        Files.createDirectories(home.resolve(".config"));
        Files.writeString(home.resolve(".config/user-dirs.dirs"), "XDG_DOWNLOAD_DIR=\"$HOME/\"\n");
        assertThat(DownloadsFolder.resolve("Linux", home, Map.of(), Optional::empty))
                .isEqualTo(home.resolve("Downloads"));
        assertThat(DownloadsFolder.resolve("Linux", home, Map.of("XDG_DOWNLOAD_DIR", "relative/dl"), Optional::empty))
                .isEqualTo(home.resolve("Downloads"));
    }

    @Test
    void windowsUsesTheMovableKnownFolderFromTheRegistry() {
        String reg =
                "\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders\r\n"
                        + "    {374DE290-123F-4565-9164-39C4925E467B}    REG_EXPAND_SZ    %USERPROFILE%\\My Downloads\r\n\r\n";
        Optional<String> value = DownloadsFolder.parseRegQuery(reg);
        assertThat(value).contains("%USERPROFILE%\\My Downloads");
        assertThat(DownloadsFolder.expandWindows(value.get(), Map.of("UserProfile", "C:\\Users\\ann")))
                .isEqualTo("C:\\Users\\ann\\My Downloads");
        assertThat(DownloadsFolder.resolve(
                        "Windows 11", home, Map.of("USERPROFILE", "/users/ann"), () -> Optional.of("/d/dl")))
                .isEqualTo(Path.of("/d/dl"));
    }

    @Test
    void windowsFallsBackToUserProfileDownloads() {
        assertThat(DownloadsFolder.resolve("Windows 10", home, Map.of("USERPROFILE", "/users/ann"), Optional::empty))
                .isEqualTo(Path.of("/users/ann", "Downloads"));
        assertThat(DownloadsFolder.parseRegQuery("ERROR: The system was unable to find the specified registry key"))
                .isEmpty();
    }
}
