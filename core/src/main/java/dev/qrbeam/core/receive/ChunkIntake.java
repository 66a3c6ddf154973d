package dev.qrbeam.core.receive;

import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.TransferException;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.control.Control;
import dev.qrbeam.core.session.SessionContext;
import dev.qrbeam.core.store.DiskErrors;
import dev.qrbeam.core.store.ReceiveStore;
import dev.qrbeam.core.store.StoreFile;
import dev.qrbeam.protocol.chunk.ChunkException;
import dev.qrbeam.protocol.chunk.ChunkLayout;
import dev.qrbeam.protocol.chunk.ChunkRef;
import dev.qrbeam.protocol.chunk.MissingIds;
import dev.qrbeam.protocol.chunk.Pieces;
import dev.qrbeam.protocol.chunk.ReceiveOffer;
import dev.qrbeam.protocol.crypto.ChunkCipher;
import dev.qrbeam.protocol.crypto.RecordError;
import dev.qrbeam.protocol.crypto.RecordException;
import dev.qrbeam.protocol.crypto.RecordSuite;
import dev.qrbeam.protocol.crypto.SessionKeys;
import dev.qrbeam.protocol.manifest.Manifest;
import dev.qrbeam.protocol.manifest.ManifestCodec;
import dev.qrbeam.protocol.manifest.ManifestException;
import dev.qrbeam.protocol.manifest.ManifestFile;
import dev.qrbeam.protocol.manifest.ManifestLimits;
import dev.qrbeam.protocol.manifest.SafePath;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiver's data path: assembles and validates the manifest, opens the resumable {@link ReceiveStore},
 * authenticates every chunk (chunkhash, then AEAD bound to transfer, file, id, total, offset and last-flag) before
 * a single byte is written, re-requests chunks that failed, and hands out window credit. A chunk that keeps
 * failing ends the transfer with INTEGRITY: after {@value #MAX_CHUNK_FAILURES} failures of the same chunk, or
 * after {@value #MAX_FAILED_STREAK} failed records in a row with no chunk verified in between. A corrupting link
 * fails records at random (DisconnectTest's bit flip in 2% of TCP reads fails about half of all 1 MiB records):
 * that must only slow the transfer. The old limit, 8 failures of one chunk, is reached by chance with p = 0.5 at
 * 0.5^9 = 0.2% per chunk, a few % per 48-chunk run; 32 is out of reach of chance (2^-33) while a sender that
 * keeps lying still ends with a clear error. Chunks may also arrive as piece records (a failed piece costs only
 * itself, docs/protocol-transfer.md §5): each is written at its offset, the {@link PieceTracker} says when the chunk
 * is whole, and a re-request is preceded by a {@code have} hint naming the parts already here.
 * Synchronized: reader thread, timer and cancel meet here.
 */
final class ChunkIntake {
    private static final Logger LOG = LoggerFactory.getLogger(ChunkIntake.class);
    private static final int MAX_CHUNK_FAILURES = 32;
    private static final int MAX_FAILED_STREAK = 32;
    private static final int MAX_RANGES = 1000;

    private final SessionContext ctx;
    private final IntakeSession session;
    private final Terms terms;
    private final Path destination;
    private final Path storeDir;
    private final TreeSet<Long> requests = new TreeSet<>();

    private int[] failures;
    private int failedStreak;
    private SessionKeys keys;
    private ChunkCipher cipher;
    private Manifest manifest;
    private ChunkLayout layout;
    private ReceiveStore store;
    private ByteBuffer plain;
    private final ManifestParts parts = new ManifestParts();
    private final PieceTracker pieces;
    private String manifestHash;
    private long creditBytes;
    private long lastChunk = -1;
    private long verified;
    private boolean closed;

    /**
     * What this receiver asks of the data sender: the chunk record suite it names in every {@code resume}, the
     * chunk size the manifest must use (0: the sender's choice; a code-less receiver fixes it, §6b), and the
     * smallest piece it accepts ({@code pieces}, 0: whole chunks only).
     */
    record Terms(RecordSuite suite, int chunkSize, int pieces) {
        /** A receiver that scanned a desktop's code: AES-256-GCM, the sender's chunk size, pieces. */
        static final Terms SCANNED = new Terms(RecordSuite.AES_256_GCM, 0, Pieces.GRANULE);
    }

    ChunkIntake(SessionContext ctx, IntakeSession session, Path destination, Path storeDir, Terms terms) {
        this.ctx = ctx;
        this.session = session;
        this.terms = terms;
        this.destination = destination;
        this.storeDir = storeDir;
        this.pieces = new PieceTracker(terms.pieces());
    }

    /** New session keys (null while unpaired): chunks under old keys are dropped from now on. */
    synchronized void keys(SessionKeys k) {
        keys = k;
        cipher = null;
        parts.clear();
    }

    /** The manifest arrived under the current keys (a resume can be and was answered). */
    synchronized boolean hasManifest() {
        return cipher != null && store != null;
    }

    synchronized boolean active() {
        return cipher != null && store != null && !store.isComplete() && !closed;
    }

    /** One part of the manifest ({@link ManifestParts}); the whole manifest is accepted once all parts are in. */
    synchronized void manifestPart(Control m) {
        if (closed || keys == null) {
            return;
        }
        try {
            String json = parts.add(m);
            if (json == null) {
                return;
            }
            ManifestCodec codec = new ManifestCodec(ctx.wire, ManifestLimits.DEFAULT);
            Manifest read = codec.read(json);
            accept(read, codec.fingerprint(read), m.epoch());
        } catch (ManifestException e) {
            session.fail(
                    new TransferException(FailureCode.PROTOCOL, "refused the sender's manifest: " + e.getMessage()));
        } catch (TransferException e) {
            session.fail(e);
        } catch (IOException e) {
            session.fail(new TransferException(FailureCode.IO, e.getMessage(), e));
        }
    }

    private void accept(Manifest m, String hash, long epoch) throws IOException {
        if (manifest != null && !manifest.transferId().equals(m.transferId())) {
            throw new TransferException(FailureCode.PROTOCOL, "the sender switched to a different transfer");
        }
        if (manifestHash != null && !manifestHash.equals(hash)) {
            throw new TransferException(FailureCode.PROTOCOL, "the sender changed the list of files of this transfer");
        }
        if (terms.chunkSize() > 0) {
            try {
                ReceiveOffer.checkManifest(terms.chunkSize(), m.chunkSize());
            } catch (ChunkException e) {
                throw new TransferException(FailureCode.PROTOCOL, "refused the sender's manifest: " + e.getMessage());
            }
        }
        if (store == null) {
            openStore(m, hash);
        }
        cipher = new ChunkCipher(keys, m.transferIdBytes(), terms.suite());
        resume(epoch);
        if (store.isComplete()) {
            session.completed();
        } else {
            ctx.threads.progress.state(TransferState.TRANSFERRING);
        }
    }

    /** Resume state is keyed by the manifest's fingerprint: another manifest, even with the same id, starts afresh. */
    private void openStore(Manifest m, String hash) throws IOException {
        Files.createDirectories(destination);
        Path root = destination.toRealPath();
        for (String folder : m.folders()) {
            Path dir = SafePath.resolve(root, folder);
            SafePath.checkNoSymlinks(root, dir);
            Files.createDirectories(dir);
        }
        List<StoreFile> files = new ArrayList<>();
        for (ManifestFile f : m.files()) {
            SafePath.resolve(root, f.path());
            files.add(new StoreFile(f.path(), f.size(), HexFormat.of().parseHex(f.sha256())));
        }
        store = ReceiveStore.open(
                root,
                storeDir,
                m.transferId() + ":" + m.chunkSize() + ":" + hash,
                m.chunkSize(),
                files,
                (dir, name) ->
                        SafePath.uniqueName(dir.resolve(name)).getFileName().toString(),
                ctx.config.directWrites());
        store.onPlaced(i -> ctx.threads.progress.fileState(i, TransferState.DONE));
        manifest = m;
        manifestHash = hash;
        layout = store.layout();
        failures = new int[(int) layout.chunkTotal()];
        plain = ByteBuffer.allocate(m.chunkSize());
        long[] sizes = files.stream().mapToLong(StoreFile::size).toArray();
        ctx.threads.progress.files(files.stream().map(StoreFile::relativePath).toList(), sizes);
        for (int i = 0; i < files.size(); i++) {
            ctx.threads.progress.fileBytes(i, store.bytesDone(i));
            if (store.isDone(i)) {
                ctx.threads.progress.fileState(i, TransferState.DONE);
            }
            verified += store.bytesDone(i);
        }
    }

    /**
     * Tells the sender exactly what is still missing (answers manifest and sync of {@code epoch}). Not before the
     * manifest arrived under the current keys (no cipher yet): an answer would make the sender stream chunks this
     * side must drop; silence makes it send the manifest again.
     */
    synchronized void resume(long epoch) {
        if (store == null || cipher == null || closed) {
            return;
        }
        ReceiveStore.MissingRanges r = store.missingRanges(MAX_RANGES);
        requests.clear();
        creditBytes = 0;
        session.noteSync();
        for (long id : pieces.chunks()) {
            sendHave(id);
        }
        session.sendControl(Control.resume(
                epoch,
                r.ranges(),
                r.truncated(),
                terms.suite() == RecordSuite.AES_256_GCM ? null : terms.suite().wire(),
                pieces.granule() == 0 ? null : pieces.granule()));
    }

    synchronized void chunk(long id, long total, String hash, ByteBuffer data) {
        if (closed || cipher == null || store == null) {
            return;
        }
        if (total != layout.chunkTotal() || id < 0 || id >= total) {
            LOG.debug("dropping chunk {} of {}: not this transfer's numbering", id, total);
            return;
        }
        if (store.has(id)) {
            credit(id, 0);
            return;
        }
        ChunkRef ref = layout.ref(id);
        boolean piece = pieces.granule() > 0 && ChunkCipher.isPiece(ref, data.remaining());
        int recordBytes = data.remaining();
        int pieceOffset = 0;
        plain.clear();
        try {
            ChunkCipher.checkChunkHash(hash, data);
            if (piece) {
                pieceOffset = cipher.decryptPiece(ref, pieces.granule(), data, plain);
            } else {
                cipher.decrypt(ref, data, plain);
            }
        } catch (RecordException e) {
            if (e.error() != RecordError.REPLAYED) {
                LOG.debug("chunk {} refused: {}", id, e.getMessage());
                ctx.threads.progress.resentBytes(
                        Math.max(0, recordBytes - (piece ? ChunkCipher.PIECE_OVERHEAD : ChunkCipher.OVERHEAD)));
                request(id);
            }
            return;
        }
        plain.flip();
        try {
            if (piece) {
                int length = plain.remaining();
                store.writePiece(id, pieceOffset, plain);
                if (!pieces.add(ref, pieceOffset, length)) {
                    failedStreak = 0;
                    credit(id, length);
                    return;
                }
                store.completePieces(id);
            } else {
                store.accept(id, plain);
                pieces.forget(id);
            }
            ctx.threads.progress.fileBytes(ref.fileIndex(), store.bytesDone(ref.fileIndex()));
        } catch (TransferException e) {
            session.fail(e);
            return;
        } catch (IOException e) {
            session.fail(writeFailure(e));
            return;
        }
        verified += ref.length();
        failedStreak = 0;
        credit(id, ref.length());
        if (store.isComplete()) {
            ctx.threads.progress.state(TransferState.VERIFYING);
            session.completed();
        }
    }

    private void request(long id) {
        if (++failures[(int) id] > MAX_CHUNK_FAILURES || ++failedStreak > MAX_FAILED_STREAK) {
            session.fail(new TransferException(
                    FailureCode.INTEGRITY,
                    "chunk " + id + " failed verification " + failures[(int) id] + " times (" + failedStreak
                            + " records in a row failed); giving up"));
            return;
        }
        requests.add(id);
    }

    /** Window credit: reports the last chunk received every quarter window (and from the timer). */
    private void credit(long id, int bytes) {
        lastChunk = id;
        creditBytes += Math.max(bytes, 1);
        if (creditBytes >= ctx.config.windowBytes() / 4) {
            sendCredit();
        }
    }

    private void sendCredit() {
        creditBytes = 0;
        session.sendControlNow(Control.progress(lastChunk, verified));
    }

    /** Timer: sends pending re-requests as one Acknowledge and any outstanding credit. */
    synchronized void flushRequests() {
        if (closed) {
            return;
        }
        if (creditBytes > 0 && lastChunk >= 0) {
            sendCredit();
        }
        if (store != null) {
            try {
                store.syncIfDue();
            } catch (IOException e) {
                session.fail(writeFailure(e));
                return;
            }
        }
        List<Long> ids = new ArrayList<>();
        for (var it = requests.iterator(); it.hasNext() && ids.size() < MissingIds.MAX_IDS; ) {
            long id = it.next();
            if (!pieces.arriving(id)) { // its other pieces may still be on the way: ask when they are in
                it.remove();
                ids.add(id);
                sendHave(id);
            }
        }
        pieces.flushed();
        if (ids.isEmpty()) {
            return;
        }
        ctx.threads.progress.resent(ids.size());
        session.sendAcknowledge(false, ids);
    }

    private static TransferException writeFailure(IOException e) {
        return new TransferException(
                DiskErrors.isDiskFull(e) ? FailureCode.DISK_FULL : FailureCode.IO,
                "cannot write: " + e.getMessage(),
                e);
    }

    /**
     * Tells the sender which parts of {@code id} are already here, before the message that asks for it again (the
     * same control thread keeps the order), so only the missing pieces come back.
     */
    private void sendHave(long id) {
        String have = pieces.have(id);
        if (have != null) {
            session.sendControl(Control.have(id, have));
        }
    }

    synchronized void close(boolean discard) {
        if (closed) {
            return;
        }
        closed = true;
        if (store == null) {
            return;
        }
        try {
            if (discard) {
                store.discardParts();
            }
        } catch (IOException e) {
            LOG.warn("deleting the unfinished .part files: {}", e.toString());
        } finally {
            try {
                store.close();
            } catch (IOException e) {
                LOG.debug("closing the store: {}", e.getMessage());
            }
        }
    }
}
