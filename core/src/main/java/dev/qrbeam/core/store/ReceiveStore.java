package dev.qrbeam.core.store;

import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.TransferException;
import dev.qrbeam.protocol.chunk.ChunkLayout;
import dev.qrbeam.protocol.chunk.ChunkRef;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.BitSet;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.IntConsumer;

/**
 * The receiver's resumable chunk store. Each file is written to a {@code .part} file beside its target; verified
 * chunk ids go to a journal in {@code stateDir}. When a file's last chunk arrives its whole-file SHA-256 is checked
 * and only then is it moved to its final name, never replacing an existing file (a fresh unique name is chosen).
 * Data is forced before the journal records it (every {@value #SYNC_BYTES} bytes, every second, and on close); a
 * finished file's data is forced before it is renamed, and its record in the {@link StoreState} log reaches the OS
 * at once (one small append per file: linear in the number of files).
 */
public final class ReceiveStore implements AutoCloseable {
    static final long SYNC_BYTES = 64L << 20;
    private static final long SYNC_NANOS = 1_000_000_000L;

    private final Path root;
    private final ChunkLayout layout;
    private final List<StoreFile> files;
    private final StoreState state;
    private final Journal journal;
    private final BitSet have = new BitSet();
    private final FileSink[] sinks;
    private final long[] doneBytes;
    private final StoreNames names;
    private final DirectWriter directWriter;
    private final DurableBatch batch = new DurableBatch();
    private IntConsumer onPlaced = file -> {};
    private long missing;
    private int placed;
    private long unsynced;
    private long lastSync = System.nanoTime();

