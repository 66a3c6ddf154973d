package dev.qrbeam.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.relay.testing.TestRelays;
import dev.qrbeam.relay.testing.TestWsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 11 finding 5: the relay built into a sender routed between any two connections, so strangers on the LAN
 * could use the sender's process (and memory) as their relay. An owner-only relay routes only to and from its
 * owner's connection ids.
 */
@Timeout(60)
class OwnerOnlyRelayTest {

    @Test
    void strangersCannotUseTheSendersRelayToTalkToEachOther() {
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, TestRelays.limits().withOwnerOnly(true));
                TestWsClient owner = TestWsClient.connect(relay.uri());
                TestWsClient a = TestWsClient.connect(relay.uri());
                TestWsClient b = TestWsClient.connect(relay.uri())) {
            String ownerId = owner.connectId();
            String idA = a.connectId();
            String idB = b.connectId();

            a.send(transfer(ownerId));
            assertThat(a.awaitErrorCode())
                    .as("nothing routes before the owner is known")
                    .isEqualTo("unknown-target");
            relay.addOwner(ownerId);

            a.send(transfer(idB));
            assertThat(a.awaitErrorCode()).isEqualTo("unknown-target");
            b.send(request(idA));
            assertThat(b.awaitErrorCode()).isEqualTo("unknown-target");

            a.send(request(ownerId));
            assertThat(owner.awaitJson().get("message").get("connectionid").asText())
                    .isEqualTo(idA);
            owner.send(transfer(idA));
            assertThat(a.awaitJson().get("message").get("connectionid").asText())
                    .isEqualTo(ownerId);
            assertThat(b.pollText(java.time.Duration.ofMillis(200)))
                    .as("b heard nothing")
                    .isNull();
        }
    }

    private static String transfer(String to) {
        return "{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"" + to
                + "\",\"data\":\"ZGF0YQ==\",\"chunkid\":0,\"chunktotal\":1,\"chunkhash\":\"h\"}}";
    }

    private static String request(String to) {
        return "{\"action\":\"Request\",\"message\":{\"connectionid\":\"" + to
                + "\",\"qrhash\":\"q\",\"message\":\"\"}}";
    }
}
