package dev.qrbeam.app.scan;

import dev.qrbeam.app.qr.FrameConverter;
import dev.qrbeam.app.qr.QrDecoder;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Decodes at most one frame at a time on its own thread. {@link #offer} drops the frame when a decode is still
 * running or the last one started less than the interval ago (the interval grows to the last decode's duration,
 * so decoding never takes more than about half a core).
 */
final class FrameDecodeWorker {
    private final QrDecoder decoder = new QrDecoder();
    private final Consumer<String> onText;
    private final long minIntervalNanos;
    private final ExecutorService thread =
            Executors.newSingleThreadExecutor(task -> ScanSession.daemon(task, "qrbeam-scan-decode"));
    private final AtomicBoolean busy = new AtomicBoolean();
    private byte[] luma = new byte[0];
    private long lastStart;
    private boolean started;
    private volatile long lastDuration;

    FrameDecodeWorker(Consumer<String> onText, Duration minInterval) {
        this.onText = onText;
        this.minIntervalNanos = minInterval.toNanos();
    }

    /** Called on the capture thread: takes the frame for decoding if the decoder is free and due. */
    void offer(BufferedImage frame) {
        long now = System.nanoTime();
        if (started && now - lastStart < Math.max(minIntervalNanos, lastDuration) || !busy.compareAndSet(false, true)) {
            return;
        }
        started = true;
        lastStart = now;
        int w = frame.getWidth();
        int h = frame.getHeight();
        if (luma.length != w * h) {
            luma = new byte[w * h];
        }
        FrameConverter.toLuma(frame, luma);
        byte[] pixels = luma;
        try {
            thread.execute(() -> decode(pixels, w, h));
        } catch (RejectedExecutionException e) {
            busy.set(false);
        }
    }

    private void decode(byte[] pixels, int w, int h) {
        long start = System.nanoTime();
        try {
            decoder.decode(pixels, w, h).ifPresent(d -> onText.accept(d.text()));
        } finally {
            lastDuration = System.nanoTime() - start;
            busy.set(false);
        }
    }

    void shutdown() {
        thread.shutdownNow();
    }
}
