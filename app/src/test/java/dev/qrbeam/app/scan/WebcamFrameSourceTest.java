package dev.qrbeam.app.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.sarxos.webcam.WebcamException;
import java.awt.Dimension;
import org.junit.jupiter.api.Test;

class WebcamFrameSourceTest {
    @Test
    void prefers720pThenTheLargestSizeUpTo1280Wide() {
        Dimension hd = new Dimension(1280, 720);
        Dimension vga = new Dimension(640, 480);
        Dimension uhd = new Dimension(3840, 2160);
        Dimension sxga = new Dimension(1280, 960);
        assertThat(WebcamFrameSource.chooseSize(new Dimension[] {vga, uhd, hd})).isEqualTo(hd);
        assertThat(WebcamFrameSource.chooseSize(new Dimension[] {vga, sxga, uhd}))
                .isEqualTo(sxga);
        assertThat(WebcamFrameSource.chooseSize(new Dimension[] {uhd})).isNull();
        assertThat(WebcamFrameSource.chooseSize(null)).isNull();
    }

    @Test
    void driverMessagesMapToPlainFailures() {
        assertThat(WebcamFrameSource.classify(new WebcamException("Camera access denied")))
                .isEqualTo(CameraFailure.PERMISSION_DENIED);
        assertThat(WebcamFrameSource.classify(
                        new WebcamException("x", new RuntimeException("Device or resource busy"))))
                .isEqualTo(CameraFailure.BUSY);
        assertThat(WebcamFrameSource.classify(new UnsatisfiedLinkError("libcnokhwa.so")))
                .isEqualTo(CameraFailure.DRIVER_UNAVAILABLE);
        assertThat(WebcamFrameSource.classify(new IllegalStateException("boom")))
                .isEqualTo(CameraFailure.ERROR);
    }
}
