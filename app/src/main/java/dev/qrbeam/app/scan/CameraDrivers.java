package dev.qrbeam.app.scan;

import com.github.eduramiba.webcamcapture.drivers.NativeDriver;
import com.github.sarxos.webcam.Webcam;
import com.github.sarxos.webcam.WebcamDevice;
import com.github.sarxos.webcam.WebcamDriver;
import java.util.List;
import java.util.Locale;

/**
 * Selects the webcam-capture driver once, at start-up, before anything touches {@link Webcam}.
 *
 * <p>Rule: nothing in QRBeam may call {@code Webcam.getDefault()}, {@code Webcam.getWebcams()} or
 * {@code Webcam.getDriver()} before {@link #install} ran, because webcam-capture then falls back to its BridJ
 * driver, whose natives crash on Apple Silicon and current Windows JDKs. Where the native driver has no natives
 * (e.g. Linux on ARM) an empty driver is installed instead, so the BridJ fallback can never be reached.
 */
final class CameraDrivers {
    private final String osName;
    private final String osArch;

    /** For the running JVM's OS and CPU. */
    public CameraDrivers() {
        this(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    CameraDrivers(String osName, String osArch) {
        this.osName = osName.toLowerCase(Locale.ROOT);
        this.osArch = osArch.toLowerCase(Locale.ROOT);
    }

    /** Installs the native driver (or the empty one where none exists) and describes it. */
    public DriverInfo installNative() {
        DriverInfo info = describe();
        install(info.supported() ? new NativeDriver(false) : new NoCameraDriver());
        return info;
    }

    /** Installs {@code driver} as the process-wide capture driver (tests pass a synthetic one). */
    public void install(WebcamDriver driver) {
        Webcam.setDriver(driver);
    }

    /** Which backend the native driver uses on this OS/CPU. */
    public DriverInfo describe() {
        boolean x64 = osArch.equals("amd64") || osArch.equals("x86_64");
        boolean arm64 = osArch.equals("aarch64") || osArch.equals("arm64");
        if (osName.contains("mac") || osName.contains("darwin")) {
            return new DriverInfo("AVFoundation", x64 || arm64);
        }
        if (osName.contains("win")) {
            return new DriverInfo("Media Foundation", x64 || osArch.equals("x86"));
        }
        if (osName.contains("linux")) {
            return new DriverInfo("V4L2", x64 || osArch.equals("x86") || osArch.equals("i386"));
        }
        return new DriverInfo("none", false);
    }

    /**
     * The selected capture backend.
     *
     * @param backend   OS video API the native driver uses
     * @param supported whether natives exist for this OS/CPU
     */
    public record DriverInfo(String backend, boolean supported) {}

    /** Lists no devices; stands in where no native capture exists. */
    static final class NoCameraDriver implements WebcamDriver {
        @Override
        public List<WebcamDevice> getDevices() {
            return List.of();
        }

        @Override
        public boolean isThreadSafe() {
            return true;
        }
    }
}
