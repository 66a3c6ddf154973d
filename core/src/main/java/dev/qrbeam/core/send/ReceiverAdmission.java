package dev.qrbeam.core.send;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.control.Control;
import dev.qrbeam.core.control.ControlCodec;
import dev.qrbeam.core.control.ControlType;
import dev.qrbeam.core.relay.RelayClient;
import dev.qrbeam.core.session.PendingClaims;
import dev.qrbeam.core.session.SessionContext;
import dev.qrbeam.protocol.crypto.Admission;
import dev.qrbeam.protocol.crypto.ControlCipher;
import dev.qrbeam.protocol.crypto.HandshakeException;
import dev.qrbeam.protocol.crypto.ReceiverGate;
import dev.qrbeam.protocol.crypto.RecordException;
import dev.qrbeam.protocol.crypto.SenderHandshake;
import dev.qrbeam.protocol.crypto.SessionKeys;
import dev.qrbeam.protocol.pairing.Base64Url;
import dev.qrbeam.protocol.pairing.PairingCode;
import java.security.SecureRandom;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender's door: answers each receiver's handshake with fresh keys and admits exactly one receiver on its claim
 * (the {@link ReceiverGate}, via {@link SenderHandshake}) before the {@link SendPeer} switches to it
 * (protocol-transfer §2.2). Runs on relay reader threads; replies go through the control thread.
 */
final class ReceiverAdmission {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiverAdmission.class);

    private final SendSession session;
    private final SendPeer peer;
    private final SessionContext ctx;
    private final ReceiverGate gate;
    private final SecureRandom random;
    /** Handshakes answered but not yet claimed, by connection id; a few at most (oldest dropped). */
    private final PendingClaims<Pending> claims = new PendingClaims<>();

    ReceiverAdmission(SendSession session, SendPeer peer, ReceiverGate gate, SecureRandom random) {
        this.session = session;
        this.peer = peer;
        this.ctx = session.ctx();
        this.gate = gate;
        this.random = random;
    }

    /** What a peer switch replaced (to tell the old peer) and the new epoch. */
    record Switch(String oldPeer, ControlCodec oldControls, RelayClient oldVia, long epoch) {}

    /** An answered handshake waiting for its claim, and the relay it came through. */
    private record Pending(SenderHandshake hs, RelayClient via) {}

    /**
     * A receiver's handshake that arrived on the relay {@code via}, whose code identity is {@code identity} (the
     * code itself on the primary relay; the internet relay's base and sender id there). Replies go back through
     * {@code via}; an admitted receiver's relay becomes the session's outbound relay.
     */
    void onRequest(PairingCode identity, RelayClient via, String from, String qrhash) {
        if (session.isTerminal()) {
            return;
        }
        byte[] m1 = Base64Url.decodeOrNull(qrhash);
        if (m1 == null) {
            LOG.debug("ignoring a Request without a handshake from {}", from);
            return;
        }
        SenderHandshake hs = new SenderHandshake(identity, from, gate, random);
        SenderHandshake.Answer answer;
        try {
            answer = hs.answer(m1, Instant.now());
        } catch (HandshakeException e) {
            LOG.info("handshake from {} failed: {}", from, e.getMessage());
            ObjectNode body = ctx.link.newBody().put("error", e.error().code());
            ctx.threads.send(() -> ctx.link.sendHandshake(via, from, body));
            return;
        }
        if (answer.accepted()) {
            claims.put(from, new Pending(hs, via)); // nothing changes until its claim arrives (protocol-transfer §2.2)
        } else {
            LOG.info("refusing receiver {}: {}", from, answer.refusal().code());
        }
        ObjectNode body = ctx.link.newBody().put("data", Base64Url.encode(answer.message2()));
        ctx.threads.send(() -> ctx.link.sendHandshake(via, from, body));
    }

    /**
     * The first control record from a connection that completed a handshake: its claim. Returns false if there is
     * no pending handshake from {@code from}, or the record does not open under its keys (a late record of the
     * current session), to be handled as usual.
     */
    boolean onClaim(String from, byte[] record) {
        Pending pending = claims.get(from);
        if (pending == null) {
            return false;
        }
        SenderHandshake hs = pending.hs();
        Admission a;
        try {
            a = hs.admit(record, Instant.now());
        } catch (RecordException e) {
            return false;
        } catch (HandshakeException e) {
            LOG.info("dropping receiver {}: {}", from, e.getMessage());
            forget(from, pending);
            return true;
        }
        forget(from, pending);
        if (!a.admitted()) {
            LOG.info("refusing receiver {}: {}", from, a);
            ControlCodec refuse = new ControlCodec(ctx.wire, new ControlCipher(hs.keys()));
            String why = SenderHandshake.refusalFor(a).code();
            ctx.threads.send(() -> ctx.link.sendControl(
                    pending.via(), from, refuse.seal(Control.failure(ControlType.REFUSED, why, null))));
            return true;
        }
        admitted(from, hs, pending.via());
        return true;
    }

    private void admitted(String from, SenderHandshake hs, RelayClient via) {
        SessionKeys k = hs.keys();
        ControlCodec c = new ControlCodec(ctx.wire, new ControlCipher(k));
        Switch old = peer.switchPeer(from, k, c, via);
        long e = old.epoch();
        if (old.oldPeer() != null && !old.oldPeer().equals(from) && old.oldControls() != null) {
            LOG.info("receiver resumed on {}; telling the replaced connection {}", from, old.oldPeer());
            ctx.threads.send(() -> ctx.link.sendControl(
                    old.oldVia(), old.oldPeer(), old.oldControls().seal(Control.of(ControlType.REPLACED))));
        }
        hs.acceptedToken().ifPresent(token -> {
            session.saved().putBytes("pairedtoken", token);
            session.saveQuietly();
        });
        ctx.threads.progress.state(TransferState.PAIRING);
        ctx.threads.send(() -> ctx.link.sendControl(from, c.seal(Control.of(ControlType.ADMITTED))));
        DirectOffers d = session.direct();
        boolean offerDirect = d != null && d.available(via);
        SendPump pump = session.pump();
        // not before the scan is done: a blocked control thread would delay every other reply
        pump.manifestReady()
                .whenComplete((m, err) -> ctx.threads.send(() -> {
                    pump.sendManifest(from, c, e);
                    if (offerDirect) {
                        ctx.link.sendControl(from, c.seal(Control.of(ControlType.DIRECT)));
                    }
                }));
    }

    private void forget(String from, Pending pending) {
        claims.remove(from, pending);
    }
}
