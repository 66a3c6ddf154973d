package dev.qrbeam.core.receive;

import dev.qrbeam.core.session.PendingClaims;
import dev.qrbeam.protocol.crypto.Admission;
import dev.qrbeam.protocol.crypto.HandshakeException;
import dev.qrbeam.protocol.crypto.ReceiverGate;
import dev.qrbeam.protocol.crypto.RecordException;
import dev.qrbeam.protocol.crypto.SenderHandshake;
import dev.qrbeam.protocol.crypto.SessionKeys;
import dev.qrbeam.protocol.pairing.PairingCode;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * The gate keeping of the party that shows a code (Noise responder), for a code-less receive: answers each
 * handshake message 1 ({@link SenderHandshake}) and decides on the claim that follows through the one
 * {@link ReceiverGate} of the code — the rules of docs/protocol-transfer.md §2.2, unchanged. Holds at most
 * {@value PendingClaims#MAX} answered handshakes waiting for their claim (oldest dropped). Thread-safe.
 */
final class ClaimDesk {
    private final PairingCode code;
    private final ReceiverGate gate;
    private final SecureRandom random;
    private final PendingClaims<SenderHandshake> pending = new PendingClaims<>();

    ClaimDesk(PairingCode code, ReceiverGate gate, SecureRandom random) {
        this.code = code;
        this.gate = gate;
        this.random = random;
    }

    ReceiverGate gate() {
        return gate;
    }

    /**
     * Answers handshake message 1 from connection {@code from}: returns message 2 (an acceptance, or an
     * authenticated refusal such as code-used).
     *
     * @throws HandshakeException message 1 did not verify (wrong secret, ids or version): send its code as hint
     */
    synchronized byte[] answer(String from, byte[] message1) throws HandshakeException {
        SenderHandshake hs = new SenderHandshake(code, from, gate, random);
        SenderHandshake.Answer a = hs.answer(message1, Instant.now());
        if (a.accepted()) {
            pending.put(from, hs); // nothing changes until its claim arrives
        }
        return a.message2();
    }

    /**
     * The claim in {@code record} from {@code from}, or null when {@code from} has no answered handshake waiting or
     * the record does not open under it (a record of the current session, to be handled as usual).
     */
    synchronized Verdict claim(String from, byte[] record) {
        SenderHandshake hs = pending.get(from);
        if (hs == null) {
            return null;
        }
        try {
            Admission a = hs.admit(record, Instant.now());
            pending.remove(from);
            return new Verdict(a, hs.keys());
        } catch (RecordException e) {
            return null;
        } catch (HandshakeException e) {
            pending.remove(from);
            return new Verdict(null, hs.keys());
        }
    }

    /**
     * A decided claim: {@code admission} null for a malformed claim (dropped without an answer), else the gate's
     * decision; {@code keys} are that handshake's session keys.
     */
    record Verdict(Admission admission, SessionKeys keys) {
        boolean admitted() {
            return admission != null && admission.admitted();
        }
    }
}
