package dev.qrbeam.core.receive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qrbeam.core.api.CodeHandle;
import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.TransferException;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.control.Control;
import dev.qrbeam.core.control.ControlCodec;
import dev.qrbeam.core.control.ControlType;
import dev.qrbeam.core.relay.AdvertisedLimits;
import dev.qrbeam.core.session.SessionContext;
import dev.qrbeam.protocol.chunk.ChunkSizing;
import dev.qrbeam.protocol.chunk.Pieces;
import dev.qrbeam.protocol.crypto.ControlCipher;
import dev.qrbeam.protocol.crypto.HandshakeException;
import dev.qrbeam.protocol.crypto.RecordException;
import dev.qrbeam.protocol.crypto.RecordSuite;
import dev.qrbeam.protocol.crypto.SenderHandshake;
import dev.qrbeam.protocol.message.ForeignText;
import dev.qrbeam.protocol.pairing.Base64Url;
import dev.qrbeam.protocol.pairing.PairingCode;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A code-less receive (docs/protocol-transfer.md §6b): this side shows the code and is the Noise responder and
 * gate keeper ({@link ClaimDesk}) exactly like a sender, but after admitting the scanner's claim it says
 * {@code {"type":"receive","chunksize":N}}; the scanner (a phone's page) then sends manifest and chunks, which the
 * {@link ChunkIntake} verifies and stores as for any receive, asking for ChaCha20-Poly1305 chunks (the scanner is a
 * browser). A scanner that comes back (page reloaded, screen unlocked) handshakes again as resuming, gets the
 * missing ranges and continues. Relay callbacks arrive on the relay reader thread; sends go through the control
 * thread.
 */
public final class ShowCodeReceiveSession extends IntakeSession implements CodeHandle {
    private static final Logger LOG = LoggerFactory.getLogger(ShowCodeReceiveSession.class);

    private final PairingCode code;
    private final ClaimDesk desk;
    private final int chunkSize;
    private volatile String peer;
    private long offerSentAt;
    private int offerAttempts;

    /**
     * @param code the code to show (this relay connection's id is its sender id)
     * @param desk the gate keeping of that code
     */
    ShowCodeReceiveSession(SessionContext ctx, PairingCode code, ClaimDesk desk, Path destination) {
        super(ctx, ReceiveState.of(ctx.config.stateDir(), code.senderId(), destination));
        this.code = code;
        this.desk = desk;
        this.chunkSize = chunkSize(ctx);
        this.intake = new ChunkIntake(
                ctx,
                this,
                destination,
                state.storeDir(),
                new ChunkIntake.Terms(RecordSuite.CHACHA20_POLY1305, chunkSize, Pieces.GRANULE));
    }

    /** Creates the session for {@code code} on its relay link; call {@link #start()} once the link routes to it. */
    public static ShowCodeReceiveSession create(
            SessionContext ctx,
            PairingCode code,
            dev.qrbeam.protocol.crypto.ReceiverGate gate,
            Path destination,
            java.security.SecureRandom random) {
        return new ShowCodeReceiveSession(ctx, code, new ClaimDesk(code, gate, random), destination);
    }

    /** The relay's chunk size (binary frames or text), capped by the configured one. */
    private static int chunkSize(SessionContext ctx) {
        AdvertisedLimits l = ctx.link.limits();
        int fits = ChunkSizing.choose(l.binary(), l.maxBinaryBytes(), l.maxTextBytes(), l.maxFrameBytes());
        return ctx.config.chunkSize() > 0 ? Math.min(ctx.config.chunkSize(), fits) : fits;
    }

    public void start() {
        if (isTerminal()) {
            return; // the relay client gave up before the session was attached (PeerLink#handler told it)
        }
        ctx.threads.progress.state(TransferState.WAITING);
        ctx.threads.timer.scheduleAtFixedRate(this::housekeeping, 100, 100, TimeUnit.MILLISECONDS);
    }

    @Override
    String peer() {
        return peer;
    }

    @Override
    String peerName() {
        return "phone";
    }

    // ---- CodeHandle

    @Override
    public String pairingCode() {
        return code.format();
    }

    @Override
    public Instant expiresAt() {
        return desk.gate().expiresAt();
    }

    @Override
    public URI relay() {
        return ctx.link.client().uri();
    }

    // ---- handshake and claim

    @Override
    public void onRequest(String from, String qrhash, String message) {
        byte[] m1 = Base64Url.decodeOrNull(qrhash);
        if (isTerminal() || m1 == null) {
            return;
        }
        ObjectNode body = ctx.link.newBody();
        try {
            body.put("data", Base64Url.encode(desk.answer(from, m1)));
        } catch (HandshakeException e) {
            LOG.info("handshake from {} failed: {}", from, e.getMessage());
            body.put("error", e.error().code());
        }
        ctx.threads.send(() -> ctx.link.sendHandshake(from, body));
    }

    /** The claim of a connection that completed a handshake: admit it as the (new) peer, or refuse it. */
    private void onClaim(String from, ClaimDesk.Verdict v) {
        ControlCodec c = new ControlCodec(ctx.wire, new ControlCipher(v.keys()));
        if (!v.admitted()) {
            if (v.admission() != null) {
                String why = SenderHandshake.refusalFor(v.admission()).code();
                LOG.info("refusing scanner {}: {}", from, why);
                ctx.threads.send(
                        () -> ctx.link.sendControl(from, c.seal(Control.failure(ControlType.REFUSED, why, null))));
            }
            return;
        }
        String old;
        ControlCodec oldControls;
        intake.keys(v.keys()); // not under lock: the intake calls into the session holding its own monitor
        synchronized (lock) {
            old = peer;
            oldControls = controls;
            peer = from;
            controls = c;
            admitted = true;
            offerSentAt = System.nanoTime();
            offerAttempts = 0;
            lastData = System.nanoTime();
        }
        if (old != null && !old.equals(from) && oldControls != null) {
            LOG.info("the scanner resumed on {}; telling the replaced connection {}", from, old);
            ctx.threads.send(() -> ctx.link.sendControl(old, oldControls.seal(Control.of(ControlType.REPLACED))));
        }
        if (ctx.threads.progress.state() == TransferState.WAITING) {
            ctx.threads.progress.state(TransferState.PAIRING);
        }
        ctx.threads.send(() -> ctx.link.sendControl(from, c.seal(Control.of(ControlType.ADMITTED))));
        if (completedAt != 0) {
            sendControl(Control.of(ControlType.DONE));
        } else {
            sendControl(Control.receive(chunkSize));
        }
    }

    // ---- relay events

    @Override
    public void onControl(String from, byte[] record) {
        if (isTerminal()) {
            return;
        }
        ClaimDesk.Verdict v = desk.claim(from, record);
        if (v != null) {
            onClaim(from, v);
            return;
        }
        ControlCodec c = controls;
        if (c == null || !from.equals(peer)) {
            return;
        }
        Control m;
        try {
            m = c.open(record);
        } catch (RecordException | IOException e) {
            LOG.debug("dropping a control record from {}: {}", from, e.getMessage());
            return;
        }
        lastData = System.nanoTime();
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
            default -> LOG.debug("ignoring control {}", m.type());
        }
    }

    @Override
    public void onTransfer(String from, long chunkId, long chunkTotal, String chunkHash, ByteBuffer data) {
        if (from.equals(peer) && !isTerminal()) {
            lastData = System.nanoTime();
            intake.chunk(chunkId, chunkTotal, chunkHash, data);
        }
    }

    @Override
    public void onHandshake(String from, ObjectNode body) {
        LOG.debug("ignoring a Handshake sent to the code's owner by {}", from);
    }

    @Override
    public void onError(String errorCode, String message) {
        LOG.debug("relay error {}: {}", ForeignText.printable(errorCode, 40), ForeignText.printable(message));
    }

    @Override
    public void onConnected(String ownId, boolean resumed) {
        if (!resumed && !ownId.equals(code.senderId())) {
            fail(new TransferException(
                    FailureCode.RELAY_UNREACHABLE,
                    "the relay forgot this code (it restarted without its key); start a new receive"));
        }
    }

    @Override
    public void onDisconnected(String reason) {
        LOG.info("relay connection lost ({}); reconnecting", ForeignText.printable(reason));
    }

    /** A code-less receive cannot be resumed under a new code: whatever way it ends, its .part files go. */
    @Override
    void finish(TransferState terminal, dev.qrbeam.core.api.TransferFailure why, boolean discard) {
        super.finish(terminal, why, true);
    }

    // ---- timer

    private void housekeeping() {
        if (!tick()) {
            return;
        }
        long now = System.nanoTime();
        boolean offer = false;
        boolean manifest = intake.hasManifest(); // not under lock (lock order: intake, then session)
        synchronized (lock) {
            if (peer == null) {
                if (Instant.now().isAfter(desk.gate().expiresAt())
                        && desk.gate().pairedToken().isEmpty()) {
                    fail(new TransferException(FailureCode.CODE_EXPIRED, "nobody used the code before it expired"));
                }
                return;
            }
            if (!manifest) { // the offer (or the manifest answering it) was lost: offer again
                long wait = Math.min(15_000L, 1000L << Math.min(offerAttempts, 4)) * 1_000_000L;
                if (now - offerSentAt > wait) {
                    offer = true;
                    offerSentAt = now;
                    offerAttempts++;
                }
            }
        }
        if (silenceCheck(now)) {
            return;
        }
        if (offer) {
            sendControl(Control.receive(chunkSize));
        } else if (stallCheck(now)) {
            sendControl(Control.of(ControlType.STALLED));
        }
    }
}
