package dev.qrbeam.app.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qrbeam.app.scan.SyntheticWebcamDevice.OpenBehaviour;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The real scan pipeline (webcam-capture API, capture and decode threads) fed by a synthetic camera. */
@Timeout(30)
class ScanSessionTest {
    private static final int W = 1280;
    private static final int H = 720;
    private Cameras scanner;
    private ScanSession session;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (session != null) {
            session.stop();
            assertThat(session.awaitReleased(5, TimeUnit.SECONDS)).isTrue();
        }
        if (scanner != null) {
            scanner.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(FrameCase.class)
    void eachCameraSituationDecodesOrClearlyDoesNot(FrameCase frameCase) throws Exception {
        String shown = TestCodes.pairingCode(200 + frameCase.ordinal());
        String later = TestCodes.pairingCode(300 + frameCase.ordinal());
        BufferedImage situation = frameCase.render(W, H, shown, 7);
        BufferedImage plain = FrameCase.PLAIN.render(W, H, later, 8);
        int situationFrames = 45;
        SyntheticWebcamDevice camera = new SyntheticWebcamDevice(
                ScanFixture.cameraName(frameCase.name()),
                new Dimension(W, H),
                OpenBehaviour.OK,
                n -> frameCase.decodes || n < situationFrames ? situation : plain);
        RecordingListener listener = new RecordingListener().watch(camera);

        session = start(camera, listener);
        String code = listener.awaitCode(15);
        assertThat(session.awaitReleased(5, TimeUnit.SECONDS)).isTrue();

        if (frameCase.decodes) {
            assertThat(code).isEqualTo(shown);
        } else {
            // nothing was read from the situation itself; the pipeline kept going and read the next code
            assertThat(code).isEqualTo(later);
            assertThat(listener.framesAtDelivery).isGreaterThan(situationFrames);
        }
        assertThat(listener.codeCalls).hasValue(1);
        assertThat(listener.cameraOpenAtDelivery)
                .as("camera released before the code is delivered")
                .isFalse();
        assertThat(camera.isOpen()).isFalse();
        assertThat(listener.states())
                .startsWith(ScanState.OPENING, ScanState.SCANNING)
                .endsWith(ScanState.FOUND);
    }

    @Test
    void aForeignQrCodeGivesAHintAndScanningGoesOn() throws Exception {
        String code = TestCodes.pairingCode(400);
        BufferedImage foreign = FrameCase.PLAIN.render(W, H, TestCodes.foreignCode(), 3);
        BufferedImage ours = FrameCase.PLAIN.render(W, H, code, 4);
        RecordingListener listener = new RecordingListener();
        CompletableFuture<ScanStatus> hint = listener.reached(ScanState.FOREIGN_CODE);
        SyntheticWebcamDevice camera = new SyntheticWebcamDevice(
                ScanFixture.cameraName("foreign"),
                new Dimension(W, H),
                OpenBehaviour.OK,
                n -> hint.isDone() ? ours : foreign);
        listener.watch(camera);

        session = start(camera, listener);

        assertThat(listener.awaitCode(10)).isEqualTo(code);
        assertThat(listener.states()).contains(ScanState.FOREIGN_CODE).endsWith(ScanState.FOUND);
        assertThat(listener.codeCalls).hasValue(1);
    }

    @Test
    void aCameraWithoutPictureIsReportedAndScanningStartsWhenFramesArrive() throws Exception {
        String code = TestCodes.pairingCode(401);
        BufferedImage frame = FrameCase.PLAIN.render(640, 480, code, 5);
        RecordingListener listener = new RecordingListener();
        CompletableFuture<ScanStatus> noPicture = listener.reached(ScanState.NO_PICTURE);
        SyntheticWebcamDevice camera = new SyntheticWebcamDevice(
                ScanFixture.cameraName("dark"),
                new Dimension(640, 480),
                OpenBehaviour.OK,
                n -> noPicture.isDone() ? frame : null);
        listener.watch(camera);

        session = start(camera, listener);

        assertThat(listener.awaitCode(10)).isEqualTo(code);
        assertThat(listener.states())
                .containsSubsequence(ScanState.OPENING, ScanState.NO_PICTURE, ScanState.SCANNING, ScanState.FOUND);
    }

    @Test
    void aCameraThatStopsDeliveringFramesIsReportedAndStaysOpenForItsReturn() throws Exception {
        BufferedImage empty = FrameCase.NO_CODE.render(640, 480, null, 6);
        SyntheticWebcamDevice camera = new SyntheticWebcamDevice(
                ScanFixture.cameraName("unplugged"),
                new Dimension(640, 480),
                OpenBehaviour.OK,
                n -> n < 10 ? empty : null);
        RecordingListener listener = new RecordingListener().watch(camera);
        session = start(camera, listener);

        listener.await(ScanState.NO_PICTURE);

        assertThat(listener.states()).containsSubsequence(ScanState.OPENING, ScanState.SCANNING, ScanState.NO_PICTURE);
        assertThat(camera.isOpen()).isTrue();
        session.stop();
        assertThat(session.awaitReleased(5, TimeUnit.SECONDS)).isTrue();
        assertThat(camera.isOpen()).isFalse();
    }

    @Test
    void aBusyCameraFailsWithBusy() throws Exception {
        assertOpenFailure(OpenBehaviour.BUSY, CameraFailure.BUSY);
    }

    @Test
    void aDeniedCameraFailsWithPermissionDenied() throws Exception {
        assertOpenFailure(OpenBehaviour.DENIED, CameraFailure.PERMISSION_DENIED);
    }

    @Test
    void aCameraThatNeverOpensTimesOutAndIsClosedWhenItFinallyOpens() throws Exception {
        SyntheticWebcamDevice camera = new SyntheticWebcamDevice(
                ScanFixture.cameraName("stuck"), new Dimension(W, H), OpenBehaviour.HANG, n -> null);
        RecordingListener listener = new RecordingListener().watch(camera);
        session = start(camera, listener);

        ScanStatus failed = listener.await(ScanState.FAILED);
        assertThat(failed.failure()).isEqualTo(CameraFailure.NOT_RESPONDING);

        camera.releaseHang();
        assertThat(camera.closedLatch().await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(camera.isOpen()).isFalse();
        assertThat(listener.code).isNotDone();
    }

    @Test
    void stoppingReleasesTheCameraWithoutACode() throws Exception {
        BufferedImage empty = FrameCase.NO_CODE.render(W, H, null, 1);
        SyntheticWebcamDevice camera = SyntheticWebcamDevice.showing(ScanFixture.cameraName("stop"), empty);
        RecordingListener listener = new RecordingListener().watch(camera);
        CountDownLatch frames = camera.awaitFrames(10);
        session = start(camera, listener);
        assertThat(frames.await(10, TimeUnit.SECONDS)).isTrue();

        session.stop();

        assertThat(session.awaitReleased(5, TimeUnit.SECONDS)).isTrue();
        assertThat(listener.await(ScanState.STOPPED)).isNotNull();
        assertThat(camera.isOpen()).isFalse();
        assertThat(listener.codeCalls).hasValue(0);
    }

    @Test
    void noCameraListsNothing() throws Exception {
        scanner = ScanFixture.scanner(SyntheticWebcamDriver.of());
        assertThat(scanner.listCameras().get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void aCameraGoneBeforeStartFailsWithNoCamera() throws Exception {
        scanner = ScanFixture.scanner(SyntheticWebcamDriver.of());
        RecordingListener listener = new RecordingListener();
        session = scanner.start("unplugged", listener, PreviewSink.NONE);
        assertThat(listener.await(ScanState.FAILED).failure()).isEqualTo(CameraFailure.NO_CAMERA);
    }

    @Test
    void aHangingDriverDiscoveryTimesOut() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        try {
            scanner = ScanFixture.scanner(SyntheticWebcamDriver.hangingUntil(gate));
            assertThatThrownBy(() -> scanner.listCameras().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(CameraException.class)
                    .extracting(e -> ((CameraException) e).failure())
                    .isEqualTo(CameraFailure.NOT_RESPONDING);
        } finally {
            gate.countDown();
        }
    }

    @Test
    void severalCamerasAreListedByName() throws Exception {
        BufferedImage frame = FrameCase.NO_CODE.render(640, 480, null, 2);
        SyntheticWebcamDevice front = SyntheticWebcamDevice.showing(ScanFixture.cameraName("front"), frame);
        SyntheticWebcamDevice usb = SyntheticWebcamDevice.showing(ScanFixture.cameraName("usb"), frame);
        scanner = ScanFixture.scanner(SyntheticWebcamDriver.of(front, usb));
        assertThat(scanner.listCameras().get(10, TimeUnit.SECONDS)).containsExactly(front.getName(), usb.getName());
    }

    private void assertOpenFailure(OpenBehaviour behaviour, CameraFailure expected) throws Exception {
        SyntheticWebcamDevice camera = new SyntheticWebcamDevice(
                ScanFixture.cameraName(behaviour.name()), new Dimension(W, H), behaviour, n -> null);
        RecordingListener listener = new RecordingListener().watch(camera);
        session = start(camera, listener);
        assertThat(listener.await(ScanState.FAILED).failure()).isEqualTo(expected);
        assertThat(session.awaitReleased(5, TimeUnit.SECONDS)).isTrue();
        assertThat(camera.isOpen()).isFalse();
        assertThat(listener.states()).doesNotContain(ScanState.SCANNING);
    }

    private ScanSession start(SyntheticWebcamDevice camera, ScanSession.Listener listener) throws Exception {
        scanner = ScanFixture.scanner(SyntheticWebcamDriver.of(camera));
        List<String> names = scanner.listCameras().get(10, TimeUnit.SECONDS);
        assertThat(names).containsExactly(camera.getName());
        return scanner.start(names.get(0), listener, PreviewSink.NONE);
    }
}
