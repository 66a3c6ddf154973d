package dev.qrbeam.core.receive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.TransferException;
import dev.qrbeam.core.api.TransferFailure;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.control.Control;
import dev.qrbeam.core.control.ControlCodec;
import dev.qrbeam.core.control.ControlType;
import dev.qrbeam.core.session.SessionContext;
import dev.qrbeam.protocol.crypto.ClaimMode;
import dev.qrbeam.protocol.crypto.ControlCipher;
import dev.qrbeam.protocol.crypto.HandshakeError;
import dev.qrbeam.protocol.crypto.HandshakeException;
import dev.qrbeam.protocol.crypto.ReceiverHandshake;
import dev.qrbeam.protocol.crypto.RecordException;
import dev.qrbeam.protocol.message.ForeignText;
import dev.qrbeam.protocol.message.RequestMessage;
import dev.qrbeam.protocol.pairing.Base64Url;
import dev.qrbeam.protocol.pairing.PairingCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiver's side of one transfer: handshakes with the sender named in the code (again after every reconnect,
 * for fresh keys) and claims its place ({@link ReceiverHandshake}), takes the manifest, tells the sender exactly
 * what it lacks ({@code resume}), verifies and stores each chunk through {@link ChunkIntake}, re-requests failed
 * chunks with {@code Acknowledge}, and confirms completion. Relay callbacks run on the relay reader thread; sends
 * go through the control thread.
 */
