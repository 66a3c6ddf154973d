package dev.qrbeam.core.receive;

import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.TransferException;
import dev.qrbeam.core.api.TransferFailure;
import dev.qrbeam.core.api.TransferHandle;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.control.Control;
import dev.qrbeam.core.control.ControlCodec;
import dev.qrbeam.core.control.ControlType;
import dev.qrbeam.core.link.PeerHandler;
import dev.qrbeam.core.session.SessionContext;
import dev.qrbeam.core.session.SessionThreads;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every receiving session shares, whichever side of the handshake it is on (it scanned the code:
 * {@link ReceiveSession}; it shows the code: {@link ShowCodeReceiveSession}): the control channel to the peer that
 * sends the data, the {@link ChunkIntake}, completion (DONE repeated until the peer's BYE) and the end of the
 * session. Subclasses decide who the peer is and when the channel is usable.
 */
abstract class IntakeSession implements PeerHandler, TransferHandle {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeSession.class);
    static final long STALL_NANOS = 5_000_000_000L;
    private static final long LINGER_NANOS = 30_000_000_000L;

    final SessionContext ctx;
    final ReceiveState state;
    final Object lock = new Object();
    ChunkIntake intake;
    /** The peer's control codec under the current keys (null while unpaired). */
    volatile ControlCodec controls;
    /** The channel may carry this side's records (the peer admitted us, or we admitted it). */
    volatile boolean admitted;

    volatile long completedAt;
    volatile long lastData = System.nanoTime();
    /** Set by the one {@link #finish} that runs; from then on the session counts as ended. */
    private final java.util.concurrent.atomic.AtomicBoolean finishing = new java.util.concurrent.atomic.AtomicBoolean();

    volatile long lastSyncSent;

    IntakeSession(SessionContext ctx, ReceiveState state) {
        this.ctx = ctx;
        this.state = state;
    }

    /** The connection id the data comes from and this side's records go to; null while nobody is paired. */
    abstract String peer();

    /** How the user calls the peer in messages ("sender", "phone"). */
    abstract String peerName();

    // ---- TransferHandle

    @Override
    public TransferProgress progress() {
        return ctx.threads.progress.snapshot();
    }

    @Override
    public CompletableFuture<TransferProgress> completion() {
        return ctx.threads.progress.completion();
    }

    @Override
    public void cancel() {
        sendControl(
                Control.failure(ControlType.CANCEL, FailureCode.CANCELLED_BY_PEER.name(), "the receiver cancelled"));
        finish(TransferState.CANCELLED, new TransferFailure(FailureCode.CANCELLED_LOCALLY, "cancelled"), true);
    }

    boolean isTerminal() {
        return finishing.get() || ctx.threads.progress.state().isTerminal();
    }

    // ---- the channel to the peer (also used by ChunkIntake)

    void sendControl(Control m) {
        ControlCodec c = controls;
        String to = peer();
        if (c != null && admitted && to != null) {
            ctx.threads.send(() -> ctx.link.sendControl(to, c.seal(m)));
        }
    }

    /**
     * Sends a small control at once from the calling (reader) thread when the connection is free — window credit
     * must not wait for a thread hop — else queues it like {@link #sendControl}.
     */
    void sendControlNow(Control m) {
        ControlCodec c = controls;
        String to = peer();
        if (c == null || !admitted || to == null) {
            return;
        }
        try {
            if (ctx.link.trySendControl(to, c.seal(m))) {
                return;
            }
        } catch (IOException e) {
            LOG.debug("immediate control send failed: {}", e.getMessage());
            return;
        }
        sendControl(m);
    }

    void sendAcknowledge(boolean success, List<Long> ids) {
        String to = peer();
        if (to != null) {
            ctx.threads.send(() -> ctx.link.sendAcknowledge(to, success, ids));
        }
    }

    void noteSync() {
        lastSyncSent = System.nanoTime();
    }

    /**
     * The common start of every timer tick: lingers after completion, sends pending re-requests and credit.
     * False when the tick has nothing more to do (ended, or completed).
     */
    boolean tick() {
        if (isTerminal()) {
            return false;
        }
        if (completedAt != 0) {
            byeOrLinger(false);
            return false;
        }
        intake.flushRequests();
        return true;
    }

    @Override
    public void onAcknowledge(String from, boolean success, List<Long> missingChunkIds) {
        LOG.debug("ignoring an Acknowledge sent to the receiver");
    }

    @Override
    public void onClosed(String reason) {
        fail(new TransferException(FailureCode.RELAY_UNREACHABLE, reason));
    }

    /** Asks the data sender to sync when nothing arrived for a while; true if it asked. */
    boolean stallCheck(long now) {
        if (intake.active() && now - lastData > STALL_NANOS && now - lastSyncSent > STALL_NANOS) {
            lastSyncSent = now;
            return true;
        }
        return false;
    }

    /** Fails when the peer has been silent longer than the configured peer timeout; true if it did. */
    boolean silenceCheck(long now) {
        if (now - lastData > ctx.config.peerTimeout().toNanos()) {
            fail(new TransferException(
                    FailureCode.PEER_GONE,
                    "the " + peerName() + " has been silent for "
                            + ctx.config.peerTimeout().toMinutes() + " min"));
            return true;
        }
        return false;
    }

    /** A control message that ends the transfer or belongs to completion; true if it was handled. */
    boolean onEndingControl(Control m) {
        if (completedAt != 0) {
            if (m.kind() == ControlType.BYE) {
                byeOrLinger(true);
            } else if (m.kind() == ControlType.SYNC) {
                sendControl(Control.of(ControlType.DONE));
            }
            return true;
        }
        switch (m.kind()) {
            case CANCEL ->
                finish(
                        TransferState.CANCELLED,
                        new TransferFailure(FailureCode.CANCELLED_BY_PEER, "the " + peerName() + " cancelled"),
                        true);
            case FAILURE -> finish(TransferState.FAILED, dev.qrbeam.core.control.PeerFailure.of(peerName(), m), false);
            default -> {
                return false;
            }
        }
        return true;
    }

    // ---- end

    void fail(TransferException e) {
        LOG.debug("receive failed", e);
        if (e.code() != FailureCode.RELAY_UNREACHABLE
                && e.code() != FailureCode.CODE_EXPIRED
                && e.code() != FailureCode.CODE_ALREADY_USED) {
            sendControl(Control.failure(ControlType.FAILURE, e.code().name(), e.getMessage()));
        }
        finish(
                TransferState.FAILED,
                e.toFailure(),
                e.code() == FailureCode.CODE_EXPIRED || e.code() == FailureCode.CODE_ALREADY_USED);
    }

    /**
     * All files verified and in place: clean the resume state and tell the peer, repeating DONE (also in answer to
     * a sync) until it says BYE or {@value #LINGER_NANOS} ns passed, so a lost message or a peer that is just
     * reconnecting cannot be left waiting. Only then the transfer ends DONE (normally after one round trip).
     */
    void completed() {
        synchronized (lock) {
            if (completedAt != 0) {
                return;
            }
            completedAt = System.nanoTime();
        }
        intake.close(false);
        try {
            state.delete();
        } catch (IOException e) {
            LOG.debug("could not delete receive state: {}", e.getMessage());
        }
        sendAcknowledge(true, List.of());
        sendControl(Control.of(ControlType.DONE));
    }

    /** Called every timer tick after {@link #completed()}, and with {@code bye} when the peer said BYE. */
    void byeOrLinger(boolean bye) {
        if (bye || System.nanoTime() - completedAt > LINGER_NANOS) {
            ctx.threads.progress.state(TransferState.DONE);
            SessionThreads.daemon(ctx::close, "qrbeam-receive-close").start();
        } else if ((System.nanoTime() - completedAt) / 100_000_000L % 10 == 9) {
            sendControl(Control.of(ControlType.DONE));
        }
    }

    /**
     * Ends the session once: the store is closed (and with {@code discard} its unfinished {@code .part} files and the
     * resume state deleted) <em>before</em> the end is published, so whoever waits for the completion (the CLI exits
     * at once) never races the clean-up.
     */
    void finish(TransferState terminal, TransferFailure why, boolean discard) {
        if (ctx.threads.progress.state().isTerminal() || !finishing.compareAndSet(false, true)) {
            return;
        }
        intake.close(discard);
        if (discard) {
            try {
                state.delete();
            } catch (IOException e) {
                LOG.debug("could not delete receive state: {}", e.getMessage());
            }
        }
        ctx.threads.end(terminal, why);
        SessionThreads.daemon(ctx::close, "qrbeam-receive-close").start();
    }
}
