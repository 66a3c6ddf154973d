package dev.qrbeam.relay.core;

import dev.qrbeam.protocol.message.ErrorCode;
import dev.qrbeam.protocol.message.ProtocolException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request limits, keyed so that strangers cannot starve a receiver: per sending connection; per (sending
 * connection, target) pair — not per target, so a flood from other connections does not drain the receiver's
 * bucket; and a per-target cap shared by all sources that bounds what the target must handle but never refuses a
 * connection's first Request (a fresh receiver always gets its one Request through; a flooder's first one costs
 * it a new WebSocket connection, bounded by the connection caps).
 */
final class RequestLimits {
    private final RateLimiter perSource;
    private final RateLimiter perPair;
    private final RateLimiter sharedTarget;
    /** Connections that have sent a Request (their next ones count against the shared per-target cap). */
    private final Set<Session> requested = ConcurrentHashMap.newKeySet();

    /** @param sharedTarget null: no shared per-target cap (a stateless transport cannot remember first Requests) */
    RequestLimits(RateLimiter perSource, RateLimiter perPair, RateLimiter sharedTarget) {
        this.perSource = perSource;
        this.perPair = perPair;
        this.sharedTarget = sharedTarget;
    }

    /** Refuses ({@code rate-limited}) a Request from {@code from} to {@code targetId} beyond the limits. */
    void check(Session from, String targetId) {
        String source = from.id();
        if (!perSource.tryAcquire(source)) {
            throw new ProtocolException(ErrorCode.RATE_LIMITED, "too many Requests from this connection; slow down");
        }
        if (!perPair.tryAcquire(source + ">" + targetId)) {
            throw new ProtocolException(ErrorCode.RATE_LIMITED, "too many Requests to this target; try again later");
        }
        if (sharedTarget != null && !requested.add(from) && !sharedTarget.tryAcquire(targetId)) {
            throw new ProtocolException(ErrorCode.RATE_LIMITED, "too many Requests to this target; try again later");
        }
    }

    void closed(Session session) {
        requested.remove(session);
    }
}
