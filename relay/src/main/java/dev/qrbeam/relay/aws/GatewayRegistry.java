package dev.qrbeam.relay.aws;

import dev.qrbeam.relay.core.ConnectionRegistry;
import dev.qrbeam.relay.core.Session;

/**
 * The relay core's {@link ConnectionRegistry} over a {@link ConnectionMap}: stateless per Lambda invocation, so a
 * session found here is a {@link GatewaySession} made for the lookup, and {@code bind} returns a session for the
 * stale gateway connection (which the core closes on resume) rather than a live object.
 */
final class GatewayRegistry implements ConnectionRegistry {
    private final ConnectionMap map;
    private final GatewayOutbound outbound;

    GatewayRegistry(ConnectionMap map, GatewayOutbound outbound) {
        this.map = map;
        this.outbound = outbound;
    }

    /** The session for a connection API Gateway has just opened ({@code $connect}): no id yet, no lookup. */
    GatewaySession opened(String gatewayId, String remoteAddress) {
        return new GatewaySession(GatewaySession.Role.SENDER, gatewayId, null, remoteAddress, outbound, map);
    }

    /** The session for the connection that raised the current event. */
    GatewaySession sender(String gatewayId, String remoteAddress) {
        return new GatewaySession(
                GatewaySession.Role.SENDER,
                gatewayId,
                map.logicalId(gatewayId).orElse(null),
                remoteAddress,
                outbound,
                map);
    }

    @Override
    public Session bind(String id, Session session) {
        return map.bind(id, ((GatewaySession) session).gatewayId())
                .map(stale -> target(stale, id))
                .orElse(null);
    }

    @Override
    public void unbind(String id, Session session) {
        if (id != null) {
            map.release(id, ((GatewaySession) session).gatewayId());
        }
    }

    @Override
    public Session find(String id) {
        return map.gatewayId(id).map(gatewayId -> target(gatewayId, id)).orElse(null);
    }

    @Override
    public boolean recentlyGone(String id) {
        return map.recentlyGone(id);
    }

    /** Not tracked: counting bindings would mean scanning a table shared by all Lambda instances. */
    @Override
    public int size() {
        return -1;
    }

    /** Forgets a closed gateway connection. */
    void forget(String gatewayId) {
        map.forget(gatewayId);
    }

    private GatewaySession target(String gatewayId, String id) {
        return new GatewaySession(GatewaySession.Role.TARGET, gatewayId, id, null, outbound, map);
    }
}