    private ReceiveStore(
            Path root,
            Path stateDir,
            String manifestId,
            ChunkLayout layout,
            List<StoreFile> files,
            BiFunction<Path, String, String> uniqueName,
            boolean directWrites)
            throws IOException {
        this.root = root;
        this.directWriter = new DirectWriter(directWrites);
        this.layout = layout;
        this.files = List.copyOf(files);
        this.sinks = new FileSink[files.size()];
        this.doneBytes = new long[files.size()];
        PrivateFiles.createDirectories(stateDir);
        this.state = new StoreState(stateDir);
        this.names = new StoreNames(root, state, this.files, uniqueName);
        Path journalFile = stateDir.resolve("journal.bin");
        if (!manifestId.equals(state.get("manifest"))
                || !String.valueOf(layout.chunkSize()).equals(state.get("chunksize"))) {
            names.discardStale();
            Files.deleteIfExists(journalFile);
            state.reset(java.util.Map.of("manifest", manifestId, "chunksize", String.valueOf(layout.chunkSize())));
        }
        this.journal = Journal.open(journalFile, layout.chunkTotal(), have);
        for (int i = 0; i < files.size(); i++) {
            int first = (int) layout.firstChunk(i);
            int end = (int) (first + layout.chunkCount(i));
            if (isDone(i)) {
                placed++;
                have.set(first, end);
            } else {
                Path part = names.partPath(i);
                if (part == null || !Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS)) {
                    have.clear(first, end);
                } else if (end > first && have.nextClearBit(first) >= end) {
                    have.clear(end - 1); // verified but not placed before a crash: its last chunk re-checks it
                }
            }
            doneBytes[i] = MissingChunks.bytesHeld(have, layout, i);
        }
        this.missing = layout.chunkTotal() - have.cardinality();
    }

    /**
     * Opens (or resumes) the store for one manifest. A state dir holding another manifest's state is reset, and the
     * {@code .part} files it names are removed.
     *
     * @param uniqueName picks a free name in a directory for a wanted name (e.g. "a (1).txt")
     * @param directWrites write whole chunks around the page cache where the file system allows it
     *     ({@link DirectWriter}); off: every write goes through the page cache
     */
    public static ReceiveStore open(
            Path destination,
            Path stateDir,
            String manifestId,
            int chunkSize,
            List<StoreFile> files,
            BiFunction<Path, String, String> uniqueName,
            boolean directWrites)
            throws IOException {
        Files.createDirectories(destination);
        Path root = destination.toRealPath();
        long[] sizes = files.stream().mapToLong(StoreFile::size).toArray();
        ReceiveStore store = new ReceiveStore(
                root, stateDir, manifestId, new ChunkLayout(sizes, chunkSize), files, uniqueName, directWrites);
        store.checkSpace();
        return store;
    }

    private void checkSpace() throws IOException {
        long needed = 0;
        for (int i = 0; i < files.size(); i++) {
            needed += files.get(i).size() - doneBytes[i];
        }
        long free = Files.getFileStore(root).getUsableSpace();
        if (needed > free) {
            throw new TransferException(
                    FailureCode.DISK_FULL,
                    String.format("not enough space in %s: %,d bytes needed, %,d free", root, needed, free));
        }
    }

    /** Called (on the thread that stored the chunk) each time a file was verified, forced and put in place. */
    public void onPlaced(IntConsumer listener) {
        this.onPlaced = listener;
    }

    public ChunkLayout layout() {
        return layout;
    }

    public boolean has(long chunkId) {
        return have.get((int) chunkId);
    }

    public boolean isDone(int file) {
        return names.isDone(file);
    }

    /** Where file {@code i} ended up, once done (null if not done or the record points outside the folder). */
    public Path finalPath(int file) {
        return names.finalPath(file);
    }

    public long bytesDone(int file) {
        return doneBytes[file];
    }

    /** Every file verified and in place; O(1) (it is asked after every chunk). */
    public boolean isComplete() {
        return placed == files.size();
    }

    /** Chunk ids not yet verified, in order, at most {@code max} of them. */
    public List<Long> missing(int max) {
        return MissingChunks.ids(have, layout.chunkTotal(), max);
    }

    /** Missing ids as {@code [start, end)} ranges, at most {@code max}; {@code truncated} if there were more. */
    public MissingRanges missingRanges(int max) {
        return MissingChunks.ranges(have, layout.chunkTotal(), max);
    }

    /** See {@link #missingRanges(int)}. */
    public record MissingRanges(List<long[]> ranges, boolean truncated) {}

    /**
     * Deletes the {@code .part} files of unfinished files (cancel); finished (verified) files stay. A failure (to put
     * a verified file in place, to close or delete one file) does not stop the others from being deleted; the first
     * one is thrown at the end.
     */
    public void discardParts() throws IOException {
        IOException first = null;
        try {
            placeBatch();
        } catch (IOException e) {
            first = e;
        }
        for (int i = 0; i < files.size(); i++) {
            try {
                if (sinks[i] != null) {
                    FileSink sink = sinks[i];
                    sinks[i] = null;
                    sink.close();
                }
                Path part = isDone(i) ? null : names.partPath(i);
                if (part != null) {
                    Files.deleteIfExists(part);
                }
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Bytes this store wrote around the page cache (see {@link DirectWriter}). */
    long directBytes() {
        return directWriter.written();
    }

    /**
     * Stores one authenticated chunk. The length must be exactly what the manifest implies. A file whose last chunk
     * arrives is verified at once and put in place with the next batch ({@link #onPlaced}): when
     * {@value DurableBatch#MAX_FILES} files are waiting, on {@link #sync}, and when the transfer is complete.
     *
     * @throws TransferException INTEGRITY if the length disagrees or the whole-file hash fails
     */
    public void accept(long chunkId, ByteBuffer plain) throws IOException {
        if (chunkId < 0 || chunkId >= layout.chunkTotal()) {
            throw new TransferException(FailureCode.PROTOCOL, "chunk id out of range: " + chunkId);
        }
        ChunkRef ref = layout.ref(chunkId);
        int file = ref.fileIndex();
        if (have.get((int) chunkId)) {
            return;
        }
        if (plain.remaining() != ref.length()) {
            String name = SafeDirs.printable(files.get(file).relativePath());
            throw new TransferException(
                    FailureCode.INTEGRITY,
                    String.format(
                            "chunk %d of %s has %d bytes, the manifest implies %d",
                            chunkId, name, plain.remaining(), ref.length()));
        }
        sink(file).write(chunkId, plain, have);
        have.set((int) chunkId);
        unsynced += plain.remaining();
        stored(chunkId, file, plain.remaining());
    }

    /**
     * Writes one authenticated piece of a chunk that is not stored yet, at its place in the {@code .part} file. It is
     * not journaled: once every piece is written, {@link #completePieces} records the chunk like {@link #accept}.
     *
     * @throws TransferException INTEGRITY if the piece does not lie inside the chunk
     */
    public void writePiece(long chunkId, int pieceOffset, ByteBuffer plain) throws IOException {
        ChunkRef ref = layout.ref(chunkId);
        if (have.get((int) chunkId)) {
            return;
        }
        if (pieceOffset < 0 || (long) pieceOffset + plain.remaining() > ref.length()) {
            throw new TransferException(
                    FailureCode.INTEGRITY, "piece at " + pieceOffset + " lies outside chunk " + chunkId);
        }
        sink(ref.fileIndex()).writePiece(chunkId, pieceOffset, plain);
        unsynced += plain.remaining();
    }

    /** Every piece of {@code chunkId} was written ({@link #writePiece}): records the chunk as {@link #accept} does. */
    public void completePieces(long chunkId) throws IOException {
        ChunkRef ref = layout.ref(chunkId);
        if (have.get((int) chunkId)) {
            return;
        }
        have.set((int) chunkId);
        sink(ref.fileIndex()).completed(have);
        stored(chunkId, ref.fileIndex(), ref.length());
    }

    /** Journals a chunk just set in {@code have}, verifies its file when complete, syncs when due. */
    private void stored(long chunkId, int file, int length) throws IOException {
        missing--;
        journal.add(chunkId);
        doneBytes[file] += length;
        if (haveAll(file)) {
            verifyFile(file);
        }
        if (missing == 0
                || batch.full()
                || unsynced >= SYNC_BYTES
                || journal.needsFlush()
                || System.nanoTime() - lastSync > SYNC_NANOS) {
            sync();
        }
    }

    private boolean haveAll(int file) {
        int first = (int) layout.firstChunk(file);
        int end = (int) (first + layout.chunkCount(file));
        return have.nextClearBit(first) >= end;
    }

    private FileSink sink(int file) throws IOException {
        if (sinks[file] == null) {
            Path target = names.target(file);
            SafeDirs.create(root, target.getParent());
            Path part = names.partPath(file);
            if (part == null) {
                part = names.newPart(file, target);
                Files.deleteIfExists(part);
            }
            if (Files.isSymbolicLink(part)) {
                throw new TransferException(FailureCode.IO, "refused to write through a symbolic link: " + part);
            }
            sinks[file] = new FileSink(part, layout, file, files.get(file).size(), directWriter);
        }
        return sinks[file];
    }

    /** {@link #sync} when verified files have waited a second for their names (the session's timer calls this). */
    public void syncIfDue() throws IOException {
        if (!batch.isEmpty() && System.nanoTime() - lastSync > SYNC_NANOS) {
            sync();
        }
    }

    /** Forces written data and puts verified files in place, then records it in the journal. */
    public void sync() throws IOException {
        for (FileSink s : sinks) {
            if (s != null) {
                s.force();
            }
        }
        placeBatch();
        state.force();
        journal.flush();
        unsynced = 0;
        lastSync = System.nanoTime();
    }

    private void verifyFile(int file) throws IOException {
        FileSink sink = sink(file);
        byte[] actual = sink.finish(have);
        sinks[file] = null;
        StoreFile f = files.get(file);
        if (!MessageDigest.isEqual(actual, f.sha256())) {
            sink.close();
            Files.deleteIfExists(sink.part());
            forget(file);
            throw new TransferException(
                    FailureCode.INTEGRITY,
                    "whole-file SHA-256 of " + SafeDirs.printable(f.relativePath())
                            + " does not match the manifest; the file was discarded");
        }
        batch.add(sink);
    }

    /** Forces the verified files' data, then gives each its final name (never replacing a file) and records it. */
    private void placeBatch() throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        for (FileSink sink : batch.forceAll()) {
            int file = sink.file();
            names.place(file, sink.part());
            placed++;
            onPlaced.accept(file);
        }
    }

    /** Marks every chunk of {@code file} missing again (its data was discarded). */
    private void forget(int file) throws IOException {
        int first = (int) layout.firstChunk(file);
        have.clear(first, (int) (first + layout.chunkCount(file)));
        missing += layout.chunkCount(file);
        doneBytes[file] = 0;
        names.forgetPart(file);
    }

    @Override
    public void close() throws IOException {
        try {
            sync();
        } finally {
            for (FileSink s : sinks) {
                if (s != null) {
                    s.close();
                }
            }
            batch.close();
            journal.close();
            state.close();
        }
    }
}
