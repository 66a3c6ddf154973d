package dev.qrbeam.core.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qrbeam.core.control.Control;
import dev.qrbeam.core.control.ControlCodec;
import dev.qrbeam.core.control.ControlType;
import dev.qrbeam.core.link.PeerLink;
import dev.qrbeam.core.relay.RelayClient;
import dev.qrbeam.core.relay.RelayClientOptions;
import dev.qrbeam.protocol.chunk.ChunkLayout;
import dev.qrbeam.protocol.chunk.ChunkRef;
import dev.qrbeam.protocol.chunk.ReceiveOffer;
import dev.qrbeam.protocol.crypto.ChunkCipher;
import dev.qrbeam.protocol.crypto.ClaimMode;
import dev.qrbeam.protocol.crypto.ControlCipher;
import dev.qrbeam.protocol.crypto.ReceiverHandshake;
import dev.qrbeam.protocol.crypto.RecordSuite;
import dev.qrbeam.protocol.crypto.SessionKeys;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.protocol.manifest.Manifest;
import dev.qrbeam.protocol.manifest.ManifestCodec;
import dev.qrbeam.protocol.manifest.ManifestFile;
import dev.qrbeam.protocol.manifest.ManifestLimits;
import dev.qrbeam.protocol.message.Action;
import dev.qrbeam.protocol.message.RequestMessage;
import dev.qrbeam.protocol.pairing.Base64Url;
import dev.qrbeam.protocol.pairing.PairingCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays the phone page's part of a code-less receive (docs/protocol-transfer.md §6b) in Java, so the desktop side
 * is tested without a browser: scans the code, handshakes as the Noise initiator and claims, waits for
 * {@code receive}, sends the manifest of its files with the offered chunk size, then the chunks the desktop's
 * {@code resume} lists (in the suite it asks for), answers {@code stalled} with {@code sync} and Acknowledge with
 * the chunks again, and answers {@code done} with {@code bye}. A {@link Identity} kept across two scanners is a
 * page reload: the second one handshakes as resuming with the same token and transfer id.
 * {@link #outcome()} completes with "done", or with the error the page would show (a handshake error code, the
 * refusal, or the desktop's failure).
 */
public final class TestScanner implements QuietPeer, AutoCloseable {
    private static final int PART_CHARS = 16 * 1024;

    /** What a page keeps in sessionStorage across a reload: token, transfer id, and whether it claimed. */
    public static final class Identity {
        final byte[] token = new byte[16];
        final byte[] transferId = new byte[16];
        volatile boolean claimed;

        public Identity() {
            SecureRandom r = new SecureRandom();
            r.nextBytes(token);
            r.nextBytes(transferId);
        }
    }

    private final WireJson wire = new WireJson();
    private final PeerLink link = new PeerLink(wire, this);
    private final PairingCode code;
    private final List<Path> files;
    private final Identity id;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-scanner");
        t.setDaemon(true);
        return t;
    });
    private final CompletableFuture<String> outcome = new CompletableFuture<>();
    private final AtomicLong chunksSent = new AtomicLong();
    private final RelayClient client;
    private volatile ReceiverHandshake pending;
    private volatile ControlCodec controls;
    private volatile SessionKeys keys;
    private volatile ChunkCipher cipher;
    private volatile ChunkLayout layout;
    private volatile long epoch;
    private volatile long stopAfter = Long.MAX_VALUE;
    private volatile long tampered = -1;
    private volatile String suiteAsked;
    private volatile int chunkSizeOverride;

    /** Connects to the code's relay and starts the handshake at once. */
    public TestScanner(String pairingCode, List<Path> files, Identity id) throws Exception {
        this.code = PairingCode.parse(pairingCode);
        this.files = List.copyOf(files);
        this.id = id;
        this.client = RelayClient.connect(code.webSocketUri(), link, RelayClientOptions.defaults(), wire);
        link.attach(client);
        worker.execute(this::handshake);
    }

    /** Stops sending (silently, like a locked phone) once {@code n} chunks went out. */
    public TestScanner stopAfter(long n) {
        stopAfter = n;
        return this;
    }

    /** Writes {@code bytes} into its manifest as the chunk size, whatever the desktop offered (a broken page). */
    public TestScanner manifestChunkSize(int bytes) {
        chunkSizeOverride = bytes;
        return this;
    }

    /** Sends chunk {@code chunkId} with one ciphertext byte flipped, every time it is sent. */
    public TestScanner tamper(long chunkId) {
        tampered = chunkId;
        return this;
    }

    public CompletableFuture<String> outcome() {
        return outcome;
    }

    /** The chunk suite the desktop's last resume asked for (its wire name; null = none named). */
    public String suiteAsked() {
        return suiteAsked;
    }

    public long chunksSent() {
        return chunksSent.get();
    }

    private void handshake() {
        try {
            pending = new ReceiverHandshake(
                    code,
                    client.connectionId(),
                    id.token,
                    id.claimed ? ClaimMode.RESUME : ClaimMode.NEW,
                    new SecureRandom());
            client.sendText(wire.envelope(
                    Action.REQUEST, new RequestMessage(code.senderId(), Base64Url.encode(pending.message1()), "")));
        } catch (Exception e) {
            outcome.complete("error: " + e.getMessage());
        }
    }

    @Override
    public void onHandshake(String from, ObjectNode body) {
        ReceiverHandshake hs = pending;
        if (!from.equals(code.senderId()) || hs == null) {
            return;
        }
        if (body.hasNonNull("error")) {
            outcome.complete(body.path("error").asText());
            return;
        }
        try {
            byte[] claim = hs.accept(Base64Url.decodeOrNull(body.path("data").asText("")));
            id.claimed = true;
            keys = hs.keys();
            controls = new ControlCodec(wire, new ControlCipher(keys));
            cipher = null;
            worker.execute(() -> send(() -> link.sendControl(code.senderId(), claim)));
        } catch (dev.qrbeam.protocol.crypto.HandshakeException e) {
            outcome.complete(e.error().code());
        } catch (Exception e) {
            outcome.complete(e.getMessage());
        }
    }

    @Override
    public void onControl(String from, byte[] record) {
        ControlCodec c = controls;
        if (!from.equals(code.senderId()) || c == null) {
            return;
        }
        Control m;
        try {
            m = c.open(record);
        } catch (Exception e) {
            return;
        }
        switch (m.kind()) {
            case RECEIVE -> worker.execute(() -> sendManifest(ReceiveOffer.chunkSize(m.chunksize())));
            case RESUME -> {
                if (m.epoch() != null && m.epoch() == epoch) {
                    worker.execute(() -> stream(m));
                }
            }
            case STALLED -> worker.execute(() -> control(Control.sync(++epoch)));
            case DONE -> {
                control(Control.of(ControlType.BYE));
                outcome.complete("done");
            }
            case REFUSED -> outcome.complete("refused: " + m.code());
            case FAILURE, CANCEL -> outcome.complete("failure: " + m.message());
            default -> {}
        }
    }

    private void sendManifest(int offered) {
        int chunkSize = chunkSizeOverride > 0 ? chunkSizeOverride : offered;
        try {
            List<ManifestFile> entries = new ArrayList<>();
            long[] sizes = new long[files.size()];
            for (int i = 0; i < files.size(); i++) {
                Path f = files.get(i);
                sizes[i] = Files.size(f);
                entries.add(new ManifestFile(
                        f.getFileName().toString(),
                        sizes[i],
                        TestFiles.sha256(f),
                        Files.getLastModifiedTime(f).toMillis()));
            }
            layout = new ChunkLayout(sizes, chunkSize);
            String json = new ManifestCodec(wire, ManifestLimits.DEFAULT)
                    .write(new Manifest(
                            Manifest.VERSION, Base64Url.encode(id.transferId), chunkSize, List.of(), entries));
            long e = ++epoch;
            int count = Math.max(1, (json.length() + PART_CHARS - 1) / PART_CHARS);
            for (int i = 0; i < count; i++) {
                control(Control.manifestPart(
                        e, i, count, json.substring(i * PART_CHARS, Math.min(json.length(), (i + 1) * PART_CHARS))));
            }
        } catch (IOException e) {
            outcome.complete("error: " + e.getMessage());
        }
    }

    /** Sends every chunk the resume lists, in the suite it asks for. */
    private void stream(Control resume) {
        suiteAsked = resume.suite();
        RecordSuite suite = RecordSuite.fromWire(resume.suite());
        cipher = new ChunkCipher(keys, id.transferId, suite == null ? RecordSuite.AES_256_GCM : suite);
        BitSet want = new BitSet();
        long last = 0;
        for (long[] r : resume.missing()) {
            want.set((int) r[0], (int) r[1]);
            last = r[1];
        }
        if (Boolean.TRUE.equals(resume.truncated())) {
            want.set((int) last, (int) layout.chunkTotal());
        }
        want.stream().forEach(i -> sendChunk(i));
    }

    private void sendChunk(long chunkId) {
        if (chunksSent.get() >= stopAfter || outcome.isDone()) {
            return;
        }
        ChunkRef ref = layout.ref(chunkId);
        ByteBuffer plain = ByteBuffer.allocate(ref.length());
        try (FileChannel ch = FileChannel.open(files.get(ref.fileIndex()))) {
            while (plain.hasRemaining() && ch.read(plain, ref.offset() + plain.position()) > 0) {
                // read the whole chunk
            }
            plain.flip();
            ByteBuffer frame = ByteBuffer.allocate(PeerLink.HEADER_ROOM + ref.length() + ChunkCipher.OVERHEAD);
            frame.position(PeerLink.HEADER_ROOM);
            cipher.encrypt(ref, plain, frame);
            frame.flip();
            if (chunkId == tampered) {
                int at = PeerLink.HEADER_ROOM + 8;
                frame.put(at, (byte) (frame.get(at) ^ 1));
            }
            String hash = ChunkCipher.chunkHash(frame.duplicate().position(PeerLink.HEADER_ROOM));
            link.sendTransfer(code.senderId(), chunkId, ref.chunkTotal(), hash, frame);
            chunksSent.incrementAndGet();
        } catch (Exception e) {
            outcome.complete("error: " + e);
        }
    }

    @Override
    public void onAcknowledge(String from, boolean success, List<Long> missingChunkIds) {
        if (from.equals(code.senderId()) && !success && layout != null && cipher != null) {
            worker.execute(() -> missingChunkIds.forEach(this::sendChunk));
        }
    }

    private void control(Control m) {
        ControlCodec c = controls;
        send(() -> link.sendControl(code.senderId(), c.seal(m)));
    }

    private void send(IoAction a) {
        try {
            a.run();
        } catch (Exception e) {
            outcome.complete("error: " + e);
        }
    }

    private interface IoAction {
        void run() throws Exception;
    }

    @Override
    public void onTransfer(String from, long chunkId, long chunkTotal, String chunkHash, ByteBuffer data) {}

    /** Drops the connection without a word (a reload or a locked screen). */
    @Override
    public void close() {
        outcome.complete("closed");
        worker.shutdownNow();
        client.close();
    }
}