public final class ReceiveSession extends IntakeSession {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiveSession.class);
    private static final long HANDSHAKE_RETRY_NANOS = 5_000_000_000L;
    private static final long FIRST_PAIRING_NANOS = 30_000_000_000L;
    /** Stalls the sender left unanswered before the receiver handshakes again (it may have been replaced). */
    private static final int MAX_UNANSWERED_STALLS = 2;

    private final PairingCode code;
    private final SecureRandom random;
    private final byte[] token;
    private final long startedAt = System.nanoTime();

    private ReceiverHandshake pending;
    private long claimSentAt;
    private volatile int unansweredStalls;
    private long handshakeSentAt;
    private int handshakeAttempts;
    private volatile boolean everPaired;
    /**
     * This session sent a claim (as {@code ReceiveState.claimed()} records on disk): it must handshake as a resuming
     * receiver from then on, also once {@link #completed()} has deleted the state files while it lingers for the
     * sender's BYE — pairing as new there was refused as code-used and the sender never heard DONE.
     */
    private volatile boolean claimSent;

    private int senderMissing;

    public ReceiveSession(SessionContext ctx, PairingCode code, Path destination, SecureRandom random)
            throws IOException {
        super(ctx, ReceiveState.of(ctx.config.stateDir(), code.senderId(), destination));
        this.code = code;
        this.random = random;
        this.token = state.token(random);
        this.intake = new ChunkIntake(ctx, this, destination, state.storeDir(), ChunkIntake.Terms.SCANNED);
    }

    public void start() {
        if (isTerminal()) {
            return; // the relay client gave up before the session was attached (PeerLink#handler told it)
        }
        ctx.threads.progress.state(TransferState.PAIRING);
        handshake();
        ctx.threads.timer.scheduleAtFixedRate(this::housekeeping, 100, 100, TimeUnit.MILLISECONDS);
    }

    @Override
    String peer() {
        return code.senderId();
    }

    @Override
    String peerName() {
        return "sender";
    }

    // ---- handshake

    private void handshake() {
        String own = ctx.link.client().connectionId();
        ClaimMode mode = claimSent || state.claimed() ? ClaimMode.RESUME : ClaimMode.NEW;
        byte[] m1;
        synchronized (lock) {
            pending = new ReceiverHandshake(code, own, token, mode, random);
            controls = null;
            admitted = false;
            unansweredStalls = 0;
            try {
                m1 = pending.message1();
            } catch (HandshakeException e) {
                throw new IllegalStateException(e);
            }
            handshakeSentAt = System.nanoTime();
            handshakeAttempts++;
        }
        intake.keys(null);
        String request = ctx.wire.envelope(
                dev.qrbeam.protocol.message.Action.REQUEST,
                new RequestMessage(code.senderId(), Base64Url.encode(m1), ""));
        ctx.threads.send(() -> ctx.link.client().sendText(request));
    }

    @Override
    public void onHandshake(String from, ObjectNode body) {
        if (!from.equals(code.senderId()) || isTerminal()) {
            return;
        }
        ReceiverHandshake hs;
        synchronized (lock) {
            hs = pending;
        }
        if (hs == null) {
            return;
        }
        if (body.hasNonNull("error")) {
            if (!everPaired) {
                String hint = ForeignText.printable(body.path("error").asText(), 40);
                fail(new TransferException(
                        FailureCode.HANDSHAKE_FAILED,
                        incompatible(body.path("error").asText())
                                ? "the sender runs an incompatible QRBeam version (" + hint
                                        + "); update QRBeam on both computers"
                                : "the sender could not verify this code (" + hint + ")"));
            }
            return;
        }
        byte[] m2 = Base64Url.decodeOrNull(body.path("data").asText(""));
        try {
            byte[] claim = hs.accept(m2);
            if (hs.mode() == ClaimMode.NEW) {
                state.claimed(true); // before the token leaves: from now on only proofs (docs/protocol-transfer.md §2)
            }
            claimSent = true;
            synchronized (lock) {
                if (pending != hs) {
                    return;
                }
                pending = null;
                claimSentAt = System.nanoTime();
                ctx.threads.send(() -> ctx.link.sendControl(code.senderId(), claim)); // first, before any other record
                controls = new ControlCodec(ctx.wire, new ControlCipher(hs.keys()));
                lastData = System.nanoTime();
            }
            intake.keys(hs.keys());
            LOG.debug("handshake with {} done; claim sent ({})", from, hs.mode());
        } catch (IOException e) {
            fail(new TransferException(FailureCode.IO, "could not record the pairing: " + e.getMessage(), e));
        } catch (HandshakeException e) {
            if (e.error() == HandshakeError.CODE_EXPIRED) {
                fail(new TransferException(FailureCode.CODE_EXPIRED, e.getMessage()));
            } else if (e.error() == HandshakeError.CODE_USED) {
                fail(new TransferException(FailureCode.CODE_ALREADY_USED, e.getMessage()));
            } else if (e.error() == HandshakeError.RESUME_UNKNOWN) {
                LOG.info("the sender never got this receiver's claim; pairing as new");
                claimSent = false;
                try {
                    state.claimed(false);
                } catch (IOException io) {
                    fail(new TransferException(
                            FailureCode.IO, "could not update the pairing state: " + io.getMessage(), io));
                    return;
                }
                handshake();
            } else {
                LOG.info("handshake failed: {}", e.getMessage());
                synchronized (lock) {
                    pending = null;
                }
                if (!everPaired) {
                    fail(new TransferException(FailureCode.HANDSHAKE_FAILED, e.getMessage()));
                }
            }
        }
    }

    /** An unauthenticated handshake hint that means "the other side speaks another handshake version". */
    private static boolean incompatible(String hint) {
        return HandshakeError.VERSION.code().equals(hint)
                || HandshakeError.MALFORMED.code().equals(hint);
    }

    // ---- relay events

    @Override
    public void onTransfer(String from, long chunkId, long chunkTotal, String chunkHash, ByteBuffer data) {
        if (!from.equals(code.senderId()) || isTerminal()) {
            return;
        }
        lastData = System.nanoTime();
        intake.chunk(chunkId, chunkTotal, chunkHash, data);
    }

    @Override
    public void onControl(String from, byte[] record) {
        ControlCodec c = controls;
        if (!from.equals(code.senderId()) || c == null || isTerminal()) {
            return;
        }
        Control m;
        try {
            m = c.open(record);
        } catch (RecordException | IOException e) {
            LOG.debug("dropping a control record: {}", e.getMessage());
            return;
        }
        lastData = System.nanoTime();
        admitted = true; // the sender speaks under these keys only after it decided on our claim
        everPaired = true;
        unansweredStalls = 0;
        if (onEndingControl(m)) {
            return;
        }
        switch (m.kind()) {
            case MANIFEST -> intake.manifestPart(m);
            case SYNC -> {
                if (m.epoch() != null) {
                    intake.resume(m.epoch());
                }
            }
            case ADMITTED -> LOG.debug("admitted by the sender");
            case REFUSED ->
                fail(
                        "code-expired".equals(m.code())
                                ? new TransferException(
                                        FailureCode.CODE_EXPIRED,
                                        "The pairing code has expired; ask the sender for a new one")
                                : new TransferException(
                                        FailureCode.CODE_ALREADY_USED,
                                        "This pairing code was already used by another receiver"));
            case REPLACED ->
                finish(
                        TransferState.FAILED,
                        new TransferFailure(
                                FailureCode.PEER_GONE,
                                "the sender continued this transfer with another connection of this receiver (a second copy resumed it)"),
                        false);
            case RECEIVE ->
                fail(
                        new TransferException(
                                FailureCode.PROTOCOL,
                                "this code belongs to a computer that"
                                        + " waits to receive files (from a phone); it has nothing to send. Send to it from the phone's page"));
            default -> LOG.debug("ignoring control {}", m.type());
        }
    }

    @Override
    public void onError(String errorCode, String message) {
        LOG.debug("relay error {}: {}", ForeignText.printable(errorCode, 40), ForeignText.printable(message));
        if (("unknown-target".equals(errorCode) || "peer-gone".equals(errorCode))
                && !everPaired
                && ++senderMissing >= 2) {
            fail(new TransferException(
                    FailureCode.PEER_GONE,
                    "no sender is waiting for this code (it expired, was cancelled, or the sender closed)"));
        }
    }

    @Override
    public void onConnected(String ownId, boolean resumed) {
        if (!isTerminal()) {
            handshake();
        }
    }

    @Override
    public void onDisconnected(String reason) {
        LOG.info("relay connection lost ({}); reconnecting", ForeignText.printable(reason));
        controls = null;
        intake.keys(null);
    }

    /** No pairing under way or done: the handshake or the claim got no answer in time, or the keys are gone. */
    private boolean handshakeDue(long now) {
        synchronized (lock) {
            if (pending != null) {
                return now - handshakeSentAt > HANDSHAKE_RETRY_NANOS;
            }
            return controls == null || !admitted && now - claimSentAt > HANDSHAKE_RETRY_NANOS;
        }
    }

    private void housekeeping() {
        if (!tick()) {
            // Lingering for BYE after completion: a DONE lost with a dropped connection reaches the sender only through
            // a new pairing, so a handshake that got no answer (the sender was still reconnecting: peer-gone) is tried
            // again here too. Without it the receiver lingered 30 s unpaired and the sender never heard DONE
            // (LingerAfterDoneTest, about 1 in 5 runs under load).
            if (completedAt != 0
                    && !isTerminal()
                    && handshakeDue(System.nanoTime())
                    && ctx.link.client().isConnected()) {
                handshake();
            }
            return;
        }
        long now = System.nanoTime();
        boolean giveUp;
        synchronized (lock) {
            giveUp = pending != null && !everPaired && now - startedAt > FIRST_PAIRING_NANOS;
        }
        boolean retry = handshakeDue(now);
        if (giveUp) {
            fail(new TransferException(
                    FailureCode.PEER_GONE,
                    "no sender answered for this code (it may have expired or the sender closed)"));
            return;
        }
        if (silenceCheck(now)) {
            return;
        }
        if (retry && ctx.link.client().isConnected()) {
            handshake();
            return;
        }
        if (stallCheck(now)) {
            if (++unansweredStalls > MAX_UNANSWERED_STALLS && ctx.link.client().isConnected()) {
                LOG.info("the sender left {} stalls unanswered; handshaking again", MAX_UNANSWERED_STALLS);
                handshake();
                return;
            }
            sendControl(Control.of(ControlType.STALLED));
        }
    }
}
