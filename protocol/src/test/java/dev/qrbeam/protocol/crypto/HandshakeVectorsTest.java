package dev.qrbeam.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.southernstorm.noise.protocol.HandshakeState;
import dev.qrbeam.protocol.pairing.Base64Url;
import dev.qrbeam.protocol.pairing.PairingCode;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Checks the Java handshake + claim against {@code vectors/handshake-v2.json}, the deterministic vectors other
 * implementations (the phone page) test against. Regenerate only on a deliberate protocol change:
 * {@code -Dqrbeam.writeVectors=protocol/src/test/resources/vectors/handshake-v2.json}.
 */
class HandshakeVectorsTest {
    static final HexFormat HEX = HexFormat.of();
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    /** A raw noise-java state keyed exactly as docs/protocol-transfer.md says (independent of {@link Handshake}). */
    static HandshakeState noise(PairingCode code, String receiverId, int role) throws Exception {
        HandshakeState hs = new HandshakeState(Handshake.PROTOCOL, role);
        byte[] psk = Hkdf.derive(code.secret(), null, "qrbeam psk v1", 32);
        hs.setPreSharedKey(psk, 0, psk.length);
        byte[] prologue = Handshake.prologue(code, receiverId);
        hs.setPrologue(prologue, 0, prologue.length);
        hs.start();
        return hs;
    }

    @Test
    void javaMatchesTheCommittedVectors() throws Exception {
        ObjectNode fresh = generate();
        String path = System.getProperty("qrbeam.writeVectors");
        ObjectMapper mapper = new ObjectMapper();
        if (path != null && !path.isBlank()) {
            Files.writeString(
                    Path.of(path), mapper.writerWithDefaultPrettyPrinter().writeValueAsString(fresh) + "\n");
            return; // the next plain run compares against the file just written
        }
        JsonNode committed;
        try (InputStream in = getClass().getResourceAsStream("/vectors/handshake-v2.json")) {
            assertThat(in)
                    .as("vectors/handshake-v2.json on the test class path")
                    .isNotNull();
            committed = mapper.readTree(in);
        }
        assertThat(committed).isEqualTo(fresh);
    }

    @Test
    void vectorsHoldTheInvariantsTheDocStates() throws Exception {
        JsonNode v;
        try (InputStream in = getClass().getResourceAsStream("/vectors/handshake-v2.json")) {
            v = new ObjectMapper().readTree(in);
        }
        byte[] token = HEX.parseHex(v.path("token_hex").asText());
        for (JsonNode c : v.path("cases")) {
            assertThat(HEX.parseHex(c.path("msg1_hex").asText())).hasSize(50);
            if (c.path("refusal").isMissingNode()) {
                assertThat(HEX.parseHex(c.path("msg2_hex").asText())).hasSize(81);
                byte[] hash = HEX.parseHex(c.path("handshake_hash_hex").asText());
                byte[] plain = HEX.parseHex(c.path("claim_plaintext_hex").asText());
                assertThat(ReceiverClaim.parse(plain).proves(token, hash)).isTrue();
                assertThat(HEX.parseHex(c.path("claim_record_hex").asText())).hasSize(plain.length + 24);
            } else {
                assertThat(HEX.parseHex(c.path("msg2_hex").asText())).hasSize(49);
            }
        }
    }

