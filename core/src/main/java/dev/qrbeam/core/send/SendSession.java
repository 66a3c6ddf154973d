package dev.qrbeam.core.send;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.SendHandle;
import dev.qrbeam.core.api.TransferException;
import dev.qrbeam.core.api.TransferFailure;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.control.Control;
import dev.qrbeam.core.control.ControlCodec;
import dev.qrbeam.core.control.ControlType;
import dev.qrbeam.core.control.PeerFailure;
import dev.qrbeam.core.link.PeerHandler;
import dev.qrbeam.core.session.SessionContext;
import dev.qrbeam.protocol.chunk.ChunkException;
import dev.qrbeam.protocol.chunk.MissingIds;
import dev.qrbeam.protocol.chunk.Pieces;
import dev.qrbeam.protocol.crypto.ReceiverGate;
import dev.qrbeam.protocol.crypto.RecordException;
import dev.qrbeam.protocol.message.ForeignText;
import dev.qrbeam.protocol.pairing.PairingCode;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender's side of one transfer: its {@link ReceiverAdmission} answers each handshake and admits exactly one
 * receiver on its claim before the {@link SendPeer} switches to it; it sends the manifest, and lets the
 * {@link SendPump} stream what the receiver's {@code resume} and {@code Acknowledge} ask for; "Download directly"
 * is {@link DirectHandling}'s, the end {@link SendEnding}'s. Relay callbacks arrive on the relay reader thread and
 * never block on sends: replies go through the {@link SessionContext}'s control thread.
 */
public final class SendSession implements PeerHandler, SendHandle {
    private static final Logger LOG = LoggerFactory.getLogger(SendSession.class);

    private final SessionContext ctx;
    private final PairingCode code;
    private final ReceiverGate gate;
    private final SendSessionState saved;
    private final SendPump pump;
    private final SendPeer peer;
    private final DirectHandling direct;
    private final SendEnding ending;
    private final ReceiverAdmission admission;
    private final List<java.nio.file.Path> sources;

    /**
     * @param sources files and folders to send (ignored when {@code saved} already holds a snapshot)
     * @param saved persisted session state (new or loaded for a restart)
     */
    public SendSession(
            SessionContext ctx,
            PairingCode code,
            ReceiverGate gate,
            SecureRandom random,
            SendSessionState saved,
            List<java.nio.file.Path> sources) {
        this.sources = List.copyOf(sources);
        this.ctx = ctx;
        this.code = code;
        this.gate = gate;
        this.saved = saved;
        this.pump = new SendPump(ctx, this);
        this.peer = new SendPeer(ctx, pump);
        this.direct = new DirectHandling(ctx, peer, pump, this::finishDone);
        this.ending = new SendEnding(ctx, peer, direct, saved);
        this.admission = new ReceiverAdmission(this, peer, gate, random);
    }

