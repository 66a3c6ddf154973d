package dev.qrbeam.app.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The JavaFX ScanView, headless (Monocle), with synthetic cameras through the real webcam-capture pipeline. */
@Timeout(60)
@SuppressWarnings("unchecked")
class ScanViewTest {
    private Stage stage;
    private Cameras scanner;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        if (stage != null) {
            fx(() -> {
                ((ScanView) stage.getScene().getRoot()).stop();
                stage.close();
                return null;
            });
        }
        if (scanner != null) {
            scanner.close();
        }
    }

    @Test
    void severalCamerasShowASelectorAMirroredPreviewAndTheChosenCameraReadsTheCode() throws Exception {
        String code = TestCodes.pairingCode(500);
        SyntheticWebcamDevice front = SyntheticWebcamDevice.showing(ScanFixture.cameraName("front"), halves());
        SyntheticWebcamDevice usb = SyntheticWebcamDevice.showing(
                ScanFixture.cameraName("usb"), FrameCase.ROTATED_25.render(1280, 720, code, 3));
        scanner = ScanFixture.scanner(SyntheticWebcamDriver.of(front, usb));
        CompletableFuture<String> received = new CompletableFuture<>();
        ScanView view = show(v -> v.setOnCode(c -> {
            assertThat(javafx.application.Platform.isFxApplicationThread()).isTrue();
            received.complete(c);
        }));

        waitFor(() ->
                view.preview().framesShown() > 3 && view.statusProperty().get().state() == ScanState.SCANNING);
        ComboBox<String> cameras = lookup("#scan-camera");
        assertThat(fx(cameras::isVisible)).isTrue();
        assertThat(fx(cameras::getItems)).containsExactly(front.getName(), usb.getName());
        assertThat(fx(cameras::getValue)).isEqualTo(front.getName());
        Image preview = fx(() -> ((ImageView) lookup("#scan-preview")).getImage());
        assertThat(fx(preview::getWidth)).isEqualTo(1280);
        // the camera's left half is red: mirrored like a selfie view it appears on the right
        assertThat(fx(() -> preview.getPixelReader().getArgb(1200, 360))).isEqualTo(0xFFFF0000);
        assertThat(fx(() -> preview.getPixelReader().getArgb(80, 360))).isEqualTo(0xFF0000FF);
        assertThat(received).isNotDone();

        fx(() -> {
            cameras.setValue(usb.getName());
            return null;
        });

        assertThat(received.get(15, TimeUnit.SECONDS)).isEqualTo(code);
        waitFor(() -> view.statusProperty().get().state() == ScanState.FOUND);
        assertThat(front.closedLatch().await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(usb.isOpen()).isFalse();
        assertThat(fx(view.preferredCameraProperty()::get)).isEqualTo(usb.getName());
        assertThat(fx(() -> ((Label) lookup("#scan-status")).getText())).isEqualTo("Code found");
    }

    @Test
    void noCameraSaysSoPlainlyAndOffersTheOtherWays() throws Exception {
        scanner = ScanFixture.scanner(SyntheticWebcamDriver.of());
        ScanView view = show(v -> {});

        waitFor(() -> view.statusProperty().get().state() == ScanState.FAILED);
        assertThat(fx(() -> view.statusProperty().get().failure())).isEqualTo(CameraFailure.NO_CAMERA);
        assertThat(fx(() -> ((Label) lookup("#scan-status")).getText()))
                .isEqualTo("No camera found \u2014 paste the code or open an image");
        assertThat(fx(() -> lookup("#scan-camera").isVisible())).isFalse();
    }

    @Test
    void aBusyCameraSaysSo() throws Exception {
        SyntheticWebcamDevice busy = new SyntheticWebcamDevice(
                ScanFixture.cameraName("busy"),
                new java.awt.Dimension(640, 480),
                SyntheticWebcamDevice.OpenBehaviour.BUSY,
                n -> null);
        scanner = ScanFixture.scanner(SyntheticWebcamDriver.of(busy));
        ScanView view = show(v -> {});

        waitFor(() -> view.statusProperty().get().state() == ScanState.FAILED);
        assertThat(fx(() -> ((Label) lookup("#scan-status")).getText()))
                .isEqualTo(
                        "The camera is in use by another program \u2014 close it, or paste the code or open an image");
    }

    @Test
    void afterABusyCameraChoosingAnotherOneScansWithIt() throws Exception {
        String code = TestCodes.pairingCode(501);
        SyntheticWebcamDevice busy = new SyntheticWebcamDevice(
                ScanFixture.cameraName("busy"),
                new java.awt.Dimension(640, 480),
                SyntheticWebcamDevice.OpenBehaviour.BUSY,
                n -> null);
        SyntheticWebcamDevice usb =
                SyntheticWebcamDevice.showing(ScanFixture.cameraName("usb"), FrameCase.PLAIN.render(640, 480, code, 4));
        scanner = ScanFixture.scanner(SyntheticWebcamDriver.of(busy, usb));
        CompletableFuture<String> received = new CompletableFuture<>();
        ScanView view = show(v -> v.setOnCode(received::complete));
        waitFor(() -> view.statusProperty().get().state() == ScanState.FAILED);

        fx(() -> {
            ((ComboBox<String>) lookup("#scan-camera")).setValue(usb.getName());
            return null;
        });

        assertThat(received.get(15, TimeUnit.SECONDS)).isEqualTo(code);
        assertThat(busy.opens()).isEqualTo(1);
    }

    private ScanView show(java.util.function.Consumer<ScanView> setup) throws Exception {
        return fx(() -> {
            ScanView view = new ScanView(scanner);
            setup.accept(view);
            stage = new Stage();
            stage.setScene(new Scene(view, 640, 420));
            stage.show();
            view.start();
            return view;
        });
    }

    /** Left half red, right half blue. */
    private static BufferedImage halves() {
        BufferedImage img = new BufferedImage(1280, 720, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 640, 720);
        g.setColor(Color.BLUE);
        g.fillRect(640, 0, 640, 720);
        g.dispose();
        return img;
    }

    @SuppressWarnings("unchecked")
    private <T extends javafx.scene.Node> T lookup(String selector) throws Exception {
        return (T) fx(() -> stage.getScene().lookup(selector));
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(20, TimeUnit.SECONDS);
    }

    private static void waitFor(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> fx(condition::getAsBoolean));
    }
}
