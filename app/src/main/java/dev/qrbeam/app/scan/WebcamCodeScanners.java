package dev.qrbeam.app.scan;

import dev.qrbeam.app.receive.CodeScanner;
import dev.qrbeam.app.receive.CodeScannerFactory;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The webcam behind the Receive view's {@link CodeScannerFactory} seam. Production wiring, in the composition
 * root instead of {@code CodeScannerFactory.NONE}: {@code WebcamCodeScanners.nativeCameras()}.
 */
public final class WebcamCodeScanners implements CodeScannerFactory {
    private final Scanner scanner;
    private final boolean available;

    public WebcamCodeScanners(Scanner scanner, boolean available) {
        this.scanner = scanner;
        this.available = available;
    }

    /** Installs the native capture driver (never BridJ) and scans with it; call once, before any camera use. */
    public static WebcamCodeScanners nativeCameras() {
        CameraDrivers.DriverInfo driver = new CameraDrivers().installNative();
        ScanTimings timings = ScanTimings.defaults();
        Scanner scanner = new Scanner(new WebcamCatalog(timings.discovery()), new ProtocolPairingCodeCheck(), timings);
        return new WebcamCodeScanners(scanner, driver.supported());
    }

    @Override
    public List<String> cameras() {
        try {
            return scanner.listCameras().get(scanner.timings().discovery().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (Exception e) {
            return List.of();
        }
    }

    /** Never blocks: a missing or busy camera is shown in the scanner's view and reported through onError. */
    @Override
    public Optional<CodeScanner> open(String camera) {
        return available ? Optional.of(new WebcamCodeScanner(scanner, camera)) : Optional.empty();
    }

    @Override
    public boolean available() {
        return available;
    }
}
