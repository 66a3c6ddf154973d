package dev.qrbeam.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.app.support.AppWindow;
import dev.qrbeam.app.support.Ui;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SendQrTest {
    @TempDir
    Path tmp;

    @RegisterExtension
    final AppWindow app = new AppWindow();

    private Ui.Window window;

    @Test
    void droppedFilesShowAQrCodeThatDecodesToThePairingCode() throws Exception {
        window = app.open(tmp);
        Path a = Files.writeString(tmp.resolve("a.txt"), "hello");
        Path dir = Files.createDirectories(tmp.resolve("folder"));
        Files.write(dir.resolve("b.bin"), new byte[5000]);

        Ui.dropFiles(Ui.find(window, "send-drop-zone"), List.of(a, dir));

        Ui.waitFor(20, () -> window.app().send().shownCode().startsWith("http"));
        Node qr = Ui.find(window, "send-qr");
        String decoded = Ui.decodeQr(qr).orElseThrow();
        TextField code = Ui.find(window, "send-code");
        assertThat(decoded).isEqualTo(Ui.fx(code::getText));
        URI uri = URI.create(decoded);
        assertThat(uri.getScheme()).isIn("http", "https");
        assertThat(uri.getPath()).startsWith("/r/1/");
        assertThat(uri.getHost()).isEqualTo("127.0.0.1");
        assertThat(uri.getFragment()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(dev.qrbeam.protocol.pairing.PairingCode.parse(decoded)
                        .webSocketUri()
                        .getHost())
                .isEqualTo("127.0.0.1");
        assertThat(Ui.fx(() -> ((javafx.scene.control.ListView<?>) Ui.find(window, "send-file-list"))
                        .getItems()
                        .size()))
                .isEqualTo(2);

        new org.testfx.api.FxRobot().clickOn((Node) Ui.find(window, "send-copy"));
        assertThat(Ui.<String>fx(
                        () -> javafx.scene.input.Clipboard.getSystemClipboard().getString()))
                .isEqualTo(decoded);
    }
}
