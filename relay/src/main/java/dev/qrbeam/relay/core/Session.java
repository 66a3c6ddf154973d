package dev.qrbeam.relay.core;

/**
 * One client connection as the transport-agnostic {@link RelayCore} sees it. Implemented by each transport
 * (Netty channel, API Gateway connection). Sends must not block; a transport bounds its own outbound queue.
 */
public interface Session {
    /** The connection id currently bound to this session, or null before {@link RelayCore#onConnect}. */
    String id();

    /** Called by the core when it assigns (or, on resume, rebinds) this session's id. */
    void assignId(String id);

    /** Key used for per-address limits and logs (e.g. the remote IP). */
    String remoteAddress();

    /** Queues one text message (strict JSON) to this client. */
    void sendText(String text);

    /** Queues one text message given as UTF-8 bytes (the transport may send them without re-encoding). */
    default void sendTextUtf8(byte[] utf8) {
        sendText(new String(utf8, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Queues {@code utf8[off, off+len)} as one text message; the session may keep the array (callers hand it over). */
    default void sendTextUtf8(byte[] utf8, int off, int len) {
        sendTextUtf8(off == 0 && len == utf8.length ? utf8 : java.util.Arrays.copyOfRange(utf8, off, off + len));
    }

    /**
     * Queues one binary message to this client. The session takes its own reference: the caller keeps
     * ownership of {@code message} and may release it after this call returns.
     */
    void sendBinary(BinaryMessage message);

    /** Closes with a WebSocket close code (see {@link CloseCodes}) and a short reason. */
    void close(int code, String reason);
}
