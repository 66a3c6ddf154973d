package dev.qrbeam.app.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.app.AppComposition;
import dev.qrbeam.app.engine.EngineFactory;
import dev.qrbeam.app.platform.AppPaths;
import dev.qrbeam.app.shell.Page;
import dev.qrbeam.app.support.Ui;
import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.engine.QrBeamEngine;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.relay.Relay;
import dev.qrbeam.relay.RelayHandle;
import dev.qrbeam.relay.core.RelayLimits;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole receiving path, headless: the sender window shows its QR code, the synthetic camera "films" a snapshot
 * of that QR node (scaled, tilted, noisy), the receiver's Receive view scans it through the Cameras seam
 * and the real engine completes the transfer through a real relay on 127.0.0.1 (ephemeral port).
 */
@Timeout(90)
class ScanReceiveTest {
    @TempDir
    Path tmp;

    private Ui.Window sender;
    private Ui.Window receiver;
    private Cameras scanner;
    private RelayHandle relay;

    @AfterEach
    void close() throws Exception {
        for (Ui.Window w : new Ui.Window[] {sender, receiver}) {
            if (w != null) {
                w.close();
            }
        }
        if (scanner != null) {
            scanner.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void scanningTheSendersQrCodeWithTheCameraReceivesTheFile() throws Exception {
        relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
        sender = Ui.open(tmp.resolve("sender"), engine("sender"), 0);
        byte[] content = new byte[300_000];
        new Random(5).nextBytes(content);
        Path file = Files.write(tmp.resolve("photo.jpg"), content);
        Ui.dropFiles(Ui.find(sender, "send-drop-zone"), List.of(file));
        Ui.waitFor(20, () -> sender.app().send().shownCode().startsWith("http"));
        String shown = Ui.fx(() -> sender.app().send().shownCode());
        BufferedImage screen =
                Ui.fx(() -> SwingFXUtils.fromFXImage(Ui.find(sender, "send-qr").snapshot(null, null), null));
        BufferedImage cameraFrame = new SceneBuilder(1280, 720)
                .picture(screen)
                .size(380)
                .rotate(-8)
                .noise(10)
                .seed(9)
                .render();
        SyntheticWebcamDevice camera = SyntheticWebcamDevice.showing(ScanFixture.cameraName("receiver"), cameraFrame);
        scanner = ScanFixture.scanner(SyntheticWebcamDriver.of(camera));
        receiver = openReceiver(tmp.resolve("receiver"), engine("receiver"), scanner);
        Path downloads = Files.createDirectories(tmp.resolve("downloads"));
        Ui.fxRun(() -> receiver.app().receive().setDestination(downloads));

        Ui.fxRun(() -> receiver.app().shell().show(Page.RECEIVE));
        Ui.fxRun(() -> ((Button) receiver.stage().getScene().lookup("#receive-scan")).fire());

        Ui.waitFor(30, () -> {
            TransferProgress p = receiver.app().receive().lastProgress();
            return p != null && p.state() == TransferState.DONE;
        });
        assertThat(Files.readAllBytes(downloads.resolve("photo.jpg"))).isEqualTo(content);
        assertThat(camera.closedLatch().await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(camera.isOpen()).isFalse();
        assertThat(camera.opens()).isEqualTo(1);
        assertThat(Ui.fx(() -> ((javafx.scene.control.TextField)
                                receiver.stage().getScene().lookup("#receive-code"))
                        .getText()))
                .isEqualTo(shown);
    }

    /** The core engine on the test relay, with its own state directory. */
    private EngineFactory engine(String name) {
        return settings -> new QrBeamEngine(
                EngineConfig.defaults().withRelay(relay.uri()).withStateDir(tmp.resolve("state-" + name)),
                new WireJson(),
                new SecureRandom());
    }

    /** Like {@link Ui#open} but with the webcam scanner behind the Receive view's seam. */
    private static Ui.Window openReceiver(Path home, EngineFactory engines, Cameras scanners) throws Exception {
        FxToolkit.registerPrimaryStage();
        return WaitForAsyncUtils.asyncFx(() -> {
                    AppComposition app = new AppComposition(new AppComposition.Options(
                            new AppPaths(home),
                            engines,
                            scanners,
                            new Ui.RecordingOpener(),
                            Clock.systemDefaultZone(),
                            false));
                    Stage stage = new Stage();
                    stage.setScene(app.createScene(1040, 700));
                    stage.setX(0);
                    stage.show();
                    return new Ui.Window(app, stage);
                })
                .get(20, TimeUnit.SECONDS);
    }
}
