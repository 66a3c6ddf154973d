package dev.qrbeam.core.relay;

import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * Tunables of a {@link RelayClient}.
 *
 * @param resumeId a connection id to reclaim on the first connect (a restarted process), or null
 * @param resumeToken the relay's token for {@code resumeId}, or null
 * @param connectTimeout timeout of one connect attempt including the Connect reply
 * @param sendTimeout how long a send may wait for the relay (back-pressure or a reconnect) before failing
 * @param pingInterval keepalive ping period (default 2 s); the connection is dropped when nothing was heard for three
 *     periods, or a ping has had no pong for three periods and at least 15 s
 * @param giveUpAfter stop reconnecting after being disconnected this long
 * @param inbound the largest messages this client buffers, whatever the relay advertises (the smaller of the two
 *     applies); a larger message ends the client with an error
 * @param tls trust for {@code wss://} relays; null = the JDK's default (the system's trusted CAs)
 * @param dialer opens the connection; null = the JDK's WebSocket client ({@link InProcessWebSocket#dialer} for the
 *     sender's own built-in relay)
 */
public record RelayClientOptions(
        String resumeId,
        String resumeToken,
        Duration connectTimeout,
        Duration sendTimeout,
        Duration pingInterval,
        Duration giveUpAfter,
        InboundCaps inbound,
        SSLContext tls,
        WebSocketDialer dialer) {
    public static RelayClientOptions defaults() {
        return new RelayClientOptions(
                null,
                null,
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                Duration.ofSeconds(2),
                Duration.ofMinutes(5),
                InboundCaps.DEFAULT,
                null,
                null);
    }

    public RelayClientOptions withResume(String id, String token) {
        return new RelayClientOptions(
                id, token, connectTimeout, sendTimeout, pingInterval, giveUpAfter, inbound, tls, dialer);
    }

    public RelayClientOptions withConnectTimeout(Duration d) {
        return new RelayClientOptions(
                resumeId, resumeToken, d, sendTimeout, pingInterval, giveUpAfter, inbound, tls, dialer);
    }

    public RelayClientOptions withGiveUpAfter(Duration d) {
        return new RelayClientOptions(
                resumeId, resumeToken, connectTimeout, sendTimeout, pingInterval, d, inbound, tls, dialer);
    }

    public RelayClientOptions withPingInterval(Duration d) {
        return new RelayClientOptions(
                resumeId, resumeToken, connectTimeout, sendTimeout, d, giveUpAfter, inbound, tls, dialer);
    }

    public RelayClientOptions withInbound(InboundCaps caps) {
        return new RelayClientOptions(
                resumeId, resumeToken, connectTimeout, sendTimeout, pingInterval, giveUpAfter, caps, tls, dialer);
    }

    /** Opens connections with {@code d} instead of the JDK's WebSocket client. */
    public RelayClientOptions withDialer(WebSocketDialer d) {
        return new RelayClientOptions(
                resumeId, resumeToken, connectTimeout, sendTimeout, pingInterval, giveUpAfter, inbound, tls, d);
    }

    /** Trusts what {@code context} trusts for {@code wss://} (tests: a self-signed relay certificate). */
    public RelayClientOptions withTls(SSLContext context) {
        return new RelayClientOptions(
                resumeId,
                resumeToken,
                connectTimeout,
                sendTimeout,
                pingInterval,
                giveUpAfter,
                inbound,
                context,
                dialer);
    }
}
