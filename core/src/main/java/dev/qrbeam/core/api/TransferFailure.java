package dev.qrbeam.core.api;

import dev.qrbeam.protocol.message.ForeignText;

/**
 * Why a transfer failed or was cancelled. {@code code} is stable (for UI mapping and exit codes),
 * {@code message} is one human-readable line: it may quote the peer or the relay, so it always passes
 * {@link ForeignText#printable} (no terminal escapes, at most {@value #MAX_MESSAGE} code points).
 */
public record TransferFailure(FailureCode code, String message) {
    static final int MAX_MESSAGE = 500;

    public TransferFailure {
        message = message == null ? null : ForeignText.printable(message, MAX_MESSAGE);
    }
}
