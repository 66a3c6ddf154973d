package dev.qrbeam.relay.core;

import java.nio.ByteBuffer;

/**
 * The in-process end of a {@link LocalConnection}: what the relay delivers to a client that lives in the relay's own
 * process (the sender on its built-in relay). Called one at a time, in order, on the connection's own delivery
 * thread, never on a relay I/O thread, so an implementation may take its time.
 */
public interface LocalPeer {
    /** One complete text message (strict JSON). */
    void onText(String text);

    /** One complete binary message; the buffer is the peer's to keep. */
    void onBinary(ByteBuffer data);

    /** The relay closed this connection (WebSocket close code and reason); nothing follows. */
    void onClose(int code, String reason);
}
