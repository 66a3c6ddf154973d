package dev.qrbeam.core.send;

import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.TransferException;
import dev.qrbeam.core.control.Control;
import dev.qrbeam.core.control.ControlCodec;
import dev.qrbeam.core.link.PeerLink;
import dev.qrbeam.core.session.SessionContext;
import dev.qrbeam.core.session.SessionThreads;
import dev.qrbeam.protocol.chunk.ChunkLayout;
import dev.qrbeam.protocol.chunk.ChunkRef;
import dev.qrbeam.protocol.chunk.ChunkSizing;
import dev.qrbeam.protocol.crypto.ChunkCipher;
import dev.qrbeam.protocol.crypto.RecordException;
import dev.qrbeam.protocol.manifest.Manifest;
import dev.qrbeam.protocol.manifest.ManifestCodec;
import dev.qrbeam.protocol.manifest.ManifestException;
import dev.qrbeam.protocol.manifest.ManifestFile;
import dev.qrbeam.protocol.manifest.ManifestLimits;
import dev.qrbeam.protocol.pairing.Base64Url;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender's data thread: snapshots the sources (hashing them), builds the manifest, then streams chunks —
 * read from disk into one reused buffer, encrypted into one reused frame, sent with at most one send in flight —
 * in the order the {@link SendPlan} gives, within its window, each whole or in the pieces its {@link PiecePlan}
 * cuts. Never holds more than one chunk in memory.
 */
final class SendPump {
    private static final Logger LOG = LoggerFactory.getLogger(SendPump.class);
    private static final int MANIFEST_PART_CHARS = 16 * 1024;

    private final SessionContext ctx;
    private final SendSession session;
    private final CompletableFuture<String> manifest = new CompletableFuture<>();
    private volatile ChunkLayout layout;
    private volatile SendPlan plan;
    private volatile long lastSend = System.nanoTime();
    private byte[] transferId;
    private List<SourceFile> files;
    private long[] firstSent;

    SendPump(SessionContext ctx, SendSession session) {
        this.ctx = ctx;
        this.session = session;
    }

    void start() {
        SessionThreads.daemon(this::run, "qrbeam-send-pump").start();
    }

    ChunkLayout layout() {
        return layout;
    }

    /** Null until the sources are scanned. */
    SendPlan plan() {
        return plan;
    }

    /** The scanned source file {@code index}, or null (not scanned yet, or out of range). */
    SourceFile file(int index) {
        List<SourceFile> f = files;
        return f == null || index < 0 || index >= f.size() || layout == null ? null : f.get(index);
    }

    long lastSend() {
        return lastSend;
    }

