package dev.qrbeam.app.scan;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The entry to webcam scanning, built once in the composition root: lists the cameras (for Settings) and opens a
 * {@link ScanView} on one (for Receive). Production: {@link #webcams()} installs the native capture driver (never
 * BridJ) first; without camera support, {@link #NONE}. Camera discovery and session start run on this object's own
 * thread, never on the caller's.
 */
public final class Cameras implements AutoCloseable {
    /** No camera support: lists nothing, opens nothing, the scan button stays disabled. */
    public static final Cameras NONE = new Cameras(
            new CameraCatalog() {
                @Override
                public List<String> cameraNames() {
                    return List.of();
                }

                @Override
                public FrameSource source(String name) throws CameraException {
                    throw new CameraException(CameraFailure.DRIVER_UNAVAILABLE, "no camera support");
                }
            },
            ScanTimings.defaults(),
            false);

    private final CameraCatalog catalog;
    private final ScanTimings timings;
    private final boolean available;
    private final ExecutorService cameraThread =
            Executors.newSingleThreadExecutor(task -> ScanSession.daemon(task, "qrbeam-scan-cameras"));

    Cameras(CameraCatalog catalog, ScanTimings timings, boolean available) {
        this.catalog = catalog;
        this.timings = timings;
        this.available = available;
    }

    /** Installs the native capture driver (never BridJ) and scans with it; call once, before any camera use. */
    public static Cameras webcams() {
        CameraDrivers.DriverInfo driver = new CameraDrivers().installNative();
        ScanTimings timings = ScanTimings.defaults();
        return new Cameras(new WebcamCatalog(timings.discovery()), timings, driver.supported());
    }

    /** Whether this build can scan at all (false disables the scan button). */
    public boolean available() {
        return available;
    }

    /** The camera names (Settings); blocks up to the discovery timeout, so never on the FX thread. Empty on failure. */
    public List<String> names() {
        try {
            return listCameras().get(timings.discovery().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (Exception e) {
            return List.of();
        }
    }

    /**
     * A scanner view on {@code camera} (null: the first one) for the Receive page, which shows camera failures in its
     * own error line; empty without camera support. FX thread; never blocks (a missing or busy camera is reported
     * through {@link ScanView#start(java.util.function.Consumer, java.util.function.Consumer)}).
     */
    public Optional<ScanView> open(String camera) {
        if (!available) {
            return Optional.empty();
        }
        ScanView view = new ScanView(this);
        view.setFailureShownElsewhere(true);
        if (camera != null) {
            view.preferredCameraProperty().set(camera);
        }
        return Optional.of(view);
    }

    /** The camera names, listed off the caller's thread; completes exceptionally with a {@link CameraException}. */
    CompletableFuture<List<String>> listCameras() {
        CompletableFuture<List<String>> result = new CompletableFuture<>();
        cameraThread.execute(() -> {
            try {
                result.complete(catalog.cameraNames());
            } catch (CameraException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * Starts scanning with {@code camera} and returns at once. Failures (camera gone, busy, …) arrive as
     * {@link ScanState#FAILED} through the listener, never as exceptions here.
     */
    ScanSession start(String camera, ScanSession.Listener listener, PreviewSink preview) {
        ScanSession session = new ScanSession(camera, catalog, listener, preview, timings);
        session.start();
        return session;
    }

    @Override
    public void close() {
        cameraThread.shutdownNow();
    }
}
