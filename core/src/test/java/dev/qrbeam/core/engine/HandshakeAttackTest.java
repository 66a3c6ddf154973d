package dev.qrbeam.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.southernstorm.noise.protocol.HandshakeState;
import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.SendHandle;
import dev.qrbeam.core.api.TransferHandle;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.control.Control;
import dev.qrbeam.core.control.ControlCodec;
import dev.qrbeam.core.control.ControlType;
import dev.qrbeam.core.testing.FaultProxy;
import dev.qrbeam.core.testing.ProgressWatch;
import dev.qrbeam.core.testing.RogueReceiver;
import dev.qrbeam.core.testing.TestFiles;
import dev.qrbeam.protocol.crypto.ClaimMode;
import dev.qrbeam.protocol.crypto.ControlCipher;
import dev.qrbeam.protocol.crypto.Hkdf;
import dev.qrbeam.protocol.crypto.ReceiverGate;
import dev.qrbeam.protocol.crypto.ReceiverHandshake;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.protocol.pairing.Base64Url;
import dev.qrbeam.protocol.pairing.PairingCode;
import dev.qrbeam.relay.Relay;
import dev.qrbeam.relay.RelayHandle;
import dev.qrbeam.relay.core.RelayLimits;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 finding 1, end to end: someone who holds the code and sniffs the plain {@code ws://} traffic between
 * the relay and the sender (a LAN sniffer, or the relay operator) must not become the receiver.
 */
@Timeout(120)
class HandshakeAttackTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private RelayHandle relay;
    private FaultProxy proxy;
    private final BlockingQueue<JsonNode> sniffed = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
        proxy = new FaultProxy(relay.address());
        proxy.sniffDownstream(text -> {
            try {
                sniffed.add(JSON.readTree(text));
            } catch (Exception e) {
                // not JSON: not interesting
            }
        });
    }

    @AfterEach
    void stop() {
        proxy.close();
        relay.close();
    }

    @Test
    void sniffedTokenDoesNotAdmitSecondReceiver() throws Exception {
        Path file = TestFiles.random(tmp.resolve("secret.bin"), 48 << 20, 7);
        proxy.delay(10); // at most ~6.5 MB/s: the transfer is still running while the attacker works
        try (QrBeamEngine s = engine("s", Duration.ofMinutes(10));
                QrBeamEngine r = engine("r", Duration.ofMinutes(10))) {
            SendHandle send = s.send(List.of(file), p -> {});
            PairingCode code = PairingCode.parse(send.pairingCode());
            ProgressWatch watch = new ProgressWatch();
            TransferHandle real = r.receive(send.pairingCode(), tmp.resolve("out"), watch);
            assertThat(watch.awaitBytes(1, Duration.ofSeconds(60))).isTrue();

            // What the sniffer saw the relay deliver to the sender: the real receiver's Request and first Control.
            JsonNode request = awaitSniffed("Request");
            String receiverId = request.path("message").path("connectionid").asText();
            byte[] m1 = Base64Url.decodeOrNull(
                    request.path("message").path("qrhash").asText());
            byte[] sniffedClaim = Base64.getDecoder()
                    .decode(awaitSniffed("Control").path("message").path("data").asText());

            // Decrypting message 1 with the code's PSK, as in the issue: it must not contain a token any more.
            byte[] payload = decryptMessage1(code, receiverId, m1);
            assertThat(payload)
                    .as("message 1 payload anyone with the code can read")
                    .hasSizeLessThan(ReceiverGate.TOKEN_BYTES);

            try (RogueReceiver eve = new RogueReceiver(relay.uri())) {
                assertEveIsRefused(eve, code, payload, sniffedClaim);
                proxy.delay(0);
                assertThat(real.completion().get(90, TimeUnit.SECONDS).state()).isEqualTo(TransferState.DONE);
                assertThat(send.completion().get(30, TimeUnit.SECONDS).state()).isEqualTo(TransferState.DONE);
                assertThat(eve.chunks()).as("chunks sent to Eve").isZero();
                assertThat(eve.controls.poll())
                        .as("nothing more for Eve after the refusal")
                        .isNull();
            }
        }
        assertThat(TestFiles.sha256(tmp.resolve("out/secret.bin"))).isEqualTo(TestFiles.sha256(file));
    }

    @Test
    void resumeAfterExpiryNeedsProof() throws Exception {
        Path file = TestFiles.random(tmp.resolve("secret.bin"), 48 << 20, 8);
        proxy.delay(10);
        try (QrBeamEngine s = engine("s", Duration.ofSeconds(5));
                QrBeamEngine r = engine("r", Duration.ofMinutes(10))) {
            SendHandle send = s.send(List.of(file), p -> {});
            PairingCode code = PairingCode.parse(send.pairingCode());
            ProgressWatch watch = new ProgressWatch();
            TransferHandle real = r.receive(send.pairingCode(), tmp.resolve("out"), watch);
            assertThat(watch.awaitBytes(1, Duration.ofSeconds(60))).isTrue();
            proxy.freezeAll(); // no progress until the code has expired
            assertThat(real.progress().state().isTerminal()).isFalse();
            JsonNode first = awaitSniffed("Request");
            byte[] firstPayload = decryptMessage1(
                    code,
                    first.path("message").path("connectionid").asText(),
                    Base64Url.decodeOrNull(first.path("message").path("qrhash").asText()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!java.time.Instant.now().isAfter(send.expiresAt()) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(java.time.Instant.now()).isAfter(send.expiresAt());

            // After expiry every connection drops; the real receiver resumes with a proof, which the sniffer records.
            sniffed.clear();
            proxy.cutAll();
            awaitSniffed("Request");
            byte[] sniffedProof = Base64.getDecoder()
                    .decode(awaitSniffed("Control").path("message").path("data").asText());

            try (RogueReceiver eve = new RogueReceiver(relay.uri())) {
                assertEveIsRefused(eve, code, firstPayload, sniffedProof);
                proxy.delay(0);
                assertThat(real.completion().get(90, TimeUnit.SECONDS).state()).isEqualTo(TransferState.DONE);
                assertThat(eve.chunks()).isZero();
            }
        }
        assertThat(TestFiles.sha256(tmp.resolve("out/secret.bin"))).isEqualTo(TestFiles.sha256(file));
    }

    /**
     * Eve holds the code and what she sniffed: (1) she presents what message 1 carried in her own handshake — refused
     * before any key exchange; (2) she pretends to resume, replays the sniffed claim record (it does not even open
     * under her keys), then sends a claim of her own — refused {@code code-used}, never admitted.
     */
    private static void assertEveIsRefused(
            RogueReceiver eve, PairingCode code, byte[] sniffedPayload, byte[] sniffedClaim) throws Exception {
        HandshakeState hs = noise(code, eve.connectionId(), HandshakeState.INITIATOR);
        eve.request(code.senderId(), write(hs, sniffedPayload));
        byte[] m2 = eve.awaitMessage2(20);
        assertThat(m2).as("an answer to Eve's message 1").isNotNull();
        assertThat(read(hs, m2)).as("authenticated refusal code-used").containsExactly(2);

        ReceiverHandshake resume = new ReceiverHandshake(
                code,
                eve.connectionId(),
                ReceiverGate.newToken(new SecureRandom()),
                ClaimMode.RESUME,
                new SecureRandom());
        eve.request(code.senderId(), resume.message1());
        byte[] ownClaim = resume.accept(eve.awaitMessage2(20));
        eve.control(code.senderId(), sniffedClaim);
        eve.control(code.senderId(), ownClaim);
        byte[] answer = eve.controls.poll(20, TimeUnit.SECONDS);
        assertThat(answer).as("an answer to Eve's claim").isNotNull();
        Control refusal = new ControlCodec(new WireJson(), new ControlCipher(resume.keys())).open(answer);
        assertThat(refusal.kind()).isEqualTo(ControlType.REFUSED);
        assertThat(refusal.code()).isEqualTo("code-used");
    }

    private JsonNode awaitSniffed(String action) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            JsonNode n = sniffed.poll(1, TimeUnit.SECONDS);
            if (n != null && action.equals(n.path("action").asText())) {
                return n;
            }
        }
        throw new AssertionError("the sniffer saw no " + action);
    }

    /** The attacker's own Noise state from the code alone (PSK and prologue as docs/protocol-transfer.md §2.1). */
    private static HandshakeState noise(PairingCode code, String receiverId, int role) throws Exception {
        HandshakeState hs = new HandshakeState("NoisePSK_NN_25519_ChaChaPoly_SHA256", role);
        byte[] psk = Hkdf.derive(code.secret(), null, "qrbeam psk v1", 32);
        hs.setPreSharedKey(psk, 0, psk.length);
        ByteArrayOutputStream prologue = new ByteArrayOutputStream();
        for (String f : new String[] {
            "qrbeam handshake",
            Integer.toString(code.version()),
            code.relayBase().toString(),
            code.senderId(),
            receiverId
        }) {
            byte[] b = f.getBytes(StandardCharsets.UTF_8);
            prologue.write(b.length >>> 8);
            prologue.write(b.length);
            prologue.write(b, 0, b.length);
        }
        hs.setPrologue(prologue.toByteArray(), 0, prologue.size());
        hs.start();
        return hs;
    }

    private static byte[] decryptMessage1(PairingCode code, String receiverId, byte[] m1) throws Exception {
        return read(noise(code, receiverId, HandshakeState.RESPONDER), m1);
    }

    private static byte[] write(HandshakeState hs, byte[] payload) throws Exception {
        byte[] buf = new byte[256];
        return Arrays.copyOf(buf, hs.writeMessage(buf, 0, payload, 0, payload.length));
    }

    private static byte[] read(HandshakeState hs, byte[] message) throws Exception {
        byte[] buf = new byte[256];
        return Arrays.copyOf(buf, hs.readMessage(message, 0, message.length, buf, 0));
    }

    private QrBeamEngine engine(String name, Duration expiry) {
        URI via = URI.create("ws://127.0.0.1:" + proxy.port());
        return new QrBeamEngine(
                EngineConfig.defaults()
                        .withRelay(via)
                        .withStateDir(tmp.resolve("state-" + name))
                        .withExpiry(expiry),
                new WireJson(),
                new SecureRandom());
    }
}
