package dev.qrbeam.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.app.support.AppWindow;
import dev.qrbeam.app.support.Ui;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.testing.TestFiles;
import dev.qrbeam.core.testing.TestScanner;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * Issue 13 item 4: the Receive page's "Receive from a phone" shows a QR code, and a phone's transfer (played by
 * the engine tests' {@link TestScanner}, which scans what the QR code says) shows like any receive and completes.
 */
@Timeout(120)
class ReceiveFromPhoneTest {
    @TempDir
    Path tmp;

    @RegisterExtension
    final AppWindow app = new AppWindow();

    private Ui.Window window;

    @Test
    void theButtonShowsACodeAndThePhonesFilesArriveLikeAnyReceive() throws Exception {
        window = app.open(tmp);
        Path dest = tmp.resolve("downloads");
        Ui.fxRun(() -> window.app().receive().setDestination(dest));
        Ui.fxRun(() -> window.app().shell().show(dev.qrbeam.app.shell.Page.RECEIVE));
        Ui.fxRun(() -> window.stage().toFront());
        Path a = TestFiles.random(tmp.resolve("phone/IMG_0002.jpg"), 1_500_000, 21);
        Path b = TestFiles.random(tmp.resolve("phone/voice.m4a"), 40_000, 22);

        new FxRobot().clickOn((Node) Ui.find(window, "receive-from-phone"));
        Node card = Ui.find(window, "receive-phone-card");
        Ui.waitFor(20, card::isVisible, window);
        String code = Ui.decodeQr(Ui.find(window, "receive-phone-qr")).orElseThrow();
        TextField shown = Ui.find(window, "receive-phone-code");
        assertThat(code).startsWith("http://127.0.0.1:").contains("/r/").isEqualTo(Ui.fx(shown::getText));

        try (TestScanner phone = new TestScanner(code, List.of(a, b), new TestScanner.Identity())) {
            Ui.waitFor(60, () -> state() == TransferState.DONE, window);
            assertThat(phone.outcome().get(10, TimeUnit.SECONDS)).isEqualTo("done");
        }
        assertThat(TestFiles.sha256(dest.resolve("IMG_0002.jpg"))).isEqualTo(TestFiles.sha256(a));
        assertThat(TestFiles.sha256(dest.resolve("voice.m4a"))).isEqualTo(TestFiles.sha256(b));
        Label summary = Ui.find(window, "receive-summary");
        assertThat(Ui.fx(summary::getText)).startsWith("Received 2 files");
        assertThat(Ui.fx(card::isVisible))
                .as("the code is gone once the phone sent")
                .isFalse();
    }

    private TransferState state() {
        var p = window.app().receive().lastProgress();
        return p == null ? null : p.state();
    }
}
