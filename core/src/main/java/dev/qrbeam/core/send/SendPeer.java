package dev.qrbeam.core.send;

import dev.qrbeam.core.control.Control;
import dev.qrbeam.core.control.ControlCodec;
import dev.qrbeam.core.relay.RelayClient;
import dev.qrbeam.core.session.SessionContext;
import dev.qrbeam.protocol.crypto.RecordSuite;
import dev.qrbeam.protocol.crypto.SessionKeys;
import java.time.Duration;
import java.util.List;

/**
 * The current receiver of a send and its state machine: its keys and controls, the key generation, the chunk suite
 * and piece granule its first resume chose, the sync epoch, whether a resume is awaited, when it was last heard from. Owns the lock
 * the {@link SendPump} waits on: every change the pump may be waiting for notifies it. Thread-safe.
 */
final class SendPeer {
    private static final long IDLE_SYNC_NANOS = 2_000_000_000L;

    private final SessionContext ctx;
    private final SendPump pump;
    private final Object lock = new Object();

    // guarded by lock
    private String peer;
    private SessionKeys keys;
    private ControlCodec controls;
    private int generation;
    private RecordSuite suite = RecordSuite.AES_256_GCM;
    private boolean suiteFixed;
    private long epoch;
    private boolean awaitingResume;
    /** A resume arrived under the current keys, i.e. the receiver holds this session's manifest. */
    private boolean manifestAnswered;

    private long syncSentAt;
    private int syncAttempts;
    private long lastPeerActivity = System.nanoTime();

    SendPeer(SessionContext ctx, SendPump pump) {
        this.ctx = ctx;
        this.pump = pump;
    }

    /** The lock guarding this state and the send plan; the pump waits on it. */
    Object lock() {
        return lock;
    }

    /** Session snapshot the pump encrypts with; {@code suite}: the chunk AEAD the receiver asked for. */
    record Paired(String peer, SessionKeys keys, int generation, RecordSuite suite) {}

    /** Where control messages to the current receiver go, when there is one. */
    record Target(String peer, ControlCodec controls) {}

    /** What {@link SendPeer#due} finds on a housekeeping tick. */
    enum Due {
        UNPAIRED,
        GONE,
        SYNC,
        NOTHING
    }

    /** The current session keys and peer, or null while unpaired. */
    Paired paired() {
        synchronized (lock) {
            return keys == null ? null : new Paired(peer, keys, generation, suite);
        }
    }

    boolean awaitingResume() {
        return awaitingResume;
    }

    /** The current receiver and its controls, or null while there is none. */
    Target target() {
        synchronized (lock) {
            return controls == null || peer == null ? null : new Target(peer, controls);
        }
    }

    /** The controls of connection {@code from} if it is the current receiver, else null. */
    ControlCodec controlsOf(String from) {
        synchronized (lock) {
            return !from.equals(peer) || controls == null ? null : controls;
        }
    }

    /** Whether {@code from} is the current receiver. */
    boolean is(String from) {
        synchronized (lock) {
            return from.equals(peer);
        }
    }

    /** The receiver was heard from (or a direct download moved). */
    void touch() {
        synchronized (lock) {
            lastPeerActivity = System.nanoTime();
        }
    }

    /**
     * Makes the admitted receiver {@code from} (its handshake {@code k}, its relay {@code via}) the session's peer:
     * new keys and epoch, the manifest is the next question. Returns what the replaced peer needs to be told.
     */
    ReceiverAdmission.Switch switchPeer(String from, SessionKeys k, ControlCodec c, RelayClient via) {
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
            if (pump.plan() != null) {
                pump.plan().pieces().forgetHints();
            }
            syncSentAt = System.nanoTime();
            syncAttempts = 0;
            lastPeerActivity = System.nanoTime();
            lock.notifyAll();
            return old;
        }
    }

    /**
     * The receiver's {@code resume} {@code m}: if it answers the current epoch's question, the plan restarts from
     * what it lacks and data flows again. The session's first resume fixes the chunk suite and whether (and how
     * small) pieces may be sent ({@link PiecePlan#session}). Returns whether taken.
     */
    boolean resume(Control m) {
        synchronized (lock) {
            if (m.epoch() == null || m.epoch() != epoch || !awaitingResume) {
                return false;
            }
            if (!suiteFixed) { // the session's first resume decides, before any chunk of this session is sent
                RecordSuite asked = RecordSuite.fromWire(m.suite());
                suite = asked == null ? RecordSuite.AES_256_GCM : asked;
                suiteFixed = true;
                pump.plan().pieces().session(m.pieces() == null ? 0 : m.pieces());
            }
            pump.plan().reset(m.missing() == null ? List.of() : m.missing(), Boolean.TRUE.equals(m.truncated()));
            awaitingResume = false;
            manifestAnswered = true;
            syncAttempts = 0;
            lock.notifyAll();
            return true;
        }
    }

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
            if (controls == null
                    || ctx.threads.progress.state().isTerminal()
                    || !manifestAnswered && !pump.manifestReady().isDone()) {
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

    /**
     * What a housekeeping tick at {@code now} must do: nothing, wait for a pairing, give up on a receiver silent for
     * {@code peerTimeout}, or ask again (an unanswered question after a backoff of 1, 2, 4, 8, 15 s; or 2 s without
     * anything to send).
     */
    Due due(long now, Duration peerTimeout) {
        synchronized (lock) {
            if (keys == null) {
                return Due.UNPAIRED;
            }
            if (now - lastPeerActivity > peerTimeout.toNanos()) {
                return Due.GONE;
            }
            if (awaitingResume) {
                long wait = Math.min(15_000L, 1000L << Math.min(syncAttempts, 4)) * 1_000_000L;
                return now - syncSentAt > wait ? Due.SYNC : Due.NOTHING;
            } else if ((!pump.plan().hasWork() || !pump.plan().windowOpen())
                    && now - pump.lastSend() > IDLE_SYNC_NANOS
                    && now - syncSentAt > IDLE_SYNC_NANOS) {
                return Due.SYNC;
            }
            return Due.NOTHING;
        }
    }
}
