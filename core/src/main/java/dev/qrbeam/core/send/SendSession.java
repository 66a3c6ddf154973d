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
import dev.qrbeam.core.link.PeerLink;
import dev.qrbeam.core.session.SessionContext;
import dev.qrbeam.core.session.SessionThreads;
import dev.qrbeam.protocol.chunk.ChunkException;
import dev.qrbeam.protocol.chunk.MissingIds;
import dev.qrbeam.protocol.crypto.RecordException;
import dev.qrbeam.protocol.crypto.RecordSuite;
import dev.qrbeam.protocol.crypto.SessionKeys;
import dev.qrbeam.protocol.message.ForeignText;
import dev.qrbeam.protocol.pairing.PairingCode;
import dev.qrbeam.protocol.crypto.ReceiverGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The sender's side of one transfer: its {@link ReceiverAdmission} answers each handshake and admits exactly one
 * receiver on its claim before the session switches peers ({@link #switchPeer}); it sends the manifest, and
 * lets the {@link SendPump} stream what the receiver's {@code resume} and {@code Acknowledge} ask for. Relay
 * callbacks arrive on the relay reader thread and never block on sends: replies go through the
 * {@link SessionContext}'s control thread.
 */
public final class SendSession implements PeerHandler, SendHandle {
    private static final Logger LOG = LoggerFactory.getLogger(SendSession.class);

    private final SessionContext ctx;
    private final PairingCode code;
    private final ReceiverGate gate;
    private final SendSessionState saved;
    private final Object lock = new Object();
    private final SendPump pump;
    private final ReceiverAdmission admission;

    // guarded by lock
    private String peer;
    private SessionKeys keys;
    private ControlCodec controls;
    private int generation;
    private RecordSuite suite = RecordSuite.AES_256_GCM;
    private volatile DirectOffers direct;
    private boolean doneReceived;
    private boolean suiteFixed;
    private long epoch;
    private boolean awaitingResume;
    /** A resume arrived under the current keys, i.e. the receiver holds this session's manifest. */
    private boolean manifestAnswered;
    private long syncSentAt;
    private int syncAttempts;
    private long lastPeerActivity = System.nanoTime();
    private final List<java.nio.file.Path> sources;

    /**
     * @param sources files and folders to send (ignored when {@code saved} already holds a snapshot)
     * @param saved persisted session state (new or loaded for a restart)
     */
    public SendSession(SessionContext ctx, PairingCode code, ReceiverGate gate, SecureRandom random,
                       SendSessionState saved, List<java.nio.file.Path> sources) {
        this.sources = List.copyOf(sources);
        this.ctx = ctx;
        this.code = code;
        this.gate = gate;
        this.saved = saved;
        this.pump = new SendPump(ctx, this);
        this.admission = new ReceiverAdmission(this, gate, random);
    }

    public void start() {
        pump.start();
        ctx.threads.timer.scheduleAtFixedRate(this::housekeeping, 200, 200, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Enables "Download directly" for phone pages paired through the sender's built-in relay. */
    public void directDownloads(DirectOffers offers) {
        this.direct = offers;
    }

    List<java.nio.file.Path> sources() {
        return sources;
    }

    Object lock() {
        return lock;
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
        ControlCodec c;
        String to;
        synchronized (lock) {
            c = controls;
            to = peer;
        }
        if (c != null && to != null) {
            ctx.threads.send(() -> ctx.link.sendControl(to, c.seal(
                    Control.failure(ControlType.CANCEL, FailureCode.CANCELLED_BY_PEER.name(), "the sender cancelled"))));
        }
        finish(TransferState.CANCELLED, new TransferFailure(FailureCode.CANCELLED_LOCALLY, "cancelled"));
    }

    // ---- pump interface

    /** The current session keys and peer, or null while unpaired. */
    Paired paired() {
        synchronized (lock) {
            return keys == null ? null : new Paired(peer, keys, generation, suite);
        }
    }

    /** Session snapshot the pump encrypts with; {@code suite}: the chunk AEAD the receiver asked for. */
    record Paired(String peer, SessionKeys keys, int generation, RecordSuite suite) {
    }

    boolean awaitingResume() {
        return awaitingResume;
    }

    boolean isTerminal() {
        return ctx.threads.progress.state().isTerminal();
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

    /**
     * Makes the admitted receiver {@code from} (its handshake {@code k}, its relay {@code via}) the session's peer:
     * new keys and epoch, the manifest is the next question. Returns what the replaced peer needs to be told.
     */
    ReceiverAdmission.Switch switchPeer(String from, SessionKeys k, ControlCodec c,
                                        dev.qrbeam.core.relay.RelayClient via) {
        synchronized (lock) {
            ReceiverAdmission.Switch old = new ReceiverAdmission.Switch(peer, controls, ctx.link.client(), ++epoch);
            ctx.link.attach(via);
            peer = from;
            keys = k;
            controls = c;
            generation++;
            suite = RecordSuite.AES_256_GCM;
            suiteFixed = false;
            awaitingResume = true;
            manifestAnswered = false;
            syncSentAt = System.nanoTime();
            syncAttempts = 0;
            lastPeerActivity = System.nanoTime();
            lock.notifyAll();
            return old;
        }
    }

    SendPump pump() {
        return pump;
    }

    DirectOffers direct() {
        return direct;
    }

    SessionContext ctx() {
        return ctx;
    }

    @Override
    public void onControl(String from, byte[] record) {
        if (admission.onClaim(from, record)) {
            return;
        }
        ControlCodec c;
        synchronized (lock) {
            if (!from.equals(peer) || controls == null) {
                return;
            }
            c = controls;
        }
        Control m;
        try {
            m = c.open(record);
        } catch (RecordException | IOException e) {
            LOG.debug("dropping a control record from {}: {}", from, e.getMessage());
            return;
        }
        synchronized (lock) {
            lastPeerActivity = System.nanoTime();
        }
        switch (m.kind()) {
            case RESUME -> onResume(m);
            case PROGRESS -> {
                synchronized (lock) {
                    if (m.chunk() != null) {
                        pump.plan().reached(m.chunk());
                    }
                    lock.notifyAll();
                }
            }
            case STALLED -> requestSync();
            case DONE -> {
                ctx.threads.send(() -> ctx.link.sendControl(from, c.seal(Control.of(ControlType.BYE))));
                DirectOffers d = direct;
                synchronized (lock) {
                    doneReceived = true;
                }
                if (d == null || d.running() == 0) {
                    finish(TransferState.DONE, null);
                } // else: the phone's direct downloads still run; the last one to finish ends the send
            }
            case DIRECT -> onDirect(from, c, m);
            case CANCEL -> finish(TransferState.CANCELLED,
                    new TransferFailure(FailureCode.CANCELLED_BY_PEER, "the receiver cancelled"));
            case FAILURE -> finish(TransferState.FAILED, PeerFailure.of("receiver", m));
            default -> LOG.debug("ignoring control {}", m.type());
        }
    }

    /** The phone page asks to download file {@code index} directly from the built-in relay. */
    private void onDirect(String from, ControlCodec c, Control m) {
        DirectOffers d = direct;
        Integer index = m.index();
        SourceFile f = index == null ? null : pump.file(index);
        if (d == null || f == null || !d.available(ctx.link.client())) {
            return;
        }
        int i = index;
        String path = d.offer(f, bytes -> {
            ctx.threads.progress.fileBytes(i, bytes);
            synchronized (lock) {
                lastPeerActivity = System.nanoTime();
            }
        }, () -> {
            boolean end;
            synchronized (lock) {
                end = doneReceived && d.running() == 0;
            }
            if (end) {
                finish(TransferState.DONE, null);
            }
        });
        LOG.info("file {} offered for direct download (not end-to-end encrypted) to {}", i, from);
        ctx.threads.send(() -> ctx.link.sendControl(from, c.seal(Control.direct(i, path))));
    }

    private void onResume(Control m) {
        synchronized (lock) {
            if (m.epoch() == null || m.epoch() != epoch || !awaitingResume) {
                return;
            }
            if (!suiteFixed) { // the session's first resume decides, before any chunk of this session is sent
                RecordSuite asked = RecordSuite.fromWire(m.suite());
                suite = asked == null ? RecordSuite.AES_256_GCM : asked;
                suiteFixed = true;
            }
            pump.plan().reset(m.missing() == null ? List.of() : m.missing(), Boolean.TRUE.equals(m.truncated()));
            awaitingResume = false;
            manifestAnswered = true;
            syncAttempts = 0;
            lock.notifyAll();
        }
        ctx.threads.progress.state(TransferState.TRANSFERRING);
    }

    @Override
    public void onAcknowledge(String from, boolean success, List<Long> missingChunkIds) {
        int worst;
        synchronized (lock) {
            if (!from.equals(peer) || pump.layout() == null) {
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
            lastPeerActivity = System.nanoTime();
            lock.notifyAll();
        }
        if (worst > ctx.config.maxResends()) {
            fail(new TransferException(FailureCode.RETRIES_EXHAUSTED,
                    "a chunk was requested again " + worst + " times; giving up"));
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
            fail(new TransferException(FailureCode.RELAY_UNREACHABLE,
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

    /**
     * Pauses data and asks the receiver what it lacks (after a reconnect, a stall, or running out of work). Until the
     * receiver has answered under the current keys, the question is the manifest itself, sent again: a manifest
     * lost on a corrupting link was never re-sent, and a receiver without it cannot use any chunk (measured: a
     * 120 s stall of DisconnectTest, data flowing into a receiver that dropped it).
     */
    void requestSync() {
        ControlCodec c;
        String to;
        long e;
        boolean manifest;
        synchronized (lock) {
            if (controls == null || isTerminal() || !manifestAnswered && !pump.manifestReady().isDone()) {
                return; // still hashing: the manifest queued at pairing goes out when it is ready
            }
            c = controls;
            to = peer;
            e = ++epoch;
            awaitingResume = true;
            syncSentAt = System.nanoTime();
            syncAttempts++;
            manifest = !manifestAnswered;
        }
        if (manifest) {
            ctx.threads.send(() -> pump.sendManifest(to, c, e));
        } else {
            ctx.threads.send(() -> ctx.link.sendControl(to, c.seal(Control.sync(e))));
        }
    }

    private void housekeeping() {
        if (isTerminal()) {
            return;
        }
        long now = System.nanoTime();
        boolean sync = false;
        synchronized (lock) {
            if (keys == null) {
                if (Instant.now().isAfter(gate.expiresAt()) && gate.pairedToken().isEmpty()) {
                    fail(new TransferException(FailureCode.CODE_EXPIRED, "nobody used the code before it expired"));
                }
                return;
            }
            if (now - lastPeerActivity > ctx.config.peerTimeout().toNanos()) {
                fail(new TransferException(FailureCode.PEER_GONE, "the receiver has not answered for "
                        + ctx.config.peerTimeout().toMinutes() + " min"));
                return;
            }
            if (awaitingResume) {
                long wait = Math.min(15_000L, 1000L << Math.min(syncAttempts, 4)) * 1_000_000L;
                sync = now - syncSentAt > wait;
            } else if ((!pump.plan().hasWork() || !pump.plan().windowOpen()) && now - pump.lastSend() > 2_000_000_000L
                    && now - syncSentAt > 2_000_000_000L) {
                sync = true;
            }
        }
        if (sync) {
            requestSync();
        }
    }

    void fail(TransferException e) {
        LOG.debug("send failed", e);
        ControlCodec c;
        String to;
        synchronized (lock) {
            c = controls;
            to = peer;
        }
        if (c != null && to != null && e.code() != FailureCode.RELAY_UNREACHABLE) {
            ctx.threads.send(() -> ctx.link.sendControl(to, c.seal(
                    Control.failure(ControlType.FAILURE, e.code().name(), e.getMessage()))));
        }
        finish(TransferState.FAILED, e.toFailure());
    }

    private void finish(TransferState terminal, TransferFailure why) {
        if (isTerminal()) {
            return;
        }
        DirectOffers d = direct;
        if (d != null) {
            d.revokeAll();
        }
        if (terminal == TransferState.DONE) {
            ctx.threads.progress.state(TransferState.DONE);
            try {
                saved.delete();
            } catch (IOException e) {
                LOG.debug("could not delete send state: {}", e.getMessage());
            }
        } else {
            ctx.threads.end(terminal, why);
            if (terminal == TransferState.CANCELLED) {
                try {
                    saved.delete();
                } catch (IOException e) {
                    LOG.debug("could not delete send state: {}", e.getMessage());
                }
            }
        }
        synchronized (lock) {
            lock.notifyAll();
        }
        SessionThreads.daemon(ctx::close, "qrbeam-send-close").start();
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
