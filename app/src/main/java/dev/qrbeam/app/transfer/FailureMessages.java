package dev.qrbeam.app.transfer;

import dev.qrbeam.app.i18n.Messages;
import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.TransferFailure;

/** Maps the engine's stable failure codes to the human sentences of the resource bundle. */
public final class FailureMessages {
    private final Messages messages;

    public FailureMessages(Messages messages) {
        this.messages = messages;
    }

    public String describe(TransferFailure failure) {
        if (failure == null) {
            return messages.get("failure.unknown");
        }
        return describe(failure.code());
    }

    public String describe(FailureCode code) {
        String key = "failure." + code.name();
        return messages.has(key) ? messages.get(key) : messages.get("failure.unknown");
    }

    /**
     * The engine's own explanation below its first line (what was tried and how it failed, the likely causes), for
     * a details expander under the sentence of {@link #describe}; null when there is none.
     */
    public static String details(TransferFailure failure) {
        String m = failure == null ? null : failure.message();
        int nl = m == null ? -1 : m.indexOf('\n');
        return nl < 0 ? null : m.substring(nl + 1).strip();
    }

    /** Whether trying again later with the same code can pick the transfer up where it stopped. */
    public static boolean resumable(FailureCode code) {
        return switch (code) {
            case PEER_GONE, RELAY_UNREACHABLE, RETRIES_EXHAUSTED, IO, DISK_FULL -> true;
            default -> false;
        };
    }
}
