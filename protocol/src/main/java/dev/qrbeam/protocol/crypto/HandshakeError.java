package dev.qrbeam.protocol.crypto;

/** Why a handshake failed. {@link #code()} strings are stable and may be shown or sent as error codes. */
public enum HandshakeError {
    /** Bytes that are not a handshake message of this version (wrong length, garbage). */
    MALFORMED("handshake-malformed"),
    /** Authentication failed: the peer does not hold the same secret, or a connection id / relay URL differs. */
    AUTH_FAILED("handshake-failed"),
    /** The sender refused: the pairing code expired before this receiver paired. */
    CODE_EXPIRED("code-expired"),
    /** The sender refused: another receiver already paired with this code. */
    CODE_USED("code-used"),
    /** The sender refused a resuming receiver: nobody is paired yet (the claim was lost); pair as a new one. */
    RESUME_UNKNOWN("resume-unknown"),
    /** The peer speaks an older handshake (message 1 payload version 1): update QRBeam. */
    VERSION("handshake-version"),
    /** The receiver's claim record is not a valid claim (wrong length or mode). */
    BAD_CLAIM("claim-malformed"),
    /** A method was called out of order (e.g. {@code split()} before the handshake finished). */
    STATE("handshake-state");

    private final String code;

    HandshakeError(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
