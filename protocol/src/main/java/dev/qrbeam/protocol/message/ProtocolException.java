package dev.qrbeam.protocol.message;

/** A protocol rule was broken; carries the stable {@link ErrorCode} to report on the wire. */
public class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public ProtocolException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ProtocolException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** The Error message body for this exception. */
    public ErrorMessage toErrorMessage() {
        return new ErrorMessage(code.code(), getMessage());
    }
}
