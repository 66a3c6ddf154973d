package dev.qrbeam.relay.netty;

import dev.qrbeam.relay.core.RelayCounters;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay-wide budget of bytes queued towards clients. Each connection is already paused and cut on its own
 * ({@link NettySession}), but many connections that never read can each hold megabytes (300 such pairs: 1.9 GB).
 * Once the total passes the budget, (1) the connection that has gone longest without taking any of its queued
 * bytes (a non-reader) is closed with 1008 — a connection that reads keeps draining and is not the one chosen —
 * which frees its queue, and (2) every producer that delivers while the total is over the budget stops being read
 * until the total is back under it. The total can pass the budget by the messages already read when that happens
 * (a few MiB), never by more. Thread-safe.
 */
final class OutboundBudget {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundBudget.class);

    /** A connection whose queue has not moved for this long is not reading (a reading one drains in ms). */
    private static final long STALE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How often a paused producer looks again for a non-reader to evict. */
    private static final long RECHECK_MILLIS = 250;

    private final long budget;
    private final RelayCounters counters;
    private final AtomicLong total = new AtomicLong();
    private final Set<NettySession> sessions = ConcurrentHashMap.newKeySet();
    private final Set<NettySession> paused = ConcurrentHashMap.newKeySet();

    /** @param budget bytes; 0 or less = no budget (only counted) */
    OutboundBudget(long budget, RelayCounters counters) {
        this.budget = budget;
        this.counters = counters;
    }

    void register(NettySession s) {
        sessions.add(s);
    }

    void unregister(NettySession s) {
        sessions.remove(s);
        paused.remove(s);
    }

    /** Counts {@code size} more queued bytes; past the budget the stalest non-reader is evicted. */
    void reserve(long size) {
        long now = total.addAndGet(size);
        counters.queued(now);
        if (budget > 0 && now > budget) {
            evictStalest();
        }
    }

    void release(long size) {
        long now = total.addAndGet(-size);
        counters.queued(now);
        if (now <= budget && !paused.isEmpty()) {
            for (NettySession w : paused) {
                if (paused.remove(w)) {
                    w.resume();
                }
            }
        }
    }

    /** Whether producers must stop being read (the total is over the budget). */
    boolean over() {
        return budget > 0 && total.get() > budget;
    }

    /** Pauses {@code producer} until the total is back under the budget. Call on its event loop. */
    void pause(NettySession producer) {
        producer.channel().config().setAutoRead(false);
        paused.add(producer);
        if (!over() && paused.remove(producer)) {
            producer.resume();
            return;
        }
        recheckLater(producer);
    }

    /**
     * While a producer waits, the stalest non-reader must still be evicted even though nothing new is queued:
     * eviction used to run only when bytes were reserved, so once every producer was paused (a real sender among
     * them) nothing was ever queued again and the relay stalled for good.
     */
    private void recheckLater(NettySession producer) {
        producer.channel()
                .eventLoop()
                .schedule(
                        () -> {
                            if (!paused.contains(producer)) {
                                return;
                            }
                            if (over()) {
                                evictStalest();
                            }
                            if (!over()) {
                                if (paused.remove(producer)) {
                                    producer.resume();
                                }
                            } else {
                                recheckLater(producer);
                            }
                        },
                        RECHECK_MILLIS,
                        TimeUnit.MILLISECONDS);
    }

    /** Closes the connection with queued bytes whose queue has not moved for the longest time. */
    private synchronized void evictStalest() {
        long staleBefore = System.nanoTime() - STALE_NANOS;
        NettySession worst = null;
        for (NettySession s : sessions) {
            if (s.queuedBytes() > 0
                    && !s.closing()
                    && s.lastDrained() < staleBefore
                    && (worst == null || s.lastDrained() < worst.lastDrained())) {
                worst = s;
            }
        }
        if (worst == null) {
            return;
        }
        LOG.warn(
                "closing {}: relay outbound budget of {} bytes reached; it holds {} bytes it has not read",
                worst.id(),
                budget,
                worst.queuedBytes());
        counters.closedBy("budget");
        worst.evict("relay memory budget reached; this connection does not read");
    }
}
