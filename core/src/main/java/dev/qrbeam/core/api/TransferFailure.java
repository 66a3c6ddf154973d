package dev.qrbeam.core.api;

import dev.qrbeam.protocol.message.ForeignText;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Why a transfer failed or was cancelled. {@code code} is stable (for UI mapping and exit codes), {@code message}
 * is human-readable: a first line, and for some failures further lines of details (what was tried, likely causes).
 * It may quote the peer or the relay, so every line passes {@link ForeignText#printable} (no terminal escapes, at
 * most {@value #MAX_MESSAGE} code points a line, at most {@value #MAX_LINES} lines). The line breaks themselves are
 * the engine's own: text from a peer or relay is made printable before it gets here, which escapes its line breaks.
 */
public record TransferFailure(FailureCode code, String message) {
    static final int MAX_MESSAGE = 500;
    static final int MAX_LINES = 8;

    public TransferFailure {
        message = message == null
                ? null
                : Arrays.stream(message.split("\n", -1))
                        .limit(MAX_LINES)
                        .map(line -> ForeignText.printable(line, MAX_MESSAGE))
                        .collect(Collectors.joining("\n"));
    }
}
