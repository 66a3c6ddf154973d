package dev.qrbeam.relay.aws;

import java.util.Optional;

/**
 * Maps QRBeam's logical connection ids (the ids clients see and keep across reconnects) to the connection ids API
 * Gateway assigns to each WebSocket connection, both ways. API Gateway gives a reconnecting client a new id that it
 * cannot choose; this map is what lets a resumed client keep its logical id (wire contract §4).
 *
 * <p>Implementations must be safe for concurrent use from many Lambda instances: {@link #release} must not remove a
 * logical id that has meanwhile been bound to a newer gateway connection.
 */
public interface ConnectionMap {

    /**
     * Binds {@code logicalId} to {@code gatewayId}, replacing an older binding of that logical id and the gateway
     * connection's previous logical id, if any.
     *
     * @return the gateway connection that held the logical id before, if any and different
     */
    Optional<String> bind(String logicalId, String gatewayId);

    /**
     * The logical id is no longer reachable through {@code gatewayId}: drops the binding if it still points there
     * and remembers the id as recently gone (it may come back by resuming).
     */
    void release(String logicalId, String gatewayId);

    /** The gateway connection has closed: forgets which logical id it carried. */
    void forget(String gatewayId);

    /** The logical id the gateway connection carries (assigned on {@code $connect} or by a resume). */
    Optional<String> logicalId(String gatewayId);

    /** The gateway connection currently holding this logical id. */
    Optional<String> gatewayId(String logicalId);

    /** True if the logical id was bound recently and is not now. */
    boolean recentlyGone(String logicalId);
}
