package dev.qrbeam.relay.aws;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The API Gateway WebSocket behaviour the local stand-in enforces. Defaults are AWS's documented quotas except the
 * two timeouts, which tests scale down (AWS: 10 minutes idle, 2 hours lifetime).
 *
 * @param stage        stage name, the first path segment of the WebSocket URL and of the {@code @connections} URL
 * @param frameBytes   largest client frame payload; beyond it the connection is closed with 1009
 * @param messageBytes largest client message (all frames); beyond it the connection is closed with 1009
 * @param idleTimeout  a connection without any message (either direction; pings do not count) for this long is
 *                     closed with 1001
 * @param maxLifetime  every connection is closed with 1001 after this long (the "2 hour cut")
 * @param routeKeys    route keys besides {@code $connect/$disconnect/$default}, selected by {@code $request.body.action}
 */
public record GatewayBehaviour(
        String stage,
        int frameBytes,
        int messageBytes,
        Duration idleTimeout,
        Duration maxLifetime,
        List<String> routeKeys) {

    /** AWS quota: 32 KB per frame. */
    public static final int AWS_FRAME_BYTES = 32 * 1024;
    /** AWS quota: 128 KB per message. */
    public static final int AWS_MESSAGE_BYTES = 128 * 1024;

    public GatewayBehaviour {
        Objects.requireNonNull(stage);
        routeKeys = List.copyOf(routeKeys);
    }

    /** AWS quotas, the template's routes, and the given (scaled-down) timeouts. */
    public static GatewayBehaviour aws(Duration idleTimeout, Duration maxLifetime) {
        return new GatewayBehaviour(
                "test",
                AWS_FRAME_BYTES,
                AWS_MESSAGE_BYTES,
                idleTimeout,
                maxLifetime,
                List.of("Connect", "Request", "Transfer", "Acknowledge", "Handshake", "Control"));
    }

    /** Same behaviour with another maximum connection lifetime. */
    public GatewayBehaviour withMaxLifetime(Duration lifetime) {
        return new GatewayBehaviour(stage, frameBytes, messageBytes, idleTimeout, lifetime, routeKeys);
    }
}
