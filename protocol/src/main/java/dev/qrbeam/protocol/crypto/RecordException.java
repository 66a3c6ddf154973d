package dev.qrbeam.protocol.crypto;

/** An encrypted record was refused. Nothing of its content may be used. Carries a stable {@link RecordError}. */
public final class RecordException extends Exception {
    private static final long serialVersionUID = 1L;
    private final RecordError error;

    public RecordException(RecordError error, String message) {
        super(message);
        this.error = error;
    }

    public RecordException(RecordError error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    public RecordError error() {
        return error;
    }

    /** The stable error code, e.g. {@code record-auth}. */
    public String code() {
        return error.code();
    }
}
