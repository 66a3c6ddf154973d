package dev.qrbeam.relay.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qrbeam.relay.testing.TestWsClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay core's rules, as the Lambda handler applies them behind the API Gateway stand-in; run once per
 * {@link ConnectionMap} implementation.
 */
@Timeout(60)
abstract class LambdaRelayContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private LambdaRelayStack relay;

    /** Starts the Lambda relay behind the stand-in with the state implementation under test. */
    abstract LambdaRelayStack startStack(GatewayBehaviour behaviour) throws Exception;

    @BeforeEach
    void start() throws Exception {
        relay = startStack(GatewayBehaviour.aws(Duration.ofSeconds(30), Duration.ofSeconds(30)));
    }

    @AfterEach
    void stop() throws Exception {
        relay.close();
    }

    static JsonNode read(String text) throws Exception {
        return JSON.readTree(text);
    }

    /** Sends Connect and returns the reply's message object. */
    static JsonNode connect(TestWsClient client) throws Exception {
        client.send("{\"action\":\"Connect\"}");
        JsonNode reply = read(client.awaitText());
        assertThat(reply.path("action").asText()).isEqualTo("Connect");
        return reply.path("message");
    }

    @Test
    void connectReplyAdvertisesApiGatewayLimits() throws Exception {
        try (TestWsClient a = TestWsClient.connect(relay.uri())) {
            JsonNode reply = connect(a);
            assertThat(reply.path("connectionid").asText()).matches("[A-Za-z0-9_-]{22}");
            assertThat(reply.path("resumetoken").asText()).isNotEmpty();
            assertThat(reply.path("limits"))
                    .isEqualTo(read(
                            "{\"maxtextbytes\":131072,\"maxbinarybytes\":0,\"binary\":false,\"maxframebytes\":32768}"));
        }
    }

    @Test
    void seedExchangeSwapsIds() throws Exception {
        try (TestWsClient a = TestWsClient.connect(relay.uri());
                TestWsClient b = TestWsClient.connect(relay.uri())) {
            String idA = connect(a).path("connectionid").asText();
            String idB = connect(b).path("connectionid").asText();

            b.send("{\"action\":\"Request\",\"message\":{\"connectionid\":\"" + idA
                    + "\",\"qrhash\":\"h\",\"message\":\"\"}}");
            assertThat(read(a.awaitText()))
                    .isEqualTo(read("{\"action\":\"Request\",\"message\":{\"connectionid\":\"" + idB
                            + "\",\"qrhash\":\"h\",\"message\":\"\"}}"));

            a.send("{ action: \"Transfer\", message: { connectionid: \"" + idB
                    + "\", data: \"ZGF0YQ\", chunkid: 0, chunktotal: 1, chunkhash: \"x\" } }");
            assertThat(read(b.awaitText()))
                    .isEqualTo(read("{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"" + idA
                            + "\",\"data\":\"ZGF0YQ\",\"chunkid\":0,\"chunktotal\":1,\"chunkhash\":\"x\"}}"));

            b.send("{\"action\":\"Acknowledge\",\"message\":{\"connectionid\":\"" + idA
                    + "\",\"success\":false,\"missingchunkids\":[2,4,8]}}");
            assertThat(read(a.awaitText()))
                    .isEqualTo(read("{\"action\":\"Acknowledge\",\"message\":{\"connectionid\":\"" + idB
                            + "\",\"success\":false,\"missingchunkids\":[2,4,8]}}"));
        }
    }

    @Test
    void badInputGetsErrorCodesAndTheConnectionKeepsWorking() throws Exception {
        try (TestWsClient a = TestWsClient.connect(relay.uri());
                TestWsClient b = TestWsClient.connect(relay.uri())) {
            String idA = connect(a).path("connectionid").asText();
            connect(b);
            assertError(b, "{not json", "bad-json");
            assertError(b, "{\"action\":\"Fly\",\"message\":{}}", "unknown-action");
            assertError(
                    b,
                    "{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"" + idA
                            + "\",\"data\":\"\",\"chunkid\":1,\"chunktotal\":1,\"chunkhash\":\"\"}}",
                    "bad-chunk");
            assertError(
                    b,
                    "{\"action\":\"Request\",\"message\":{\"connectionid\":\"AAAAAAAAAAAAAAAAAAAAAA\","
                            + "\"qrhash\":\"h\",\"message\":\"\"}}",
                    "unknown-target");
            b.send("{\"action\":\"Request\",\"message\":{\"connectionid\":\"" + idA
                    + "\",\"qrhash\":\"h\",\"message\":\"\"}}");
            assertThat(read(a.awaitText()).path("action").asText()).isEqualTo("Request");
        }
    }

    @Test
    void postToAGoneConnectionReportsPeerGoneToTheSender() throws Exception {
        relay.map().bind("GoneGoneGoneGoneGone00", "ZGVhZGNvbm5lY3Rpb24=");
        try (TestWsClient b = TestWsClient.connect(relay.uri())) {
            connect(b);
            assertError(
                    b,
                    "{\"action\":\"Request\",\"message\":{\"connectionid\":\"GoneGoneGoneGoneGone00\","
                            + "\"qrhash\":\"h\",\"message\":\"\"}}",
                    "peer-gone");
            assertThat(relay.map().gatewayId("GoneGoneGoneGoneGone00")).isEmpty();
            assertThat(relay.map().recentlyGone("GoneGoneGoneGoneGone00")).isTrue();
            assertError(
                    b,
                    "{\"action\":\"Request\",\"message\":{\"connectionid\":\"GoneGoneGoneGoneGone00\","
                            + "\"qrhash\":\"h\",\"message\":\"\"}}",
                    "peer-gone");
        }
    }

    @Test
    void disconnectedPeerIsPeerGone() throws Exception {
        try (TestWsClient b = TestWsClient.connect(relay.uri())) {
            connect(b);
            String idA;
            try (TestWsClient a = TestWsClient.connect(relay.uri())) {
                idA = connect(a).path("connectionid").asText();
            }
            relay.gateway().awaitDisconnects(1, Duration.ofSeconds(10));
            String request = "{\"action\":\"Request\",\"message\":{\"connectionid\":\"" + idA
                    + "\",\"qrhash\":\"h\",\"message\":\"\"}}";
            assertError(b, request, "peer-gone");
        }
    }

    @Test
    void reconnectWithResumeTokenKeepsTheIdAndClosesTheStaleConnection() throws Exception {
        try (TestWsClient a = TestWsClient.connect(relay.uri());
                TestWsClient b = TestWsClient.connect(relay.uri())) {
            JsonNode first = connect(a);
            String idA = first.path("connectionid").asText();
            String idB = connect(b).path("connectionid").asText();
            String resume = "{\"action\":\"Connect\",\"message\":{\"connectionid\":\"" + idA + "\",\"resumetoken\":\""
                    + first.path("resumetoken").asText() + "\"}}";
            try (TestWsClient a2 = TestWsClient.connect(relay.uri())) {
                a2.send(resume);
                JsonNode again = read(a2.awaitText()).path("message");
                assertThat(again.path("connectionid").asText()).isEqualTo(idA);
                assertThat(a.awaitClose(TestWsClient.TIMEOUT))
                        .as("stale connection holding the id is closed")
                        .isEqualTo(1000);

                b.send("{\"action\":\"Acknowledge\",\"message\":{\"connectionid\":\"" + idA
                        + "\",\"success\":true,\"missingchunkids\":[]}}");
                assertThat(read(a2.awaitText())
                                .path("message")
                                .path("connectionid")
                                .asText())
                        .isEqualTo(idB);
            }
        }
    }

    @Test
    void forgedResumeTokenIsRefusedAndGivesNothing() throws Exception {
        try (TestWsClient a = TestWsClient.connect(relay.uri());
                TestWsClient thief = TestWsClient.connect(relay.uri())) {
            String idA = connect(a).path("connectionid").asText();
            String ownId = connect(thief).path("connectionid").asText();
            assertError(
                    thief,
                    "{\"action\":\"Connect\",\"message\":{\"connectionid\":\"" + idA
                            + "\",\"resumetoken\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}}",
                    "bad-resume");
            thief.send("{\"action\":\"Connect\"}");
            assertThat(read(thief.awaitText())
                            .path("message")
                            .path("connectionid")
                            .asText())
                    .isEqualTo(ownId);
            assertThat(relay.map().gatewayId(idA)).isPresent();
        }
    }

    /** More Requests than two windows of the shared limiter allow (20 per 10 s per source), or 10 s of buckets. */
    private static final int FLOOD = 50;

    @Test
    void requestFloodIsRateLimitedAndTheConnectionKeepsWorking() throws Exception {
        try (TestWsClient a = TestWsClient.connect(relay.uri());
                TestWsClient b = TestWsClient.connect(relay.uri())) {
            String idA = connect(a).path("connectionid").asText();
            connect(b);
            for (int i = 0; i < FLOOD; i++) {
                b.send("{\"action\":\"Request\",\"message\":{\"connectionid\":\"" + idA
                        + "\",\"qrhash\":\"h\",\"message\":\"\"}}");
            }
            b.send("{sentinel");
            int limited = 0;
            for (JsonNode reply = read(b.awaitText());
                    !"bad-json".equals(reply.path("message").path("code").asText());
                    reply = read(b.awaitText())) {
                assertThat(reply.path("message").path("code").asText()).isEqualTo("rate-limited");
                limited++;
            }
            assertThat(limited).isGreaterThanOrEqualTo(5);
            for (int i = 0; i < FLOOD - limited; i++) {
                assertThat(read(a.awaitText()).path("action").asText()).isEqualTo("Request");
            }
        }
    }

    @Test
    @Timeout(180)
    void multiMiBTransferSurvivesTheGatewayLifetimeCut(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("source.bin");
        Path received = dir.resolve("received.bin");
        writeRandom(source, 6 * 1024 * 1024 + 12_345);
        RawChunkTransfer transfer = new RawChunkTransfer(source, received, 20 * 1024);
        long total = transfer.chunkTotal();
        List<Long> all = LongStream.range(0, total).boxed().toList();

        TestWsClient sender = TestWsClient.connect(relay.uri());
        TestWsClient receiver = TestWsClient.connect(relay.uri());
        JsonNode senderConnect = sender.connectMessage();
        JsonNode receiverConnect = receiver.connectMessage();
        String idS = senderConnect.path("connectionid").asText();
        String idR = receiverConnect.path("connectionid").asText();
        receiver.send("{\"action\":\"Request\",\"message\":{\"connectionid\":\"" + idS
                + "\",\"qrhash\":\"q\",\"message\":\"\"}}");
        assertThat(sender.awaitJson().path("message").path("connectionid").asText())
                .isEqualTo(idR);

        // first 60 % sent while the receiver takes them; at 50 % received the gateway cuts both connections
        long cutAt = total / 2;
        CompletableFuture<Void> cut = CompletableFuture.runAsync(() -> {
            try {
                while (transfer.receivedCount() < cutAt) {
                    transfer.accept(receiver.awaitJson(), idS);
                }
                relay.gateway().cutAllConnections();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        transfer.sendWhileOpen(sender, idR, all.subList(0, (int) (total * 6 / 10)));
        cut.get(120, TimeUnit.SECONDS);
        assertThat(sender.awaitClose(TestWsClient.TIMEOUT)).isEqualTo(1001);
        assertThat(receiver.awaitClose(TestWsClient.TIMEOUT)).isEqualTo(1001);
        assertThat(transfer.sendWhileOpen(sender, idR, all.subList((int) (total * 6 / 10), (int) total)))
                .isZero();
        transfer.drain(receiver, idS);
        assertThat(transfer.missing()).as("the cut interrupted the transfer").hasSizeGreaterThan((int) total / 3);

        // both reconnect on new gateway connections and resume their ids
        try (TestWsClient sender2 = TestWsClient.connect(relay.uri());
                TestWsClient receiver2 = TestWsClient.connect(relay.uri())) {
            sender2.send(resume(senderConnect));
            assertThat(sender2.awaitJson().path("message").path("connectionid").asText())
                    .isEqualTo(idS);
            receiver2.send(resume(receiverConnect));
            // chunks the old sender connection had in flight may reach the resumed receiver before its reply
            JsonNode resumed = receiver2.awaitJson();
            while (!"Connect".equals(resumed.path("action").asText())) {
                transfer.accept(resumed, idS);
                resumed = receiver2.awaitJson();
            }
            assertThat(resumed.path("message").path("connectionid").asText()).isEqualTo(idR);

            receiver2.send(transfer.acknowledge(idS));
            JsonNode ack = sender2.awaitJson().path("message");
            assertThat(ack.path("connectionid").asText()).isEqualTo(idR);
            assertThat(ack.path("success").asBoolean()).isFalse();
            List<Long> missing = new ArrayList<>();
            ack.path("missingchunkids").forEach(id -> missing.add(id.asLong()));
            assertThat(missing).isEqualTo(transfer.missing());

            assertThat(transfer.sendWhileOpen(sender2, idR, missing)).isEqualTo(missing.size());
            while (!transfer.missing().isEmpty()) {
                transfer.accept(receiver2.awaitJson(), idS);
            }
            receiver2.send(transfer.acknowledge(idS));
            assertThat(sender2.awaitJson().path("message").path("success").asBoolean())
                    .isTrue();
        } finally {
            sender.close();
            receiver.close();
        }
        assertThat(sha256(received)).isEqualTo(sha256(source));
    }

    private static String resume(JsonNode connectReply) {
        return "{\"action\":\"Connect\",\"message\":{\"connectionid\":\""
                + connectReply.path("connectionid").asText() + "\",\"resumetoken\":\""
                + connectReply.path("resumetoken").asText() + "\"}}";
    }

    private static void writeRandom(Path file, int bytes) throws IOException {
        Random random = new Random(7);
        byte[] block = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int left = bytes; left > 0; left -= block.length) {
                random.nextBytes(block);
                out.write(block, 0, Math.min(left, block.length));
            }
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static void assertError(TestWsClient client, String send, String code) throws Exception {
        client.send(send);
        JsonNode reply = read(client.awaitText());
        assertThat(reply.path("action").asText()).as(reply.toString()).isEqualTo("Error");
        assertThat(reply.path("message").path("code").asText())
                .as(reply.toString())
                .isEqualTo(code);
        assertThat(reply.path("message").path("error").asText()).isNotBlank();
    }
}
