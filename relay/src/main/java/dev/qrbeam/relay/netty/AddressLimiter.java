package dev.qrbeam.relay.netty;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open connections per remote address; {@code max <= 0} means no limit. Loopback addresses are not
 * capped unless {@code capLoopback}. IPv6 clients count per /64: one host or home usually owns a whole /64 and
 * can use any address in it.
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
        return tryAcquire(key(remote));
    }

    /** Releases what {@link #tryAcquire(InetAddress)} acquired. */
    void release(InetAddress remote) {
        if (!remote.isLoopbackAddress() || capLoopback) {
            release(key(remote));
        }
    }

    /** The counting key: the IPv4 address, or the IPv6 /64 prefix. */
    static String key(InetAddress remote) {
        if (!(remote instanceof Inet6Address)) {
            return remote.getHostAddress();
        }
        byte[] a = remote.getAddress();
        StringBuilder k = new StringBuilder(24);
        for (int i = 0; i < 8; i += 2) {
            k.append(Integer.toHexString(((a[i] & 0xff) << 8) | (a[i + 1] & 0xff)))
                    .append(':');
        }
        return k.append(":/64").toString();
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
