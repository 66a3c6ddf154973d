package dev.qrbeam.relay.aws;

import java.util.Optional;

/**
 * Maps QRBeam's logical connection ids (the ids clients see and keep across reconnects) to the connection ids API
 * Gateway assigns to each WebSocket connection, both ways. API Gateway gives a reconnecting client a new id that it
 * cannot choose; this map is what lets a resumed client keep its logical id (wire contract §4).
 *
 * <p>Implementations must be safe for concurrent use from many Lambda instances: {@link #unbind} must not remove a
 * logical id that has meanwhile been bound to a newer gateway connection.
 */
public interface ConnectionMap {

    /**
     * Binds {@code logicalId} to {@code gatewayId} (replacing an older binding of that logical id).
     *
     * @return the gateway connection that held the logical id before, if any and different
     */
    Optional<String> bind(String logicalId, String gatewayId);

    /** The logical id bound to this gateway connection, if it has sent Connect. */
    Optional<String> logicalId(String gatewayId);

    /** The gateway connection currently holding this logical id. */
    Optional<String> gatewayId(String logicalId);

    /** Forgets a closed gateway connection, and its logical id unless that was rebound meanwhile. */
    void unbind(String gatewayId);
}
