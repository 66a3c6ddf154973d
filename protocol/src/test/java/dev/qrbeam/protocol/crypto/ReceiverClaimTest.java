package dev.qrbeam.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.southernstorm.noise.protocol.HandshakeState;
import dev.qrbeam.protocol.pairing.PairingCode;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The claim exchange after the key exchange: who the sender admits, and that nothing sniffed helps anyone else. */
class ReceiverClaimTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String RECEIVER = HandshakeTest.RECEIVER;
    private static final String ATTACKER = HandshakeTest.OTHER;
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    /** One receiver attempt against {@code gate}: the sender's admission (or the thrown refusal). */
    private static Admission attempt(
            PairingCode code, String id, ReceiverGate gate, byte[] token, ClaimMode mode, Instant now)
            throws Exception {
        ReceiverHandshake r = new ReceiverHandshake(code, id, token, mode, RANDOM);
        SenderHandshake s = new SenderHandshake(code, id, gate, RANDOM);
        SenderHandshake.Answer answer = s.answer(r.message1(), now);
        byte[] claim = r.accept(answer.message2());
        return s.admit(claim, now);
    }

    @Test
    void sniffedTokenDoesNotAdmitSecondReceiver() throws Exception {
        PairingCode code = HandshakeTest.code();
        ReceiverGate gate = new ReceiverGate(T0, ReceiverGate.DEFAULT_TTL);
        byte[] token = ReceiverGate.newToken(RANDOM);

        // The real receiver pairs; a sniffer with the code records msg1, msg2 and the claim record.
        ReceiverHandshake real = new ReceiverHandshake(code, RECEIVER, token, ClaimMode.NEW, RANDOM);
        SenderHandshake sender = new SenderHandshake(code, RECEIVER, gate, RANDOM);
        byte[] m1 = real.message1();
        SenderHandshake.Answer answer = sender.answer(m1, T0);
        byte[] claim = real.accept(answer.message2());
        assertThat(sender.admit(claim, T0)).isEqualTo(Admission.ACCEPTED);

        // What the issue did: decrypt msg1's payload with the PSK (Noise responder with the code's PSK + prologue).
        byte[] payload = sniffMessage1Payload(code, RECEIVER, m1);
        assertThat(payload).containsExactly(Handshake.PAYLOAD_VERSION, ClaimMode.NEW.wire());
        assertThat(indexOf(m1, token)).isEqualTo(-1);
        assertThat(indexOf(claim, token)).isEqualTo(-1);

        // A second receiver with the code is refused before any key exchange, as new ...
        ReceiverHandshake thief = new ReceiverHandshake(code, ATTACKER, token, ClaimMode.NEW, RANDOM);
        SenderHandshake.Answer refused =
                new SenderHandshake(code, ATTACKER, gate, RANDOM).answer(thief.message1(), T0.plusSeconds(1));
        assertThat(refused.refusal()).isEqualTo(HandshakeError.CODE_USED);
        assertThatThrownBy(() -> thief.accept(refused.message2()))
                .isInstanceOf(HandshakeException.class)
                .extracting(e -> ((HandshakeException) e).error())
                .isEqualTo(HandshakeError.CODE_USED);

        // ... and as "resuming": the sniffed claim record does not even open under its own handshake's keys,
        ReceiverHandshake resumer =
                new ReceiverHandshake(code, ATTACKER, ReceiverGate.newToken(RANDOM), ClaimMode.RESUME, RANDOM);
        SenderHandshake s2 = new SenderHandshake(code, ATTACKER, gate, RANDOM);
        resumer.accept(s2.answer(resumer.message1(), T0.plusSeconds(2)).message2());
        assertThatThrownBy(() -> s2.admit(claim, T0.plusSeconds(2))).isInstanceOf(RecordException.class);

        // ... and a real resume proof from one handshake, re-sealed by an active attacker into another, is refused.
        ReceiverHandshake realResume = new ReceiverHandshake(code, RECEIVER, token, ClaimMode.RESUME, RANDOM);
        SenderHandshake s3 = new SenderHandshake(code, RECEIVER, gate, RANDOM);
        realResume.accept(s3.answer(realResume.message1(), T0.plusSeconds(3)).message2());
        byte[] learntProof = ReceiverClaim.plaintext(
                ClaimMode.RESUME, token, realResume.keys().handshakeHash());
        ReceiverHandshake mitm = new ReceiverHandshake(code, ATTACKER, new byte[16], ClaimMode.RESUME, RANDOM);
        SenderHandshake s4 = new SenderHandshake(code, ATTACKER, gate, RANDOM);
        mitm.accept(s4.answer(mitm.message1(), T0.plusSeconds(4)).message2());
        byte[] replayed = new ControlCipher(mitm.keys()).seal(learntProof);
        assertThat(s4.admit(replayed, T0.plusSeconds(4))).isEqualTo(Admission.ALREADY_PAIRED);

        // The real receiver keeps working.
        assertThat(attempt(code, RECEIVER, gate, token, ClaimMode.RESUME, T0.plusSeconds(5)))
                .isEqualTo(Admission.RESUMED);
    }

    @Test
    void resumeAfterExpiryNeedsProof() throws Exception {
        PairingCode code = HandshakeTest.code();
        ReceiverGate gate = new ReceiverGate(T0, Duration.ofMinutes(1));
        byte[] token = ReceiverGate.newToken(RANDOM);
        assertThat(attempt(code, RECEIVER, gate, token, ClaimMode.NEW, T0)).isEqualTo(Admission.ACCEPTED);
        Instant late = T0.plus(Duration.ofHours(2));
        assertThat(attempt(code, RECEIVER, gate, token, ClaimMode.RESUME, late)).isEqualTo(Admission.RESUMED);
        // After expiry, a "resuming" receiver without the token is refused, whatever it claims.
        assertThat(attempt(code, ATTACKER, gate, ReceiverGate.newToken(RANDOM), ClaimMode.RESUME, late))
                .isEqualTo(Admission.ALREADY_PAIRED);
        ReceiverGate unpaired = new ReceiverGate(T0, Duration.ofMinutes(1));
        assertThatThrownBy(() -> attempt(code, RECEIVER, unpaired, token, ClaimMode.RESUME, late))
                .isInstanceOf(HandshakeException.class)
                .extracting(e -> ((HandshakeException) e).error())
                .isEqualTo(HandshakeError.CODE_EXPIRED);
    }

    @Test
    void lostClaimLetsTheReceiverPairAsNewAgain() throws Exception {
        PairingCode code = HandshakeTest.code();
        ReceiverGate gate = new ReceiverGate(T0, ReceiverGate.DEFAULT_TTL);
        byte[] token = ReceiverGate.newToken(RANDOM);
        assertThatThrownBy(() -> attempt(code, RECEIVER, gate, token, ClaimMode.RESUME, T0))
                .isInstanceOf(HandshakeException.class)
                .extracting(e -> ((HandshakeException) e).error())
                .isEqualTo(HandshakeError.RESUME_UNKNOWN);
        assertThat(attempt(code, RECEIVER, gate, token, ClaimMode.NEW, T0)).isEqualTo(Admission.ACCEPTED);
    }

    @Test
    void claimModeMustMatchMessageOneAndBeWellFormed() throws Exception {
        PairingCode code = HandshakeTest.code();
        ReceiverGate gate = new ReceiverGate(T0, ReceiverGate.DEFAULT_TTL);
        ReceiverHandshake r = new ReceiverHandshake(code, RECEIVER, new byte[16], ClaimMode.NEW, RANDOM);
        SenderHandshake s = new SenderHandshake(code, RECEIVER, gate, RANDOM);
        r.accept(s.answer(r.message1(), T0).message2());
        byte[] resumeClaim = new ControlCipher(r.keys())
                .seal(ReceiverClaim.plaintext(
                        ClaimMode.RESUME, new byte[16], r.keys().handshakeHash()));
        assertThatThrownBy(() -> s.admit(resumeClaim, T0))
                .isInstanceOf(HandshakeException.class)
                .extracting(e -> ((HandshakeException) e).error())
                .isEqualTo(HandshakeError.BAD_CLAIM);
        for (byte[] bad : new byte[][] {{}, {0}, new byte[18], {2, 1, 2}}) {
            assertThatThrownBy(() -> ReceiverClaim.parse(bad))
                    .isInstanceOf(HandshakeException.class)
                    .extracting(e -> ((HandshakeException) e).code())
                    .isEqualTo("claim-malformed");
        }
        assertThat(gate.pairedToken()).isEmpty();
    }

    @Test
    void olderReceiverGetsAVersionError() throws Exception {
        PairingCode code = HandshakeTest.code();
        // Message 1 as QRBeam before this change wrote it: payload 0x01 ‖ token (16).
        HandshakeState old = HandshakeVectorsTest.noise(code, RECEIVER, HandshakeState.INITIATOR);
        byte[] payload = new byte[17];
        payload[0] = 1;
        byte[] buf = new byte[128];
        byte[] m1 = Arrays.copyOf(buf, old.writeMessage(buf, 0, payload, 0, payload.length));
        SenderHandshake s = new SenderHandshake(code, RECEIVER, new ReceiverGate(T0, ReceiverGate.DEFAULT_TTL), RANDOM);
        assertThatThrownBy(() -> s.answer(m1, T0))
                .isInstanceOf(HandshakeException.class)
                .extracting(e -> ((HandshakeException) e).code())
                .isEqualTo("handshake-version");
    }

    private static byte[] sniffMessage1Payload(PairingCode code, String receiverId, byte[] m1) throws Exception {
        HandshakeState eve = HandshakeVectorsTest.noise(code, receiverId, HandshakeState.RESPONDER);
        byte[] buf = new byte[128];
        return Arrays.copyOf(buf, eve.readMessage(m1, 0, m1.length, buf, 0));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
