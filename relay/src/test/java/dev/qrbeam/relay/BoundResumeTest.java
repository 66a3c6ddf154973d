package dev.qrbeam.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qrbeam.protocol.crypto.RelayResumeProof;
import dev.qrbeam.relay.testing.TestRelays;
import dev.qrbeam.relay.testing.TestWsClient;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 11 finding 12: on plain {@code ws://} everything a client and the relay exchange can be sniffed. A client
 * that announces a resume key must be the only one able to resume its id — whatever a sniffer saw.
 */
@Timeout(60)
class BoundResumeTest {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private static String resume(String id, String token, String key, String proof) {
        return "{\"action\":\"Connect\",\"message\":{\"connectionid\":\"" + id + "\",\"resumetoken\":\"" + token + "\""
                + (key == null ? "" : ",\"resumekey\":\"" + key + "\"")
                + (proof == null ? "" : ",\"resumeproof\":\"" + proof + "\"") + "}}";
    }

    private static JsonNode connect(TestWsClient c, String key) {
        c.send("{\"action\":\"Connect\",\"message\":{\"resumekey\":\"" + key + "\"}}");
        JsonNode reply = c.awaitJson();
        assertThat(reply.path("action").asText()).isEqualTo("Connect");
        return reply.get("message");
    }

    @Test
    void sniffedResumeTokenCannotTakeOverConnectionId() throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] c = new byte[32];
        random.nextBytes(c);
        String key = B64.encodeToString(RelayResumeProof.publicKey(c));
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, TestRelays.limits());
                TestWsClient alice = TestWsClient.connect(relay.uri());
                TestWsClient alice2 = TestWsClient.connect(relay.uri());
                TestWsClient mallory = TestWsClient.connect(relay.uri())) {
            JsonNode first = connect(alice, key); // everything in here travels in clear
            String id = first.get("connectionid").asText();
            String token = first.get("resumetoken").asText();
            String mallorysOwn = mallory.connectId();

            // 1. The sniffed token alone, seed-style: refused, Alice keeps her id.
            mallory.send(resume(id, token, null, null));
            assertThat(mallory.awaitErrorCode()).isEqualTo("bad-resume");
            assertThat(alice.isClosed()).isFalse();

            // 2. Alice herself resumes on a new connection with a proof for that connection.
            byte[] relayKey =
                    Base64.getUrlDecoder().decode(first.get("relaykey").asText());
            String temporary = connect(alice2, key).get("connectionid").asText();
            String proof = B64.encodeToString(RelayResumeProof.proof(c, relayKey, id, temporary));
            String resumeMessage = resume(id, token, key, proof);
            alice2.send(resumeMessage);
            assertThat(alice2.awaitJson().get("message").get("connectionid").asText())
                    .isEqualTo(id);
            assertThat(alice.awaitClose(TestWsClient.TIMEOUT)).isEqualTo(4001);

            // 3. Replaying Alice's sniffed resume (proof made for her connection) or a proof with another key fails.
            mallory.send(resumeMessage);
            assertThat(mallory.awaitErrorCode()).isEqualTo("bad-resume");
            byte[] m = new byte[32];
            random.nextBytes(m);
            String otherKey = B64.encodeToString(RelayResumeProof.publicKey(m));
            mallory.send(resume(
                    id, token, otherKey, B64.encodeToString(RelayResumeProof.proof(m, relayKey, id, mallorysOwn))));
            assertThat(mallory.awaitErrorCode()).isEqualTo("bad-resume");
            assertThat(alice2.isClosed()).isFalse();
            assertThat(mallory.connectId()).isEqualTo(mallorysOwn);
        }
    }
}
