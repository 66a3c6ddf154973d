package dev.qrbeam.app.scan;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what a session reports, and the synthetic camera's state at the moment the code is delivered. */
final class RecordingListener implements ScanSession.Listener {
    final List<ScanStatus> statuses = new CopyOnWriteArrayList<>();
    final CompletableFuture<String> code = new CompletableFuture<>();
    final AtomicInteger codeCalls = new AtomicInteger();
    private final Map<ScanState, CompletableFuture<ScanStatus>> reached = new ConcurrentHashMap<>();
    private volatile SyntheticWebcamDevice camera;
    volatile Boolean cameraOpenAtDelivery;
    volatile int framesAtDelivery = -1;

    /** Watch {@code device} so delivery can be checked against its open state. */
    RecordingListener watch(SyntheticWebcamDevice device) {
        this.camera = device;
        return this;
    }

    @Override
    public void statusChanged(ScanStatus status) {
        statuses.add(status);
        reached(status.state()).complete(status);
    }

    @Override
    public void codeFound(String text) {
        codeCalls.incrementAndGet();
        SyntheticWebcamDevice device = camera;
        if (device != null) {
            cameraOpenAtDelivery = device.isOpen();
            framesAtDelivery = device.framesServed();
        }
        code.complete(text);
    }

    /** Waits for the delivered code; on timeout fails with every status seen, for diagnosis. */
    String awaitCode(int seconds) throws Exception {
        try {
            return code.get(seconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(
                    "no code within " + seconds + " s; statuses: " + statuses
                            + (camera == null ? "" : "; frames served: " + camera.framesServed()),
                    e);
        }
    }

    /** Completes with the first status in {@code state}. */
    CompletableFuture<ScanStatus> reached(ScanState state) {
        return reached.computeIfAbsent(state, s -> new CompletableFuture<>());
    }

    /** Waits (up to 10 s) for the first status in {@code state}. */
    ScanStatus await(ScanState state) throws Exception {
        return reached(state).get(10, TimeUnit.SECONDS);
    }

    List<ScanState> states() {
        return statuses.stream().map(ScanStatus::state).toList();
    }
}
