package dev.qrbeam.protocol.pairing;

/** A pairing code was refused. The message is safe to show to a user: it never contains the secret. */
public final class PairingCodeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final PairingError error;

    public PairingCodeException(PairingError error, String message) {
        super(message);
        this.error = error;
    }

    public PairingError error() {
        return error;
    }

    /** The stable error code, see {@link PairingError#code()}. */
    public String code() {
        return error.code();
    }
}
