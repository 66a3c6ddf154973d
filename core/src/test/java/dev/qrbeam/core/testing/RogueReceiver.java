package dev.qrbeam.core.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qrbeam.core.link.PeerLink;
import dev.qrbeam.core.relay.RelayClient;
import dev.qrbeam.core.relay.RelayClientOptions;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.protocol.message.Action;
import dev.qrbeam.protocol.message.RequestMessage;
import dev.qrbeam.protocol.pairing.Base64Url;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A hostile receiver for tests: an ordinary relay client that sends whatever handshake messages and control
 * records the test crafts, and records what the sender answers (handshake bodies, control records, chunks).
 */
public final class RogueReceiver implements QuietPeer, AutoCloseable {
    private final WireJson wire = new WireJson();
    private final PeerLink link = new PeerLink(wire, this);
    private final RelayClient client;
    /** Handshake bodies from the sender, in arrival order. */
    public final BlockingQueue<ObjectNode> handshakes = new LinkedBlockingQueue<>();
    /** Control records from the sender, in arrival order. */
    public final BlockingQueue<byte[]> controls = new LinkedBlockingQueue<>();

    /** {@code [chunkId, record length]} of every chunk record the sender sent, in arrival order. */
    public final BlockingQueue<long[]> records = new LinkedBlockingQueue<>();

    private volatile long chunks;

    public RogueReceiver(URI relay) throws Exception {
        client = RelayClient.connect(relay, link, RelayClientOptions.defaults(), wire);
        link.attach(client);
    }

    public String connectionId() {
        return client.connectionId();
    }

    /** Sends handshake message 1 to {@code sender} as a Request. */
    public void request(String sender, byte[] message1) throws Exception {
        client.sendText(wire.envelope(Action.REQUEST, new RequestMessage(sender, Base64Url.encode(message1), "")));
    }

    /** Sends a raw control record. */
    public void control(String sender, byte[] record) throws Exception {
        link.sendControl(sender, record);
    }

    /** Sends an Acknowledge asking for {@code ids} again. */
    public void acknowledge(String sender, List<Long> ids) throws Exception {
        link.sendAcknowledge(sender, false, ids);
    }

    /** The next handshake message 2 ({@code data}), or null if the sender sent none in time or only an error. */
    public byte[] awaitMessage2(long seconds) throws InterruptedException {
        ObjectNode body = handshakes.poll(seconds, TimeUnit.SECONDS);
        return body == null ? null : Base64Url.decodeOrNull(body.path("data").asText(""));
    }

    /** Chunks the sender sent to this connection. */
    public long chunks() {
        return chunks;
    }

    @Override
    public void onTransfer(String from, long chunkId, long chunkTotal, String chunkHash, ByteBuffer data) {
        records.add(new long[] {chunkId, data.remaining()});
        chunks++;
    }

    @Override
    public void onAcknowledge(String from, boolean success, List<Long> missingChunkIds) {}

    @Override
    public void onControl(String from, byte[] record) {
        controls.add(record);
    }

    @Override
    public void onHandshake(String from, ObjectNode body) {
        handshakes.add(body);
    }

    @Override
    public void close() {
        client.close();
    }
}
