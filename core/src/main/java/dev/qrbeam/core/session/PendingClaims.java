package dev.qrbeam.core.session;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The handshakes a code's shower (a sender, or a code-less receiver) answered and that wait for their claim, by
 * connection id (docs/protocol-transfer.md §2.2): at most {@value #MAX} (the oldest is dropped), so handshakes that
 * are never claimed cannot grow memory. Thread-safe.
 *
 * @param <V> what is kept per waiting handshake
 */
public final class PendingClaims<V> {
    /** How many answered handshakes wait for their claim at most. */
    public static final int MAX = 8;

    private final Map<String, V> pending = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
            return size() > MAX;
        }
    };

    /** Keeps {@code v} for connection {@code from}, dropping the oldest one past {@value #MAX}. */
    public synchronized void put(String from, V v) {
        pending.put(from, v);
    }

    /** What waits for connection {@code from}, or null. */
    public synchronized V get(String from) {
        return pending.get(from);
    }

    /** Forgets what waits for connection {@code from}. */
    public synchronized void remove(String from) {
        pending.remove(from);
    }

    /** Forgets {@code v} for connection {@code from}, unless something newer took its place. */
    public synchronized void remove(String from, V v) {
        pending.remove(from, v);
    }
}
