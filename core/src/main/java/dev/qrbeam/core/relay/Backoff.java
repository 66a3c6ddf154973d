package dev.qrbeam.core.relay;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with full jitter: attempt n waits a random time in [base*2^n / 2, base*2^n],
 * never more than {@code cap}. Reset after a success.
 */
public final class Backoff {
    private final long baseMillis;
    private final long capMillis;
    private int attempt;

    public Backoff(Duration base, Duration cap) {
        this.baseMillis = Math.max(1, base.toMillis());
        this.capMillis = Math.max(baseMillis, cap.toMillis());
    }

    /** The delay before the next attempt; each call grows the window. */
    public synchronized Duration next() {
        long window = Math.min(capMillis, baseMillis << Math.min(attempt, 20));
        attempt++;
        long half = window / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(window - half + 1));
    }

    public synchronized int attempts() {
        return attempt;
    }

    public synchronized void reset() {
        attempt = 0;
    }
}
