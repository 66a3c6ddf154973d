package dev.qrbeam.core.link;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Engine-level messages arriving from the relay, already validated against the wire contract. {@code from} is the
 * id the relay stamped: the only trustworthy statement of who sent it (still unauthenticated until the handshake).
 * Called on the relay client's reader thread, one at a time.
 */
public interface PeerHandler {
    /** A Transfer chunk; {@code data} (the encrypted record) is only valid during the call. */
    void onTransfer(String from, long chunkId, long chunkTotal, String chunkHash, ByteBuffer data);

    void onAcknowledge(String from, boolean success, List<Long> missingChunkIds);

    /** An encrypted Control record. */
    void onControl(String from, byte[] record);

    /** A Handshake message (body fields besides connectionid are opaque to the relay). */
    void onHandshake(String from, ObjectNode body);

    /** A seed Request (receivers use Handshake instead; kept for seed compatibility). */
    default void onRequest(String from, String qrhash, String message) {}

    /** The relay refused something we sent, or a peer message was malformed. */
    void onError(String code, String message);

    /** The relay connection is (again) up; {@code resumed} is false if our id changed. */
    void onConnected(String ownId, boolean resumed);

    void onDisconnected(String reason);

    /** The relay client gave up reconnecting. */
    void onClosed(String reason);
}
