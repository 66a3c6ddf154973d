package dev.qrbeam.protocol.pairing;

/** Stable error codes for a pairing code that cannot be used. The {@link #code()} strings never change. */
public enum PairingError {
    /** Not a URL of the form {@code http(s)://host[:port][/stage]/r/1/<id>#<secret>}. */
    MALFORMED("code-malformed"),
    /** Scheme other than http or https. */
    BAD_SCHEME("code-scheme"),
    /** A version this build does not understand. */
    UNSUPPORTED_VERSION("code-version"),
    /** The sender connection id is not 22 base64url characters (128 bits). */
    BAD_CONNECTION_ID("code-connection-id"),
    /** The fragment is missing or is not 43 base64url characters (256 bits). */
    BAD_SECRET("code-secret");

    private final String code;

    PairingError(String code) {
        this.code = code;
    }

    /** The stable, machine-readable code, e.g. {@code code-secret}. */
    public String code() {
        return code;
    }
}
