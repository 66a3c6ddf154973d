package dev.qrbeam.relay.core;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * A relay connection without a socket: a client in the relay's own process (the sender on its built-in relay)
 * handed to the relay core directly. The core applies exactly the rules of a WebSocket connection (Connect and
 * resume, routing with the sender stamped in, owner-only routing, errors); only the transport is gone — no
 * loopback socket, no masking, no second copy: a binary message is written from the caller's buffer to the
 * target's connection. Obtained from {@link RelayHandle#attachLocal}.
 */
public interface LocalConnection {
    /** Sends one complete text message given as UTF-8 in {@code utf8[0, length)}; the relay keeps the array. */
    void sendText(byte[] utf8, int length);

    /**
     * Sends one complete binary message from {@code data}'s remaining bytes (array-backed), without copying it.
     * The returned future completes once the relay no longer reads the buffer (the caller may then reuse it) and
     * the target connection can take more (its outbound buffer is under the high-water mark): a caller that
     * waits for it before the next message is paced by the receiver's connection and never queues more than one
     * message. It never completes exceptionally; if the target's connection dies the future completes when
     * Netty has released the buffer.
     */
    CompletableFuture<Void> sendBinary(ByteBuffer data);

    /** Whether the relay still serves this connection (false after {@link #close} or the relay closed it). */
    boolean isOpen();

    /** Ends this connection as a client's close would (the id is unbound; resuming it later works). */
    void close();
}
