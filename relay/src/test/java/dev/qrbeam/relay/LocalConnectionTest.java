package dev.qrbeam.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qrbeam.protocol.frame.TransferFrameCodec;
import dev.qrbeam.protocol.frame.TransferFrameHeader;
import dev.qrbeam.relay.core.LocalConnection;
import dev.qrbeam.relay.core.LocalPeer;
import dev.qrbeam.relay.testing.RawWsClient;
import dev.qrbeam.relay.testing.TestRelays;
import dev.qrbeam.relay.testing.TestWsClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14 item 4: the sender attaches to its built-in relay in-process. The relay's rules stay those of a socket
 * connection (Connect, owner-only routing, the sender's id stamped in); a binary message leaves from the caller's
 * buffer without a copy, so the buffer may be reused only when the future says so; and the caller is paced by the
 * receiver's connection.
 */
@Timeout(120)
class LocalConnectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MIB = 1 << 20;

    /** What the relay delivers to the local client. */
    private static final class Inbox implements LocalPeer {
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        @Override
        public void onText(String text) {
            texts.add(text);
        }

        @Override
        public void onBinary(ByteBuffer data) {}

        @Override
        public void onClose(int code, String reason) {
            closed.complete(code);
        }

        JsonNode next() throws Exception {
            String t = texts.poll(20, TimeUnit.SECONDS);
            assertThat(t).as("a message from the relay").isNotNull();
            return JSON.readTree(t);
        }
    }

    private static String connect(LocalConnection local, Inbox inbox) throws Exception {
        send(local, "{\"action\":\"Connect\",\"message\":{}}");
        return inbox.next().get("message").get("connectionid").asText();
    }

    private static void send(LocalConnection local, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        local.sendText(java.util.Arrays.copyOf(utf8, utf8.length + 64), utf8.length);
    }

    /** Review finding: a chunk sent after the relay closed the in-process connection was reported as sent. */
    @Test
    void aBinarySendAfterTheRelayClosedTheConnectionFails() throws Exception {
        Inbox inbox = new Inbox();
        LocalConnection local;
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, TestRelays.limits())) {
            local = relay.attachLocal(inbox);
            connect(local, inbox);
        }
        assertThat(inbox.closed.get(20, TimeUnit.SECONDS)).isEqualTo(1001);
        assertThat(local.isOpen()).isFalse();
        assertThat(local.sendBinary(ByteBuffer.wrap(new byte[16])))
                .failsWithin(java.time.Duration.ofSeconds(5))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(java.io.IOException.class);
    }

    @Test
    void reusedBufferArrivesIntactWithTheSendersIdOnAnOwnerOnlyRelay() throws Exception {
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, TestRelays.limits().withOwnerOnly(true));
                TestWsClient receiver = TestWsClient.connect(relay.uri())) {
            Inbox inbox = new Inbox();
            LocalConnection local = relay.attachLocal(inbox);
            String ownId = connect(local, inbox);
            String receiverId = receiver.connectId();
            relay.addOwner(ownId);

            // one frame buffer, rewritten for every message as soon as its future completes (the sender's pump)
            ByteBuffer frame = ByteBuffer.allocate(TransferFrameCodec.MAX_HEADER_LENGTH + MIB);
            for (int i = 0; i < 20; i++) {
                ByteBuffer data = ByteBuffer.allocate(MIB);
                java.util.Arrays.fill(data.array(), (byte) i);
                ByteBuffer encoded = TransferFrameCodec.encode(receiverId, i, 20, "h", data);
                frame.clear();
                frame.put(encoded).flip();
                local.sendBinary(frame).get(30, TimeUnit.SECONDS);
            }
            for (int i = 0; i < 20; i++) {
                ByteBuffer got = receiver.awaitBinary();
                TransferFrameHeader h = TransferFrameCodec.decodeHeader(got);
                assertThat(h.connectionId()).isEqualTo(ownId);
                assertThat(h.chunkId()).isEqualTo(i);
                ByteBuffer data = TransferFrameCodec.data(got, h);
                assertThat(data.remaining()).isEqualTo(MIB);
                byte expected = (byte) i;
                for (int k = 0; k < MIB; k += 4093) {
                    assertThat(data.get(data.position() + k))
                            .as("byte %d of message %d", k, i)
                            .isEqualTo(expected);
                }
            }

            receiver.send("{\"action\":\"Acknowledge\",\"message\":{\"connectionid\":\"" + ownId
                    + "\",\"success\":true,\"missingchunkids\":[]}}");
            JsonNode ack = inbox.next();
            assertThat(ack.get("action").asText()).isEqualTo("Acknowledge");
            assertThat(ack.get("message").get("connectionid").asText()).isEqualTo(receiverId);

            send(
                    local,
                    "{\"action\":\"Request\",\"message\":{\"connectionid\":\"nobody\",\"qrhash\":\"q\",\"message\":\"\"}}");
            assertThat(inbox.next().get("message").get("code").asText()).isEqualTo("unknown-target");
            local.close();
            assertThat(local.isOpen()).isFalse();
        }
    }

    @Test
    void localSenderIsPacedByAReceiverThatDoesNotRead() throws Exception {
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, TestRelays.limits().withOwnerOnly(true));
                RawWsClient receiver = RawWsClient.connect(relay.uri(), 64 * 1024)) {
            Inbox inbox = new Inbox();
            LocalConnection local = relay.attachLocal(inbox);
            String ownId = connect(local, inbox);
            relay.addOwner(ownId);
            receiver.sendText("{\"action\":\"Connect\",\"message\":{}}");
            String receiverId = JSON.readTree(receiver.readDataFrame().text())
                    .get("message")
                    .get("connectionid")
                    .asText();

            ByteBuffer encoded = TransferFrameCodec.encode(receiverId, 0, 1, "h", ByteBuffer.allocate(MIB));
            ByteBuffer frame = ByteBuffer.allocate(encoded.remaining());
            int sent = 0;
            CompletableFuture<Void> stuck = null;
            while (stuck == null && sent < 256) {
                frame.clear();
                frame.put(encoded.duplicate()).flip(); // the relay stamps the sender's id into the buffer it sends
                CompletableFuture<Void> f = local.sendBinary(frame);
                sent++;
                try {
                    f.get(3, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    stuck = f;
                }
            }
            assertThat(stuck)
                    .as("the sender waits for the receiver instead of queueing %d MiB", sent)
                    .isNotNull();
            assertThat(sent).isLessThan(64);
            assertThat(relay.stats().closedByReason())
                    .as("nothing piled up until a slow-reader cut")
                    .isEmpty();
            CompletableFuture<Void> pending = stuck;
            assertThatThrownBy(() -> pending.get(1, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);

            for (int i = 0; i < sent; i++) { // the receiver reads: the sender may go on
                RawWsClient.Frame f = receiver.readDataFrame();
                assertThat(f.payload().length).isEqualTo(frame.remaining());
            }
            stuck.get(30, TimeUnit.SECONDS);
        }
    }
}
