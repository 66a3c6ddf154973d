package dev.qrbeam.core.relay;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Opens the connection under a {@link RelayClient}: the JDK's WebSocket client for every relay, or
 * {@link InProcessWebSocket} for the sender's own built-in relay. The client's rules (Connect and resume,
 * keepalive, reconnect, one send in flight) are the same over either.
 */
@FunctionalInterface
public interface WebSocketDialer {
    /** Opens a connection to {@code uri}; {@code listener} hears its messages. */
    CompletableFuture<WebSocket> open(URI uri, Duration connectTimeout, WebSocket.Listener listener);
}
