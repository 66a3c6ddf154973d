package dev.qrbeam.app.scan;

import java.awt.image.BufferedImage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One camera scanning for a pairing code. A capture thread opens the camera (bounded by a timeout), pulls frames
 * at the preview pace and hands every frame to the {@link PreviewSink}; decoding runs on a second thread and is
 * throttled: a frame is decoded only when the decoder is idle and the minimum interval has passed, so frames are
 * dropped, never queued. The first valid pairing code stops capture, the camera is closed, and then
 * {@link Listener#codeFound} is called exactly once. QR codes that are not QRBeam codes give a short hint.
 */
public final class ScanSession {
    private final String camera;
    private final CameraCatalog catalog;
    private volatile FrameSource source;
    private final Listener listener;
    private final PreviewSink preview;
    private final ScanTimings timings;
    private final FrameDecodeWorker decoder;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final CountDownLatch wake = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicReference<String> found = new AtomicReference<>();
    private final AtomicBoolean delivered = new AtomicBoolean();
    private volatile long foreignSeenAt;
    private volatile ScanState lastState;

    /** Hears from a session; called on the session's background threads, never on the FX thread. */
    public interface Listener {
        /** The session's state changed. */
        void statusChanged(ScanStatus status);

        /** A valid pairing code was read. Called exactly once per session, after the camera was released. */
        void codeFound(String code);
    }

    ScanSession(String camera, CameraCatalog catalog, Listener listener, PreviewSink preview, ScanTimings timings) {
        this.camera = camera;
        this.catalog = catalog;
        this.listener = listener;
        this.preview = preview;
        this.timings = timings;
        this.decoder = new FrameDecodeWorker(this::onDecoded, timings.minDecodeInterval());
    }

    void start() {
        Thread capture = new Thread(this::run, "qrbeam-scan-capture");
        capture.setDaemon(true);
        capture.start();
    }

    /** Stops scanning and releases the camera soon after; returns at once. */
    public void stop() {
        stopRequested.set(true);
        wake.countDown();
    }

    /** Waits until the camera is released (after a code, a failure or {@link #stop}). */
    public boolean awaitReleased(long timeout, TimeUnit unit) throws InterruptedException {
        return released.await(timeout, unit);
    }

    /** The camera this session uses. */
    public String cameraName() {
        return camera;
    }

    private void run() {
        try {
            emit(ScanStatus.of(ScanState.OPENING, camera));
            if (!openWithTimeout()) {
                return;
            }
            CameraFailure failure = captureLoop();
            closeSource();
            released.countDown();
            finish(failure);
        } finally {
            decoder.shutdown();
            released.countDown();
        }
    }

    private boolean openWithTimeout() {
        CompletableFuture<Void> opening = CompletableFuture.runAsync(
                () -> {
                    try {
                        FrameSource opened = catalog.source(camera);
                        source = opened;
                        opened.open();
                    } catch (CameraException e) {
                        throw new OpenFailed(e);
                    }
                },
                task -> daemon(task, "qrbeam-scan-open").start());
        long deadline = System.nanoTime() + timings.open().toNanos();
        try {
            while (!stopRequested.get()) {
                long left = Math.min(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(50));
                if (left <= 0) {
                    throw new TimeoutException();
                }
                try {
                    opening.get(left, TimeUnit.NANOSECONDS);
                    return true;
                } catch (TimeoutException notYet) {
                    // poll again, so stop() is honoured while a driver is slow to open
                }
            }
            opening.whenComplete((ok, err) -> closeSource());
            emit(ScanStatus.of(ScanState.STOPPED, camera));
        } catch (TimeoutException e) {
            opening.whenComplete((ok, err) -> closeSource());
            emit(ScanStatus.failed(CameraFailure.NOT_RESPONDING, camera));
        } catch (ExecutionException e) {
            closeSource();
            CameraFailure failure = e.getCause() instanceof OpenFailed f ? f.failure() : CameraFailure.ERROR;
            emit(ScanStatus.failed(failure, camera));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            opening.whenComplete((ok, err) -> closeSource());
            emit(ScanStatus.of(ScanState.STOPPED, camera));
        }
        return false;
    }

    /** Runs until stopped, a code is found, or the camera fails; returns the failure or {@code null}. */
    private CameraFailure captureLoop() {
        long lastFrameAt = System.nanoTime();
        long period = timings.framePeriod().toNanos();
        while (!stopRequested.get() && found.get() == null) {
            long frameStart = System.nanoTime();
            BufferedImage frame;
            try {
                frame = source.grab();
            } catch (CameraException e) {
                return e.failure();
            }
            if (frame != null) {
                lastFrameAt = frameStart;
                if (lastState == ScanState.OPENING || lastState == ScanState.NO_PICTURE) {
                    emit(ScanStatus.of(ScanState.SCANNING, camera));
                }
                preview.publish(frame);
                decoder.offer(frame);
            } else if (frameStart - lastFrameAt > timings.noPictureAfter().toNanos()
                    && lastState != ScanState.NO_PICTURE) {
                // never had a picture (permission prompt, camera used elsewhere) or lost it (unplugged)
                emit(ScanStatus.of(ScanState.NO_PICTURE, camera));
            }
            expireHint(frameStart);
            pause(period - (System.nanoTime() - frameStart));
        }
        return null;
    }

    private void finish(CameraFailure failure) {
        String code = found.get();
        if (code != null && delivered.compareAndSet(false, true)) {
            emit(ScanStatus.of(ScanState.FOUND, camera));
            listener.codeFound(code);
        } else if (failure != null) {
            emit(ScanStatus.failed(failure, camera));
        } else {
            emit(ScanStatus.of(ScanState.STOPPED, camera));
        }
    }

    private void onDecoded(String text) {
        if (ProtocolPairingCodeCheck.isPairingCode(text)) {
            if (found.compareAndSet(null, text.trim())) {
                wake.countDown();
            }
        } else {
            foreignSeenAt = System.nanoTime();
            if (lastState == ScanState.SCANNING) {
                emit(ScanStatus.of(ScanState.FOREIGN_CODE, camera));
            }
        }
    }

    private void expireHint(long now) {
        if (lastState == ScanState.FOREIGN_CODE
                && now - foreignSeenAt > timings.hint().toNanos()) {
            emit(ScanStatus.of(ScanState.SCANNING, camera));
        }
    }

    private synchronized void emit(ScanStatus status) {
        if (lastState != null && lastState.isFinal()) {
            return;
        }
        lastState = status.state();
        listener.statusChanged(status);
    }

    private void pause(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            wake.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested.set(true);
        }
    }

    private void closeSource() {
        FrameSource s = source;
        if (s != null) {
            s.close();
        }
    }

    static Thread daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }

    private static final class OpenFailed extends RuntimeException {
        private final CameraFailure failure;

        OpenFailed(CameraException e) {
            super(e.getMessage(), e);
            this.failure = e.failure();
        }

        CameraFailure failure() {
            return failure;
        }
    }
}
