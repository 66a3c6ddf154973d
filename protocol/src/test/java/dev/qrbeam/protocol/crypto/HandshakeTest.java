package dev.qrbeam.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qrbeam.protocol.pairing.PairingCode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class HandshakeTest {
    static final SecureRandom RANDOM = new SecureRandom();
    static final String SENDER = "q2Xh0bE1Z3lWn4Tt9k8Y0A";
    static final String RECEIVER = "ZmFrZXJlY2VpdmVyaWQxMg";
    static final String OTHER = "b3RoZXJyZWNlaXZlcmlkMA";

    static PairingCode code() {
        return PairingCode.create(URI.create("http://127.0.0.1:8080"), SENDER, RANDOM);
    }

    /** A full, accepted handshake: [receiverKeys, senderKeys]. */
    static SessionKeys[] pair(PairingCode code) throws Exception {
        Handshake receiver = Handshake.initiator(code, RECEIVER, ClaimMode.NEW, RANDOM);
        Handshake sender = Handshake.responder(code, RECEIVER, RANDOM);
        sender.readMessage1(receiver.writeMessage1());
        receiver.readMessage2(sender.writeMessage2());
        return new SessionKeys[] {receiver.split(), sender.split()};
    }

    @Test
    void bothSidesDeriveMatchingDirectionalKeys() throws Exception {
        SessionKeys[] keys = pair(code());
        SessionKeys receiver = keys[0];
        SessionKeys sender = keys[1];
        assertThat(sender.txKey().getEncoded()).isEqualTo(receiver.rxKey().getEncoded());
        assertThat(sender.rxKey().getEncoded()).isEqualTo(receiver.txKey().getEncoded());
        assertThat(sender.txKey().getEncoded()).isNotEqualTo(sender.rxKey().getEncoded());
        assertThat(sender.handshakeHash()).isEqualTo(receiver.handshakeHash());
        assertThat(sender.isSender()).isTrue();
        assertThat(receiver.isSender()).isFalse();
    }

    @Test
    void firstEncryptedPayloadsConfirmTheKeyInBothDirections() throws Exception {
        SessionKeys[] keys = pair(code());
        ControlCipher receiver = new ControlCipher(keys[0]);
        ControlCipher sender = new ControlCipher(keys[1]);
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        assertThat(sender.open(receiver.seal(hello))).isEqualTo(hello);
        assertThat(receiver.open(sender.seal(hello))).isEqualTo(hello);
    }

    @Test
    void eachHandshakeGivesFreshKeys() throws Exception {
        PairingCode code = code();
        SessionKeys first = pair(code)[1];
        SessionKeys second = pair(code)[1];
        assertThat(first.txKey().getEncoded()).isNotEqualTo(second.txKey().getEncoded());
        assertThat(first.handshakeHash()).isNotEqualTo(second.handshakeHash());
    }

    @Test
    void senderLearnsTheClaimModeButNoToken() throws Exception {
        PairingCode code = code();
        for (ClaimMode mode : ClaimMode.values()) {
            Handshake receiver = Handshake.initiator(code, RECEIVER, mode, RANDOM);
            Handshake sender = Handshake.responder(code, RECEIVER, RANDOM);
            assertThat(sender.readMessage1(receiver.writeMessage1())).isEqualTo(mode);
        }
    }

    @Test
    void wrongSecretFailsAtTheSender() throws Exception {
        PairingCode real = code();
        PairingCode guessed = new PairingCode(1, real.relayBase(), SENDER, new byte[32]);
        Handshake receiver = Handshake.initiator(guessed, RECEIVER, ClaimMode.NEW, RANDOM);
        Handshake sender = Handshake.responder(real, RECEIVER, RANDOM);
        byte[] m1 = receiver.writeMessage1();
        assertThatThrownBy(() -> sender.readMessage1(m1))
                .isInstanceOf(HandshakeException.class)
                .extracting(e -> ((HandshakeException) e).code())
                .isEqualTo("handshake-failed");
    }

    @Test
    void changedReceiverIdFailsBecauseThePrologueBindsIt() throws Exception {
        PairingCode code = code();
        Handshake receiver = Handshake.initiator(code, RECEIVER, ClaimMode.NEW, RANDOM);
        Handshake sender = Handshake.responder(code, OTHER, RANDOM);
        byte[] m1 = receiver.writeMessage1();
        assertThatThrownBy(() -> sender.readMessage1(m1))
                .isInstanceOf(HandshakeException.class)
                .extracting(e -> ((HandshakeException) e).error())
                .isEqualTo(HandshakeError.AUTH_FAILED);
    }

    @Test
    void changedSenderIdOrRelayUrlFails() throws Exception {
        PairingCode code = code();
        PairingCode otherSender = new PairingCode(1, code.relayBase(), OTHER, code.secret());
        PairingCode otherRelay = new PairingCode(1, URI.create("http://127.0.0.1:8081"), SENDER, code.secret());
        for (PairingCode seenByReceiver : new PairingCode[] {otherSender, otherRelay}) {
            byte[] m1 = Handshake.initiator(seenByReceiver, RECEIVER, ClaimMode.NEW, RANDOM)
                    .writeMessage1();
            Handshake sender = Handshake.responder(code, RECEIVER, RANDOM);
            assertThatThrownBy(() -> sender.readMessage1(m1))
                    .isInstanceOf(HandshakeException.class)
                    .extracting(e -> ((HandshakeException) e).code())
                    .isEqualTo("handshake-failed");
        }
    }

    @Test
    void messageTwoFromAnotherSessionIsRejectedByTheReceiver() throws Exception {
        PairingCode code = code();
        Handshake r1 = Handshake.initiator(code, RECEIVER, ClaimMode.NEW, RANDOM);
        Handshake s1 = Handshake.responder(code, RECEIVER, RANDOM);
        s1.readMessage1(r1.writeMessage1());
        byte[] oldM2 = s1.writeMessage2();
        Handshake r2 = Handshake.initiator(code, RECEIVER, ClaimMode.NEW, RANDOM);
        r2.writeMessage1();
        assertThatThrownBy(() -> r2.readMessage2(oldM2))
                .isInstanceOf(HandshakeException.class)
                .extracting(e -> ((HandshakeException) e).code())
                .isEqualTo("handshake-failed");
    }

    @Test
    void tamperedMessagesFail() throws Exception {
        PairingCode code = code();
        Handshake receiver = Handshake.initiator(code, RECEIVER, ClaimMode.NEW, RANDOM);
        byte[] m1 = receiver.writeMessage1();
        m1[m1.length - 1] ^= 1;
        assertThatThrownBy(() -> Handshake.responder(code, RECEIVER, RANDOM).readMessage1(m1))
                .isInstanceOf(HandshakeException.class);
        byte[] good = Handshake.initiator(code, RECEIVER, ClaimMode.NEW, RANDOM).writeMessage1();
        good[3] ^= 0x40;
        assertThatThrownBy(() -> Handshake.responder(code, RECEIVER, RANDOM).readMessage1(good))
                .isInstanceOf(HandshakeException.class);
    }

    @Test
    void garbageAndWrongLengthsAreMalformed() {
        PairingCode code = code();
        for (byte[] bad : new byte[][] {null, new byte[0], new byte[10], new byte[4096]}) {
            assertThatThrownBy(() -> Handshake.responder(code, RECEIVER, RANDOM).readMessage1(bad))
                    .isInstanceOf(HandshakeException.class)
                    .extracting(e -> ((HandshakeException) e).code())
                    .isEqualTo("handshake-malformed");
        }
    }

    @Test
    void refusalsReachTheReceiverAuthenticated() throws Exception {
        PairingCode code = code();
        for (HandshakeError reason : new HandshakeError[] {HandshakeError.CODE_EXPIRED, HandshakeError.CODE_USED}) {
            Handshake receiver = Handshake.initiator(code, RECEIVER, ClaimMode.NEW, RANDOM);
            Handshake sender = Handshake.responder(code, RECEIVER, RANDOM);
            sender.readMessage1(receiver.writeMessage1());
            byte[] m2 = sender.writeRefusal(reason);
            assertThatThrownBy(() -> receiver.readMessage2(m2))
                    .isInstanceOf(HandshakeException.class)
                    .extracting(e -> ((HandshakeException) e).error())
                    .isEqualTo(reason);
            assertThatThrownBy(sender::split)
                    .extracting(e -> ((HandshakeException) e).code())
                    .isEqualTo("handshake-state");
        }
    }

    @Test
    void stepsOutOfOrderAreRefused() throws Exception {
        Handshake receiver = Handshake.initiator(code(), RECEIVER, ClaimMode.NEW, RANDOM);
        assertThatThrownBy(receiver::split).isInstanceOf(HandshakeException.class);
        assertThatThrownBy(receiver::writeMessage2).isInstanceOf(HandshakeException.class);
        receiver.writeMessage1();
        assertThatThrownBy(receiver::writeMessage1)
                .isInstanceOf(HandshakeException.class)
                .extracting(e -> ((HandshakeException) e).code())
                .isEqualTo("handshake-state");
    }

    @Test
    void messageSizesAreSmall() throws Exception {
        PairingCode code = code();
        Handshake receiver = Handshake.initiator(code, RECEIVER, ClaimMode.NEW, RANDOM);
        Handshake sender = Handshake.responder(code, RECEIVER, RANDOM);
        byte[] m1 = receiver.writeMessage1();
        assertThat(m1).hasSize(32 + 2 + 16);
        sender.readMessage1(m1);
        assertThat(sender.writeMessage2()).hasSize(32 + 1 + 32 + 16);
    }

    /** Regression: noise-java's destroy() zeroed the array getHandshakeHash() returned, so every hash was 0. */
    @Test
    void handshakeHashSurvivesNoiseDestroy() throws Exception {
        SessionKeys keys = pair(code())[0];
        assertThat(keys.handshakeHash()).hasSize(32).isNotEqualTo(new byte[32]);
    }
}
