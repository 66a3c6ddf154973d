package dev.qrbeam.relay.aws;

import dev.qrbeam.relay.core.RelayLimits;
import java.time.Duration;

/**
 * API Gateway WebSocket quotas as the relay advertises them: text only, 128 KB messages, 32 KB frames. The gateway
 * enforces them itself (close 1009 beyond, 1003 for binary), so the Lambda never sees a larger message.
 */
public final class AwsLimits {
    /** Largest message API Gateway accepts, both directions. */
    public static final int MESSAGE_BYTES = 128 * 1024;
    /** Largest WebSocket frame API Gateway accepts from a client. */
    public static final int FRAME_BYTES = 32 * 1024;
    /** API Gateway closes every connection after this long. */
    public static final Duration MAX_CONNECTION_LIFETIME = Duration.ofHours(2);
    /** API Gateway closes a connection without traffic after this long. */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

    private AwsLimits() {}

    /**
     * The relay core's limits on AWS: text only, 128 KB messages, 32 KB frames (advertised in the Connect reply);
     * Request rates as the standalone relay's. The idle, ping,
     * outbound-queue and per-address settings are unused here: API Gateway owns the connections.
     */
    public static RelayLimits relayLimits() {
        return RelayLimits.defaults()
                .withMessageBytes(MESSAGE_BYTES, 0)
                .withBinary(false)
                .withFrameBytes(FRAME_BYTES)
                .withStatsLogInterval(Duration.ZERO);
    }
}
