package dev.qrbeam.relay.netty;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open connections per remote address; {@code max <= 0} means no limit. Loopback addresses are not
 * capped unless {@code capLoopback}.
 */
final class AddressLimiter {
    private final int max;
    private final boolean capLoopback;
    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();

    AddressLimiter(int max, boolean capLoopback) {
        this.max = max;
        this.capLoopback = capLoopback;
    }

    /** @return false if {@code address} already has the maximum number of connections */
    boolean tryAcquire(InetAddress remote) {
        if (remote.isLoopbackAddress() && !capLoopback) {
            return true;
        }
        return tryAcquire(remote.getHostAddress());
    }

    /** Releases what {@link #tryAcquire(InetAddress)} acquired. */
    void release(InetAddress remote) {
        if (!remote.isLoopbackAddress() || capLoopback) {
            release(remote.getHostAddress());
        }
    }

    private boolean tryAcquire(String address) {
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

    private void release(String address) {
        open.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
    }
}
