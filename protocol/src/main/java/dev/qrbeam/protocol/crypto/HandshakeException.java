package dev.qrbeam.protocol.crypto;

/** The handshake failed; the session must be abandoned. Carries a stable {@link HandshakeError}. */
public final class HandshakeException extends Exception {
    private static final long serialVersionUID = 1L;
    private final HandshakeError error;

    public HandshakeException(HandshakeError error, String message) {
        super(message);
        this.error = error;
    }

    public HandshakeException(HandshakeError error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    public HandshakeError error() {
        return error;
    }

    /** The stable error code, e.g. {@code handshake-failed}. */
    public String code() {
        return error.code();
    }
}
