package dev.qrbeam.core.api;

import java.io.IOException;

/**
 * A failure with a stable {@link FailureCode}; its message's first line is one human-readable sentence, further
 * lines (if any) are details (e.g. each address tried), which the app puts in a details expander.
 */
public class TransferException extends IOException {
    private final FailureCode code;

    public TransferException(FailureCode code, String message) {
        super(message);
        this.code = code;
    }

    public TransferException(FailureCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public FailureCode code() {
        return code;
    }

    public TransferFailure toFailure() {
        return new TransferFailure(code, getMessage());
    }
}
