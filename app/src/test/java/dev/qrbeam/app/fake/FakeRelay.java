package dev.qrbeam.app.fake;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Test double for UI tests only: an in-memory rendezvous between {@link FakeEngine}s of one JVM. When paced,
 * every chunk waits for a permit, so a test can hold a transfer mid-way without sleeping.
 */
public final class FakeRelay {
    final Map<String, FakeEngine.Outgoing> waiting = new ConcurrentHashMap<>();
    final Semaphore chunkPermits = new Semaphore(0);
    volatile boolean paced;

    public void pace() {
        paced = true;
    }

    public void allowChunks(int n) {
        chunkPermits.release(n);
    }

    public void unpace() {
        if (paced) {
            paced = false;
            chunkPermits.release(1_000_000);
        }
    }
}