    private static ObjectNode generate() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        byte[] secret = seq(0x00, 32);
        byte[] token = seq(0xa0, 16);
        String receiverId = "ZmFrZXJlY2VpdmVyaWQxMg";
        PairingCode code = new PairingCode(1, URI.create("http://127.0.0.1:41873"), "q2Xh0bE1Z3lWn4Tt9k8Y0A", secret);
        root.put(
                "description",
                "QRBeam handshake v2 (message 1 payload version 2) + receiver claim; see "
                        + "docs/protocol-transfer.md section 2. All byte strings hex; *_b64url = base64url without padding "
                        + "(Request qrhash / Handshake data); claim_record_b64 = standard base64 (Control data).");
        root.put("protocol", Handshake.PROTOCOL);
        root.put("code", code.format());
        root.put("relay_base", code.relayBase().toString());
        root.put("sender_id", code.senderId());
        root.put("receiver_id", receiverId);
        root.put("secret_hex", HEX.formatHex(secret));
        root.put("psk_hex", HEX.formatHex(Hkdf.derive(secret, null, "qrbeam psk v1", 32)));
        root.put("prologue_hex", HEX.formatHex(Handshake.prologue(code, receiverId)));
        root.put("token_hex", HEX.formatHex(token));
        var cases = root.putArray("cases");
        cases.add(accepted(mapper, code, receiverId, token, ClaimMode.NEW, 0x20, 0x40, 0x60));
        cases.add(accepted(mapper, code, receiverId, token, ClaimMode.RESUME, 0x21, 0x41, 0x61));
        cases.add(refused(mapper, code, receiverId, token));
        return root;
    }

    private static ObjectNode accepted(
            ObjectMapper mapper,
            PairingCode code,
            String receiverId,
            byte[] token,
            ClaimMode mode,
            int re,
            int se,
            int seedStart)
            throws Exception {
        ObjectNode c = mapper.createObjectNode();
        c.put("name", mode == ClaimMode.NEW ? "new receiver, accepted" : "resuming receiver, resumed");
        c.put("mode", (int) mode.wire());
        byte[] rePriv = seq(re, 32);
        byte[] sePriv = seq(se, 32);
        byte[] seed = seq(seedStart, 32);
        ReceiverGate gate = new ReceiverGate(T0, ReceiverGate.DEFAULT_TTL);
        if (mode == ClaimMode.RESUME) {
            gate.admit(token, T0);
        }
        ReceiverHandshake r = new ReceiverHandshake(code, receiverId, token, mode, new SecureRandom());
        r.fixEphemeralForTest(rePriv);
        SenderHandshake s = new SenderHandshake(code, receiverId, gate, new FixedRandom(seed));
        s.fixEphemeralForTest(sePriv);
        byte[] m1 = r.message1();
        SenderHandshake.Answer a = s.answer(m1, T0);
        byte[] claim = r.accept(a.message2());
        SessionKeys rk = r.keys();
        SessionKeys sk = s.keys();
        assertThat(s.admit(claim, T0)).isEqualTo(mode == ClaimMode.NEW ? Admission.ACCEPTED : Admission.RESUMED);
        c.put("receiver_ephemeral_private_hex", HEX.formatHex(rePriv));
        c.put("receiver_ephemeral_public_hex", HEX.formatHex(m1, 0, 32));
        c.put("sender_ephemeral_private_hex", HEX.formatHex(sePriv));
        c.put("sender_ephemeral_public_hex", HEX.formatHex(a.message2(), 0, 32));
        c.put("seed_hex", HEX.formatHex(seed));
        c.put("msg1_payload_hex", HEX.formatHex(new byte[] {Handshake.PAYLOAD_VERSION, mode.wire()}));
        c.put("msg1_hex", HEX.formatHex(m1));
        c.put("msg1_b64url", Base64Url.encode(m1));
        byte[] m2payload = new byte[33];
        System.arraycopy(seed, 0, m2payload, 1, 32);
        c.put("msg2_payload_hex", HEX.formatHex(m2payload));
        c.put("msg2_hex", HEX.formatHex(a.message2()));
        c.put("msg2_b64url", Base64Url.encode(a.message2()));
        c.put("handshake_hash_hex", HEX.formatHex(sk.handshakeHash()));
        c.put("k_s2r_hex", HEX.formatHex(sk.txKey().getEncoded()));
        c.put("k_r2s_hex", HEX.formatHex(sk.rxKey().getEncoded()));
        assertThat(rk.txKey().getEncoded()).isEqualTo(sk.rxKey().getEncoded());
        byte[] plain = ReceiverClaim.plaintext(mode, token, sk.handshakeHash());
        if (mode == ClaimMode.RESUME) {
            c.put("resume_proof_hex", HEX.formatHex(ReceiverClaim.proof(token, sk.handshakeHash())));
        }
        c.put("claim_plaintext_hex", HEX.formatHex(plain));
        c.put("claim_record_hex", HEX.formatHex(claim));
        c.put("claim_record_b64", Base64.getEncoder().encodeToString(claim));
        // The sender's first record after admitting: control counter 0 under k_s2r (docs/protocol-transfer.md §2).
        byte[] admitted = "{\"type\":\"admitted\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] admittedRecord = new ControlCipher(sk).seal(admitted);
        assertThat(new ControlCipher(rk).open(admittedRecord)).isEqualTo(admitted);
        c.put("admitted_plaintext", new String(admitted, java.nio.charset.StandardCharsets.UTF_8));
        c.put("admitted_record_hex", HEX.formatHex(admittedRecord));
        return c;
    }

    private static ObjectNode refused(ObjectMapper mapper, PairingCode code, String receiverId, byte[] token)
            throws Exception {
        ObjectNode c = mapper.createObjectNode();
        c.put("name", "new receiver, refused code-used");
        c.put("mode", (int) ClaimMode.NEW.wire());
        c.put("refusal", HandshakeError.CODE_USED.code());
        ReceiverGate gate = new ReceiverGate(T0, ReceiverGate.DEFAULT_TTL);
        gate.admit(seq(0xb0, 16), T0);
        byte[] rePriv = seq(0x22, 32);
        byte[] sePriv = seq(0x42, 32);
        ReceiverHandshake r = new ReceiverHandshake(code, receiverId, token, ClaimMode.NEW, new SecureRandom());
        r.fixEphemeralForTest(rePriv);
        SenderHandshake s = new SenderHandshake(code, receiverId, gate, new SecureRandom());
        s.fixEphemeralForTest(sePriv);
        byte[] m1 = r.message1();
        SenderHandshake.Answer a = s.answer(m1, T0);
        assertThat(a.refusal()).isEqualTo(HandshakeError.CODE_USED);
        c.put("receiver_ephemeral_private_hex", HEX.formatHex(rePriv));
        c.put("sender_ephemeral_private_hex", HEX.formatHex(sePriv));
        c.put("msg1_hex", HEX.formatHex(m1));
        c.put("msg1_b64url", Base64Url.encode(m1));
        c.put("msg2_payload_hex", "02");
        c.put("msg2_hex", HEX.formatHex(a.message2()));
        c.put("msg2_b64url", Base64Url.encode(a.message2()));
        return c;
    }

    private static byte[] seq(int start, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (start + i);
        }
        return b;
    }

    /** Hands out fixed bytes (the key seed) so message 2 is deterministic; tests only. */
    private static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;

        FixedRandom(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            assertThat(out).hasSameSizeAs(bytes);
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }
}
