package dev.qrbeam.app.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.github.eduramiba.webcamcapture.drivers.NativeDriver;
import com.github.sarxos.webcam.Webcam;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CameraDriversTest {

    @ParameterizedTest(name = "{0} {1} -> {2} (natives: {3})")
    @CsvSource({
        "Mac OS X, aarch64, AVFoundation, true",
        "Mac OS X, x86_64, AVFoundation, true",
        "Windows 11, amd64, Media Foundation, true",
        "Linux, amd64, V4L2, true",
        "Linux, aarch64, V4L2, false",
        "FreeBSD, amd64, none, false"
    })
    void eachOsGetsItsNativeBackend(String os, String arch, String backend, boolean supported) {
        assertThat(new CameraDrivers(os, arch).describe()).isEqualTo(new CameraDrivers.DriverInfo(backend, supported));
    }

    @Test
    void withoutNativesAnEmptyDriverIsInstalledSoBridjIsNeverReached() {
        CameraDrivers.DriverInfo info = new CameraDrivers("Linux", "aarch64").installNative();
        assertThat(info.supported()).isFalse();
        assertThat(Webcam.getDriver()).isInstanceOf(CameraDrivers.NoCameraDriver.class);
    }

    /** This machine has no camera: the real native driver must say so, quickly, without hanging. */
    @Test
    @Timeout(20)
    void theRealNativeDriverLoadsHereAndListsWithoutHanging() throws Exception {
        CameraDrivers drivers = new CameraDrivers();
        assumeThat(drivers.describe().supported()).isTrue();
        drivers.installNative();
        assertThat(Webcam.getDriver()).isInstanceOf(NativeDriver.class);
        List<String> names;
        try {
            names = new WebcamCatalog(Duration.ofSeconds(8)).cameraNames();
        } catch (CameraException e) {
            assertThat(e.failure()).isIn(CameraFailure.NOT_RESPONDING, CameraFailure.DRIVER_UNAVAILABLE);
            return;
        }
        assertThat(names).doesNotContainNull();
    }
}