    public void start() {
        pump.start();
        ctx.threads.timer.scheduleAtFixedRate(this::housekeeping, 200, 200, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Enables "Download directly" for phone pages paired through the sender's built-in relay. */
    public void directDownloads(DirectOffers offers) {
        direct.offers(offers);
    }

    List<java.nio.file.Path> sources() {
        return sources;
    }

    /** The {@link SendPeer}'s lock, which guards the send plan too; the pump waits on it. */
    Object lock() {
        return peer.lock();
    }

    // ---- SendHandle

    @Override
    public String pairingCode() {
        return code.format();
    }

    @Override
    public Instant expiresAt() {
        return gate.expiresAt();
    }

    /** The relay client messages to the receiver go out through. */
    dev.qrbeam.core.relay.RelayClient outbound() {
        return ctx.link.client();
    }

    @Override
    public URI relay() {
        return ctx.link.client().uri();
    }

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
        ending.cancel();
    }

    // ---- pump interface

    /** The current session keys and peer, or null while unpaired. */
    SendPeer.Paired paired() {
        return peer.paired();
    }

    boolean awaitingResume() {
        return peer.awaitingResume();
    }

    boolean isTerminal() {
        return ending.isTerminal();
    }

    // ---- relay events (reader thread)

    @Override
    public void onRequest(String from, String qrhash, String message) {
        admission.onRequest(code, ctx.link.client(), from, qrhash);
    }

    /** A receiver's Request that arrived on the relay {@code via} whose code identity is {@code identity}. */
    void onRequest(PairingCode identity, dev.qrbeam.core.relay.RelayClient via, String from, String qrhash) {
        admission.onRequest(identity, via, from, qrhash);
    }

    SendPump pump() {
        return pump;
    }

    DirectOffers direct() {
        return direct.offers();
    }

    SessionContext ctx() {
        return ctx;
    }

    @Override
    public void onControl(String from, byte[] record) {
        if (admission.onClaim(from, record)) {
            return;
        }
        ControlCodec c = peer.controlsOf(from);
        if (c == null) {
            return;
        }
        Control m;
        try {
            m = c.open(record);
        } catch (RecordException | IOException e) {
            LOG.debug("dropping a control record from {}: {}", from, e.getMessage());
            return;
        }
        peer.touch();
        switch (m.kind()) {
            case RESUME -> onResume(m);
            case PROGRESS -> {
                synchronized (peer.lock()) {
                    if (m.chunk() != null) {
                        pump.plan().reached(m.chunk());
                    }
                    peer.lock().notifyAll();
                }
            }
            case STALLED -> requestSync();
            case HAVE -> onHave(m);
            case DONE -> {
                ctx.threads.send(() -> ctx.link.sendControl(from, c.seal(Control.of(ControlType.BYE))));
                direct.onDone();
            }
            case DIRECT -> direct.onDirect(from, c, m);
            case CANCEL ->
                ending.finish(
                        TransferState.CANCELLED,
                        new TransferFailure(FailureCode.CANCELLED_BY_PEER, "the receiver cancelled"));
            case FAILURE -> ending.finish(TransferState.FAILED, PeerFailure.of("receiver", m));
            default -> LOG.debug("ignoring control {}", m.type());
        }
    }

    /**
     * The receiver's {@code have} hint: which granules of a chunk it holds, so only the rest is sent. Bounded by the
     * smallest granule any receiver may declare; anything malformed is ignored ({@code bad-have}).
     */
    private void onHave(Control m) {
        synchronized (peer.lock()) {
            var layout = pump.layout();
            if (layout == null
                    || pump.plan() == null
                    || m.chunk() == null
                    || m.chunk() < 0
                    || m.chunk() >= layout.chunkTotal()) {
                LOG.info("ignoring a have hint for chunk {}", m.chunk());
                return;
            }
            try {
                BitSet have = Pieces.decodeHave(m.data(), layout.ref(m.chunk()).length(), Pieces.LOWEST_GRANULE);
                pump.plan().pieces().hint(m.chunk(), have);
            } catch (ChunkException e) {
                LOG.info("ignoring a have hint ({}): {}", e.code(), e.getMessage());
            }
        }
    }

    private void onResume(Control m) {
        if (peer.resume(m)) {
            ctx.threads.progress.state(TransferState.TRANSFERRING);
        }
    }

    @Override
    public void onAcknowledge(String from, boolean success, List<Long> missingChunkIds) {
        int worst;
        Object lock = peer.lock();
        synchronized (lock) {
            if (!peer.is(from) || pump.layout() == null) {
                return;
            }
            long[] ids;
            try {
                ids = MissingIds.validate(missingChunkIds, pump.layout().chunkTotal());
            } catch (ChunkException e) {
                LOG.info("ignoring a bad Acknowledge: {}", e.getMessage());
                return;
            }
            worst = pump.plan().request(ids);
            if (ids.length > 0) {
                pump.plan().pieces().rerequested();
            }
            peer.touch();
            lock.notifyAll();
        }
        if (worst > ctx.config.maxResends()) {
            fail(new TransferException(
                    FailureCode.RETRIES_EXHAUSTED, "a chunk was requested again " + worst + " times; giving up"));
        }
    }

    @Override
    public void onTransfer(String from, long chunkId, long chunkTotal, String chunkHash, ByteBuffer data) {
        LOG.debug("ignoring a Transfer sent to the sender by {}", from);
    }

    @Override
    public void onHandshake(String from, ObjectNode body) {
        LOG.debug("ignoring a Handshake sent to the sender by {}", from);
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
                    "the relay forgot this sender's id (restarted without its key); start a new transfer"));
            return;
        }
        saved.put("resumetoken", ctx.link.client().resumeToken());
        saveQuietly();
        requestSync();
    }

    @Override
    public void onDisconnected(String reason) {
        LOG.info("relay connection lost ({}); reconnecting", ForeignText.printable(reason));
    }

    @Override
    public void onClosed(String reason) {
        fail(new TransferException(FailureCode.RELAY_UNREACHABLE, reason));
    }

    // ---- sync, timers, end

    /** Pauses data and asks the receiver what it lacks: see {@link SendPeer#requestSync}. */
    void requestSync() {
        peer.requestSync();
    }

    private void housekeeping() {
        if (isTerminal()) {
            return;
        }
        long now = System.nanoTime();
        boolean sync;
        synchronized (peer.lock()) { // a failure is raised under the lock it was decided under
            switch (peer.due(now, ctx.config.peerTimeout())) {
                case UNPAIRED -> {
                    if (Instant.now().isAfter(gate.expiresAt())
                            && gate.pairedToken().isEmpty()) {
                        fail(new TransferException(FailureCode.CODE_EXPIRED, "nobody used the code before it expired"));
                    }
                    return;
                }
                case GONE -> {
                    fail(new TransferException(
                            FailureCode.PEER_GONE,
                            "the receiver has not answered for "
                                    + ctx.config.peerTimeout().toMinutes() + " min"));
                    return;
                }
                case SYNC -> sync = true;
                default -> sync = false;
            }
        }
        if (sync) {
            requestSync();
        }
    }

    void fail(TransferException e) {
        ending.fail(e);
    }

    private void finishDone() {
        ending.finish(TransferState.DONE, null);
    }

    void saveQuietly() {
        try {
            saved.save();
        } catch (IOException e) {
            LOG.warn("could not save send state: {}", e.getMessage());
        }
    }

    SendSessionState saved() {
        return saved;
    }
}
