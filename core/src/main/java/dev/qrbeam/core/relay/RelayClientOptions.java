package dev.qrbeam.core.relay;

import java.time.Duration;

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
 */
public record RelayClientOptions(String resumeId, String resumeToken, Duration connectTimeout, Duration sendTimeout,
                                 Duration pingInterval, Duration giveUpAfter) {
    public static RelayClientOptions defaults() {
        return new RelayClientOptions(null, null, Duration.ofSeconds(10), Duration.ofSeconds(60),
                Duration.ofSeconds(2), Duration.ofMinutes(5));
    }

    public RelayClientOptions withResume(String id, String token) {
        return new RelayClientOptions(id, token, connectTimeout, sendTimeout, pingInterval, giveUpAfter);
    }

    public RelayClientOptions withConnectTimeout(Duration d) {
        return new RelayClientOptions(resumeId, resumeToken, d, sendTimeout, pingInterval, giveUpAfter);
    }

    public RelayClientOptions withGiveUpAfter(Duration d) {
        return new RelayClientOptions(resumeId, resumeToken, connectTimeout, sendTimeout, pingInterval, d);
    }

    public RelayClientOptions withPingInterval(Duration d) {
        return new RelayClientOptions(resumeId, resumeToken, connectTimeout, sendTimeout, d, giveUpAfter);
    }
}
