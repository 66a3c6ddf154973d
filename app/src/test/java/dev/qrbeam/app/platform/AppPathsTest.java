package dev.qrbeam.app.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppPathsTest {
    @Test
    void systemPropertyWinsEverywhere() {
        assertThat(AppPaths.resolve("/tmp/x", "Windows 11", "C:\\Users\\a", Map.of("APPDATA", "C:\\AppData"))
                        .home())
                .isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void linuxUsesXdgDataHomeThenLocalShare() {
        assertThat(AppPaths.resolve(null, "Linux", "/home/a", Map.of("XDG_DATA_HOME", "/data"))
                        .home())
                .isEqualTo(Path.of("/data/qrbeam"));
        assertThat(AppPaths.resolve(null, "Linux", "/home/a", Map.of()).home())
                .isEqualTo(Path.of("/home/a/.local/share/qrbeam"));
    }

    @Test
    void relativeXdgDataHomeIsIgnoredAsTheSpecSays() {
        assertThat(AppPaths.resolve(null, "Linux", "/home/a", Map.of("XDG_DATA_HOME", "rel"))
                        .home())
                .isEqualTo(Path.of("/home/a/.local/share/qrbeam"));
    }

    @Test
    void windowsUsesAppData() {
        assertThat(AppPaths.resolve(null, "Windows 10", "/home/a", Map.of("APPDATA", "/appdata"))
                        .home())
                .isEqualTo(Path.of("/appdata", "QRBeam"));
    }

    @Test
    void macUsesApplicationSupport() {
        assertThat(AppPaths.resolve(null, "Mac OS X", "/Users/a", Map.of()).home())
                .isEqualTo(Path.of("/Users/a/Library/Application Support/QRBeam"));
    }
}
