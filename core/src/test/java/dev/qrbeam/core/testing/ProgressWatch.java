package dev.qrbeam.core.testing;

import dev.qrbeam.core.api.TransferListener;
import dev.qrbeam.core.api.TransferProgress;
import java.time.Duration;

/** A listener tests can wait on: blocks until a transfer has verified at least some bytes (no sleeps). */
public final class ProgressWatch implements TransferListener {
    private TransferProgress last;

    @Override
    public synchronized void onProgress(TransferProgress p) {
        last = p;
        notifyAll();
    }

    /** Waits until {@code bytesDone >= bytes} or the transfer ended; false on timeout or end. */
    public synchronized boolean awaitBytes(long bytes, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (last == null || (last.bytesDone() < bytes && !last.state().isTerminal())) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return last.bytesDone() >= bytes;
    }

    public synchronized TransferProgress last() {
        return last;
    }
}
