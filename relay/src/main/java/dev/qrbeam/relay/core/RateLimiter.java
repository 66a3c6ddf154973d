package dev.qrbeam.relay.core;

/** Decides whether one more event for a key is allowed now. Thread-safe. */
public interface RateLimiter {
    boolean tryAcquire(String key);

    /** A limiter that allows everything. */
    static RateLimiter unlimited() {
        return key -> true;
    }
}
