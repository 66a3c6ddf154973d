package dev.qrbeam.core.send;

import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.TransferException;
import dev.qrbeam.core.api.TransferFailure;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.control.Control;
import dev.qrbeam.core.control.ControlType;
import dev.qrbeam.core.session.SessionContext;
import dev.qrbeam.core.session.SessionThreads;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a send ends, once: tells the receiver (a cancel or a failure), withdraws direct offers, keeps the saved state
 * only for a failure (to resume), wakes the {@link SendPump} and closes the session. Thread-safe.
 */
final class SendEnding {
    private static final Logger LOG = LoggerFactory.getLogger(SendEnding.class);

    private final SessionContext ctx;
    private final SendPeer peer;
    private final DirectHandling direct;
    private final SendSessionState saved;

    SendEnding(SessionContext ctx, SendPeer peer, DirectHandling direct, SendSessionState saved) {
        this.ctx = ctx;
        this.peer = peer;
        this.direct = direct;
        this.saved = saved;
    }

    boolean isTerminal() {
        return ctx.threads.progress.state().isTerminal();
    }

    /** The user cancels: the receiver is told, the saved state deleted. */
    void cancel() {
        SendPeer.Target t = peer.target();
        if (t != null) {
            ctx.threads.send(() -> ctx.link.sendControl(
                    t.peer(),
                    t.controls()
                            .seal(Control.failure(
                                    ControlType.CANCEL,
                                    FailureCode.CANCELLED_BY_PEER.name(),
                                    "the sender cancelled"))));
        }
        finish(TransferState.CANCELLED, new TransferFailure(FailureCode.CANCELLED_LOCALLY, "cancelled"));
    }

    /** The send fails with {@code e}; the receiver is told unless the relay itself is gone. */
    void fail(TransferException e) {
        LOG.debug("send failed", e);
        SendPeer.Target t = peer.target();
        if (t != null && e.code() != FailureCode.RELAY_UNREACHABLE) {
            ctx.threads.send(() -> ctx.link.sendControl(
                    t.peer(),
                    t.controls()
                            .seal(Control.failure(ControlType.FAILURE, e.code().name(), e.getMessage()))));
        }
        finish(TransferState.FAILED, e.toFailure());
    }

    /** Ends the send in {@code terminal} (no-op once ended). */
    void finish(TransferState terminal, TransferFailure why) {
        if (isTerminal()) {
            return;
        }
        direct.revokeAll();
        if (terminal == TransferState.DONE) {
            ctx.threads.progress.state(TransferState.DONE);
            deleteSaved();
        } else {
            ctx.threads.end(terminal, why);
            if (terminal == TransferState.CANCELLED) {
                deleteSaved();
            }
        }
        synchronized (peer.lock()) {
            peer.lock().notifyAll();
        }
        SessionThreads.daemon(ctx::close, "qrbeam-send-close").start();
    }

    private void deleteSaved() {
        try {
            saved.delete();
        } catch (IOException e) {
            LOG.debug("could not delete send state: {}", e.getMessage());
        }
    }
}
