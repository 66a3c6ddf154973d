package dev.qrbeam.relay.netty;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts open connections per remote address; {@code max <= 0} means no limit. */
final class AddressLimiter {
    private final int max;
    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();

    AddressLimiter(int max) {
        this.max = max;
    }

    boolean tryAcquire(String address) {
        AtomicInteger n = open.computeIfAbsent(address, a -> new AtomicInteger());
        if (max > 0 && n.incrementAndGet() > max) {
            release(address);
            return false;
        }
        if (max <= 0) {
            n.incrementAndGet();
        }
        return true;
    }

    void release(String address) {
        open.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
    }
}
