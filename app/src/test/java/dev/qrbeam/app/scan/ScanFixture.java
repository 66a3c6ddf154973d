package dev.qrbeam.app.scan;

import com.github.sarxos.webcam.WebcamDriver;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Installs a synthetic driver through the production {@link CameraDrivers} path and builds a real scanner. */
final class ScanFixture {
    private static final AtomicInteger NAMES = new AtomicInteger();

    /** Limits short enough for failure cases, with slack for a loaded CI machine; pacing as in production. */
    static final ScanTimings TIMINGS =
            ScanTimings.defaults().withLimits(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofMillis(300));

    private ScanFixture() {}

    static Cameras scanner(WebcamDriver driver) {
        new CameraDrivers().install(driver);
        return new Cameras(new WebcamCatalog(TIMINGS.discovery()), TIMINGS, true);
    }

    /** Camera names unique across processes: webcam-capture keeps a lock file per camera name in the temp dir. */
    static String cameraName(String label) {
        return "Synthetic " + label + " " + ProcessHandle.current().pid() + "-" + NAMES.incrementAndGet();
    }
}
