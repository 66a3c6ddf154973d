package dev.qrbeam.app.scan;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Entry point of webcam scanning, built once in the composition root (see
 * {@link WebcamCodeScanners#nativeCameras()}: the capture driver is installed first, then the scanner is built).
 * Camera discovery and session start run on the scanner's own thread, never on the caller's.
 */
public final class Scanner implements AutoCloseable {
    private final CameraCatalog catalog;
    private final PairingCodeCheck check;
    private final ScanTimings timings;
    private final ExecutorService cameraThread =
            Executors.newSingleThreadExecutor(task -> ScanSession.daemon(task, "qrbeam-scan-cameras"));

    public Scanner(CameraCatalog catalog, PairingCodeCheck check, ScanTimings timings) {
        this.catalog = catalog;
        this.check = check;
        this.timings = timings;
    }

    /** The camera names, listed off the caller's thread; completes exceptionally with a {@link CameraException}. */
    public CompletableFuture<List<String>> listCameras() {
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
     * Starts scanning with {@code camera} and returns at once. Failures (camera gone, busy, …) arrive as {@link ScanState#FAILED}
     * through the listener, never as exceptions here.
     */
    public ScanSession start(String camera, ScanListener listener, PreviewSink preview) {
        ScanSession session = new ScanSession(camera, catalog, check, listener, preview, timings);
        session.start();
        return session;
    }

    /** The timings this scanner uses. */
    public ScanTimings timings() {
        return timings;
    }

    @Override
    public void close() {
        cameraThread.shutdownNow();
    }
}
