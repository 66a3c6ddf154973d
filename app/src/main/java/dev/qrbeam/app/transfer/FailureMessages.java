package dev.qrbeam.app.transfer;

import dev.qrbeam.app.i18n.Messages;
import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.TransferException;
import dev.qrbeam.core.api.TransferFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's one error mapping: the engine's stable failure codes to the human sentences of the resource bundle, and
 * any failure of a page (a transfer's end, a start that threw) to the {@link ShownError} it shows — logged here, once.
 */
public final class FailureMessages {
    private static final Logger LOG = LoggerFactory.getLogger(FailureMessages.class);
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
     * What {@code page} ("send", "receive", "phone") shows for a transfer that ended with {@code failure}; logged. A
     * page may word a code its own way ({@code failure.<page>.<CODE>}, e.g. a receive from a phone, which nobody
     * can resume and whose code the user showed), else the common sentence.
     */
    public ShownError shown(String page, TransferFailure failure) {
        LOG.info(
                "{}: {}", page, failure == null ? "failed without a reason" : failure.code() + " " + failure.message());
        String own = failure == null
                ? null
                : "failure." + page + "." + failure.code().name();
        String sentence = own != null && messages.has(own) ? messages.get(own) : describe(failure);
        return new ShownError(sentence, details(failure));
    }

    /**
     * What {@code page} shows when starting threw: the engine's own failure (code and what was tried) wherever it is
     * in the cause chain — the same sentence and details as a failure reported later — else
     * {@code <page>.error.start} with the root cause's message, logged with its stack trace (a bug, not a network
     * condition).
     */
    public ShownError startFailure(String page, Throwable err) {
        for (Throwable t = err; t != null; t = t.getCause()) {
            if (t instanceof TransferException te) {
                return shown(page, te.toFailure());
            }
        }
        LOG.error("{}: could not start", page, err);
        return ShownError.of(messages.format(page + ".error.start", rootMessage(err)));
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
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
