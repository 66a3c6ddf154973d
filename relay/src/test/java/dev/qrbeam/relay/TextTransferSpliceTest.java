package dev.qrbeam.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.relay.testing.TestRelays;
import dev.qrbeam.relay.testing.TestWsClient;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Text Transfer through the real Netty relay in text-only mode (as the engine uses a self-hosted text-only relay):
 * a 1 MiB base64 chunk arrives with the sender's id and every other byte as sent, whitespace included (the tree
 * path would have re-serialised it compactly, so this also shows the splice path was taken).
 */
@Timeout(60)
class TextTransferSpliceTest {
    private final WireJson json = new WireJson();
    private RelayHandle relay;

    @BeforeEach
    void start() {
        relay = Relay.start(
                "127.0.0.1", 0, TestRelays.limits().withBinary(false).withMessageBytes(1_500_000, 1024));
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    @Test
    void aMebibyteBase64TransferArrivesWithTheSenderStampedAndDataByteIdentical() {
        byte[] raw = new byte[1 << 20];
        new Random(3).nextBytes(raw);
        String data = Base64.getEncoder().encodeToString(raw);
        try (TestWsClient a = TestWsClient.connect(relay.uri());
                TestWsClient b = TestWsClient.connect(relay.uri())) {
            String idA = a.connectId();
            String idB = b.connectId();
            String sent =
                    "{ \"action\": \"Transfer\",\n \"message\": {\"chunkhash\":\"caf\\u00e9\", \"connectionid\": \""
                            + idB + "\", \"data\": \"" + data
                            + "\", \"chunkid\": 4, \"chunktotal\": 5, \"x\": [1, {\"y\": null}] } }";
            a.send(sent);
            String got = b.awaitText();
            assertThat(got).isEqualTo(sent.replace(idB, idA));
            JsonNode m = json.readTree(got).get("message");
            assertThat(m.get("connectionid").asText()).isEqualTo(idA);
            assertThat(Base64.getDecoder().decode(m.get("data").asText())).isEqualTo(raw);

            // a bad Transfer still gets the tree path's error, and the connection keeps working
            a.send("{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"" + idB + "\",\"data\":\"" + data
                    + "\",\"chunkid\":5,\"chunktotal\":5,\"chunkhash\":\"h\"}}");
            assertThat(a.awaitErrorCode()).isEqualTo("bad-chunk");
            a.send("{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"" + idB
                    + "\",\"data\":\"QQ==\",\"chunkid\":0," + "\"chunktotal\":1,\"chunkhash\":\"h\"}}");
            assertThat(b.awaitJson().get("message").get("connectionid").asText())
                    .isEqualTo(idA);
            assertThat(relay.stats().messagesForwarded()).isEqualTo(2);
        }
    }
}
