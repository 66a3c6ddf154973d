package dev.qrbeam.relay.core;

import dev.qrbeam.protocol.message.ErrorCode;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counters; {@link #snapshot()} gives an immutable {@link RelayStats}. */
public final class RelayCounters {
    private final LongAdder open = new LongAdder();
    private final LongAdder total = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder messages = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder binary = new LongAdder();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong peakQueued = new AtomicLong();
    private final Map<ErrorCode, LongAdder> errors = new EnumMap<>(ErrorCode.class);
    private final ConcurrentHashMap<String, LongAdder> closes = new ConcurrentHashMap<>();

    public RelayCounters() {
        for (ErrorCode c : ErrorCode.values()) {
            errors.put(c, new LongAdder());
        }
    }

    public void opened() {
        open.increment();
        total.increment();
    }

    public void closed() {
        open.decrement();
    }

    public void rejected() {
        rejected.increment();
    }

    public void forwarded(long payloadBytes, boolean isBinary) {
        messages.increment();
        bytes.add(payloadBytes);
        if (isBinary) {
            binary.increment();
        }
    }

    /** The transport's current total of bytes queued towards clients (a gauge; the peak is kept too). */
    public void queued(long totalBytes) {
        queued.set(totalBytes);
        peakQueued.accumulateAndGet(totalBytes, Math::max);
    }

    public void error(ErrorCode code) {
        errors.get(code).increment();
    }

    /** Counts a relay-initiated close by a short reason key such as {@code too-big}. */
    public void closedBy(String reason) {
        closes.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    public RelayStats snapshot() {
        Map<String, Long> e = new TreeMap<>();
        errors.forEach((k, v) -> {
            long n = v.sum();
            if (n > 0) {
                e.put(k.code(), n);
            }
        });
        Map<String, Long> c = new TreeMap<>();
        closes.forEach((k, v) -> c.put(k, v.sum()));
        return new RelayStats(
                open.sum(),
                total.sum(),
                rejected.sum(),
                messages.sum(),
                bytes.sum(),
                binary.sum(),
                Map.copyOf(e),
                Map.copyOf(c),
                queued.get(),
                peakQueued.get());
    }
}
