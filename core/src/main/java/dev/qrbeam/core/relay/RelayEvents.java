package dev.qrbeam.core.relay;

import java.nio.ByteBuffer;

/**
 * Callbacks of a {@link RelayClient}. Message callbacks run one at a time on the client's reader and
 * receive whole, reassembled messages; the next message is requested only after the callback returns,
 * so a slow consumer back-pressures the relay instead of queueing.
 */
public interface RelayEvents {
    /** A complete text message (JSON) other than the Connect reply. */
    void onText(String text);

    /** A complete binary message; the buffer is only valid during the call. */
    void onBinary(ByteBuffer data);

    /** Connection to the relay is up (first time or after a reconnect); {@code resumed} tells if the id was kept. */
    default void onConnected(String connectionId, boolean resumed) {}

    /** The connection dropped; the client is reconnecting on its own. */
    default void onDisconnected(String reason) {}

    /** The client gave up: it will not reconnect again. */
    default void onClosed(String reason) {}
}
