package dev.qrbeam.core.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qrbeam.core.control.Control;
import dev.qrbeam.core.control.ControlCodec;
import dev.qrbeam.core.control.ControlType;
import dev.qrbeam.core.link.PeerLink;
import dev.qrbeam.core.relay.RelayClient;
import dev.qrbeam.core.relay.RelayClientOptions;
import dev.qrbeam.protocol.chunk.ChunkRef;
import dev.qrbeam.protocol.crypto.ChunkCipher;
import dev.qrbeam.protocol.crypto.ControlCipher;
import dev.qrbeam.protocol.crypto.Handshake;
import dev.qrbeam.protocol.crypto.SessionKeys;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.protocol.pairing.Base64Url;
import dev.qrbeam.protocol.pairing.PairingCode;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A hostile sender for tests: speaks the real handshake and encryption, but sends whatever manifest and chunk
 * records the test crafts (traversal names, wrong sizes, tampered, replayed, reordered, spliced chunks), and records
 * what the receiver answers.
 */
public final class RogueSender implements QuietPeer, AutoCloseable {
    private final WireJson wire = new WireJson();
    private final PeerLink link = new PeerLink(wire, this);
    private final RelayClient client;
    private final PairingCode code;
    private final CompletableFuture<String> paired = new CompletableFuture<>();
    /** Acknowledge missing-id lists, in arrival order. */
    public final BlockingQueue<List<Long>> acks = new LinkedBlockingQueue<>();
    /** Connection ids of receivers that completed a handshake, in order (a restarted receiver pairs again). */
    public final BlockingQueue<String> pairings = new LinkedBlockingQueue<>();
    /** Control messages from the receiver, in arrival order. */
    public final BlockingQueue<Control> controls = new LinkedBlockingQueue<>();
    /** When set, every handshake is answered with this as its unauthenticated {@code error} field. */
    public volatile String refuseWith;

    private volatile SessionKeys keys;
    private volatile ControlCodec codec;
    private volatile String peer;

    public RogueSender(URI relay) throws Exception {
        client = RelayClient.connect(relay, link, RelayClientOptions.defaults(), wire);
        link.attach(client);
        URI base = URI.create("http://" + relay.getRawAuthority());
        code = PairingCode.create(base, client.connectionId(), new SecureRandom());
    }

    public String code() {
        return code.format();
    }

    /** Waits for the receiver's handshake; returns its connection id. */
    public String awaitPaired() throws Exception {
        return paired.get(20, java.util.concurrent.TimeUnit.SECONDS);
    }

    public SessionKeys keys() {
        return keys;
    }

    /** Sends raw manifest JSON (no validation on this side). */
    public void manifest(String json, long epoch) throws Exception {
        link.sendControl(peer, codec.seal(Control.manifestPart(epoch, 0, 1, json)));
    }

    /** Sends an encrypted control message. */
    public void control(Control c) throws Exception {
        link.sendControl(peer, codec.seal(c));
    }

    /** Encrypts {@code plain} as the chunk {@code ref} describes and returns the record (with header room). */
    public ByteBuffer seal(ChunkCipher cipher, ChunkRef ref, byte[] plain) throws Exception {
        ByteBuffer frame = ByteBuffer.allocate(PeerLink.HEADER_ROOM + plain.length + ChunkCipher.OVERHEAD);
        frame.position(PeerLink.HEADER_ROOM);
        cipher.encrypt(ref, ByteBuffer.wrap(plain), frame);
        frame.flip();
        return frame;
    }

    /**
     * Encrypts {@code length} bytes of {@code data} from {@code from} as the piece at {@code offset} of chunk
     * {@code ref} (docs/protocol-transfer.md §3) and returns the record (with header room).
     */
    public ByteBuffer sealPiece(
            ChunkCipher cipher, ChunkRef ref, int granule, int offset, byte[] data, int from, int length)
            throws Exception {
        ByteBuffer frame = ByteBuffer.allocate(PeerLink.HEADER_ROOM + length + ChunkCipher.PIECE_OVERHEAD);
        frame.position(PeerLink.HEADER_ROOM);
        cipher.encryptPiece(ref, granule, offset, ByteBuffer.wrap(data, from, length), frame);
        frame.flip();
        return frame;
    }

    /** Sends a record as chunk {@code id} of {@code total}, with the record's true chunkhash unless given. */
    public void send(long id, long total, ByteBuffer frame, String hash) throws Exception {
        String h = hash != null ? hash : ChunkCipher.chunkHash(frame.duplicate().position(PeerLink.HEADER_ROOM));
        link.sendTransfer(peer, id, total, h, frame.duplicate());
    }

    /** Waits for a control of the given type, skipping others. */
    public Control await(ControlType type) throws Exception {
        while (true) {
            Control c = controls.poll(30, java.util.concurrent.TimeUnit.SECONDS);
            if (c == null) {
                throw new AssertionError("no " + type + " from the receiver");
            }
            if (c.kind() == type) {
                return c;
            }
        }
    }

    @Override
    public void onRequest(String from, String qrhash, String message) {
        try {
            if (refuseWith != null) {
                link.sendHandshake(from, link.newBody().put("error", refuseWith));
                return;
            }
            Handshake hs = Handshake.responder(code, from, new SecureRandom());
            hs.readMessage1(Base64Url.decodeOrNull(qrhash));
            byte[] m2 = hs.writeMessage2();
            keys = hs.split();
            codec = new ControlCodec(wire, new ControlCipher(keys));
            peer = from;
            ObjectNode body = link.newBody().put("data", Base64Url.encode(m2));
            link.sendHandshake(from, body);
            pairings.add(from);
            paired.complete(from);
        } catch (Exception e) {
            paired.completeExceptionally(e);
        }
    }

    @Override
    public void onTransfer(String from, long chunkId, long chunkTotal, String chunkHash, ByteBuffer data) {}

    @Override
    public void onAcknowledge(String from, boolean success, List<Long> missingChunkIds) {
        acks.add(missingChunkIds);
    }

    @Override
    public void onControl(String from, byte[] record) {
        try {
            controls.add(codec.open(record));
        } catch (Exception e) {
            // ignore undecryptable
        }
    }

    @Override
    public void onHandshake(String from, ObjectNode body) {}

    @Override
    public void close() {
        client.close();
    }
}