    private void run() {
        try {
            prepare();
            stream();
        } catch (TransferException e) {
            session.fail(e);
        } catch (IOException e) {
            session.fail(new TransferException(FailureCode.IO, e.getMessage(), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("send pump crashed", e);
            session.fail(new TransferException(FailureCode.PROTOCOL, "internal error: " + e));
        }
        if (!manifest.isDone()) {
            manifest.completeExceptionally(new IOException("no manifest"));
        }
    }

    /** Scans (or re-checks a saved snapshot), fixes transfer id and chunk size, builds the manifest. */
    private void prepare() throws IOException {
        SendSessionState saved = session.saved();
        SourceScanner.Scan scan = saved.scan();
        if (scan == null) {
            scan = SourceScanner.scan(session.sources());
        } else {
            for (SourceFile f : scan.files()) {
                SourceReader.check(f);
            }
        }
        files = scan.files();
        transferId = saved.bytes("transferid");
        if (transferId == null) {
            transferId = new byte[16];
            new SecureRandom().nextBytes(transferId);
            saved.putBytes("transferid", transferId);
        }
        int chunkSize = saved.get("chunksize") != null ? Integer.parseInt(saved.get("chunksize")) : chooseChunkSize();
        saved.put("chunksize", Integer.toString(chunkSize));
        saved.files(scan.files(), scan.emptyDirs());
        saved.put("scanned", "true");
        session.saveQuietly();
        long[] sizes = files.stream().mapToLong(SourceFile::size).toArray();
        layout = new ChunkLayout(sizes, chunkSize);
        firstSent = new long[files.size()];
        List<ManifestFile> entries = new ArrayList<>();
        for (SourceFile f : files) {
            entries.add(new ManifestFile(
                    f.relativePath(), f.size(), HexFormat.of().formatHex(f.sha256()), f.modifiedMillis()));
        }
        Manifest m = new Manifest(Manifest.VERSION, Base64Url.encode(transferId), chunkSize, scan.emptyDirs(), entries);
        String json;
        try {
            json = new ManifestCodec(ctx.wire, ManifestLimits.DEFAULT).write(m);
        } catch (ManifestException e) {
            throw new TransferException(FailureCode.IO, "cannot send this: " + e.getMessage(), e);
        }
        synchronized (session.lock()) {
            plan = new SendPlan(layout.chunkTotal(), ctx.config.windowBytes(), chunkSize);
        }
        ctx.threads.progress.files(files.stream().map(SourceFile::relativePath).toList(), sizes);
        manifest.complete(json);
    }

    private int chooseChunkSize() {
        var l = ctx.link.limits();
        int fits = ChunkSizing.choose(l.binary(), l.maxBinaryBytes(), l.maxTextBytes(), l.maxFrameBytes());
        return ctx.config.chunkSize() > 0 ? Math.min(ctx.config.chunkSize(), fits) : fits;
    }

    /** Completes when the manifest is built (or cannot be): queue {@link #sendManifest} only then. */
    CompletableFuture<String> manifestReady() {
        return manifest;
    }

    /** Sends the manifest in parts (runs on the control thread; waits for the scan). */
    void sendManifest(String to, ControlCodec controls, long epoch) throws IOException, InterruptedException {
        String json;
        try {
            json = manifest.get();
        } catch (ExecutionException e) {
            return;
        }
        int count = Math.max(1, (json.length() + MANIFEST_PART_CHARS - 1) / MANIFEST_PART_CHARS);
        for (int i = 0; i < count; i++) {
            String part =
                    json.substring(i * MANIFEST_PART_CHARS, Math.min(json.length(), (i + 1) * MANIFEST_PART_CHARS));
            ctx.link.sendControl(to, controls.seal(Control.manifestPart(epoch, i, count, part)));
        }
    }

    private void stream() throws IOException, InterruptedException {
        int chunkSize = layout.chunkSize();
        ByteBuffer plain = ByteBuffer.allocate(chunkSize);
        ByteBuffer frame = ByteBuffer.allocate(PeerLink.HEADER_ROOM + chunkSize + ChunkCipher.PIECE_OVERHEAD);
        ChunkCipher cipher = null;
        int cipherGeneration = -1;
        Object lock = session.lock();
        try (SourceReader reader = new SourceReader(files)) {
            while (true) {
                long id;
                SendPeer.Paired p;
                int[][] cut;
                int granule;
                ChunkRef ref;
                synchronized (lock) {
                    while (!session.isTerminal()
                            && (session.awaitingResume()
                                    || session.paired() == null
                                    || !plan.hasWork()
                                    || !plan.windowOpen())) {
                        lock.wait(200);
                    }
                    if (session.isTerminal()) {
                        return;
                    }
                    id = plan.take();
                    p = session.paired();
                    ref = layout.ref(id);
                    cut = plan.pieces().cut(ref);
                    granule = plan.pieces().granule();
                }
                if (p.generation() != cipherGeneration) {
                    cipher = new ChunkCipher(p.keys(), transferId, p.suite());
                    cipherGeneration = p.generation();
                }
                reader.read(ref.fileIndex(), ref.offset(), ref.length(), plain);
                int bytes = 0;
                int records = 0;
                try {
                    for (int[] piece : cut) {
                        seal(cipher, ref, granule, piece, plain, frame);
                        String hash = ChunkCipher.chunkHash(frame.duplicate().position(PeerLink.HEADER_ROOM));
                        ctx.link.sendTransfer(p.peer(), id, ref.chunkTotal(), hash, frame);
                        bytes += piece[1];
                        records++;
                    }
                } catch (IOException e) {
                    LOG.debug("chunk {} not sent: {}", id, e.getMessage());
                }
                lastSend = System.nanoTime();
                boolean again;
                synchronized (lock) {
                    if (records < cut.length) { // the connection dropped: the whole chunk waits for the next one
                        plan.putBack(id);
                        continue;
                    }
                    again = plan.sent(id, bytes);
                    plan.pieces().sent(records, bytes);
                }
                if (again) {
                    ctx.threads.progress.resent(1);
                    ctx.threads.progress.resentBytes(bytes);
                } else {
                    firstSent[ref.fileIndex()] += ref.length();
                    ctx.threads.progress.fileBytes(ref.fileIndex(), firstSent[ref.fileIndex()]);
                }
            }
        }
    }

    /**
     * Encrypts {@code piece} ({@code [offset, length]} of the chunk in {@code plain}) into {@code frame} after the
     * header room: the whole chunk as a chunk record, anything less as a piece record.
     */
    private static void seal(
            ChunkCipher cipher, ChunkRef ref, int granule, int[] piece, ByteBuffer plain, ByteBuffer frame)
            throws TransferException {
        frame.clear().position(PeerLink.HEADER_ROOM);
        ByteBuffer part = plain.duplicate();
        part.position(piece[0]).limit(piece[0] + piece[1]);
        try {
            if (piece[1] == ref.length()) {
                cipher.encrypt(ref, part, frame);
            } else {
                cipher.encryptPiece(ref, granule, piece[0], part, frame);
            }
        } catch (RecordException e) {
            throw new TransferException(FailureCode.PROTOCOL, e.getMessage(), e);
        }
        frame.flip();
    }

    long resentBytes() {
        SendPlan p = plan;
        return p == null ? 0 : p.resentBytes();
    }
}
