package dev.qrbeam.core.store;

import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.TransferException;
import dev.qrbeam.protocol.chunk.ChunkLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.BitSet;

/**
 * The {@code .part} file of one incoming file. Hashes incrementally while chunks arrive in order (reading back from
 * disk only what arrived out of order), so the whole-file check after the last chunk costs little.
 */
final class FileSink implements AutoCloseable {
    private final Path part;
    private final ChunkLayout layout;
    private final int file;
    private final long size;
    private final FileChannel channel;
    private final DirectWriter directWriter;
    private FileChannel direct;
    private boolean directTried;
    private final MessageDigest digest;
    private long hashedChunks;
    private boolean dirty;

    FileSink(Path part, ChunkLayout layout, int file, long size, DirectWriter directWriter) throws IOException {
        this.part = part;
        this.directWriter = directWriter;
        this.size = size;
        this.layout = layout;
        this.file = file;
        this.channel = FileChannel.open(
                part,
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Path part() {
        return part;
    }

    /** The index of the file in the manifest. */
    int file() {
        return file;
    }

    /** Writes one verified chunk and feeds the running hash as far as the contiguous prefix allows. */
    void write(long chunkId, ByteBuffer data, BitSet have) throws IOException {
        long local = chunkId - layout.firstChunk(file);
        long pos = local * layout.chunkSize();
        if (!writeDirect(data, pos)) {
            writeAt(data, pos);
        }
        dirty = true; // direct writes too: force() makes them durable
        if (local == hashedChunks) {
            digest.update(data.duplicate());
            hashedChunks++;
            catchUp(have);
        }
    }

    /**
     * Writes one verified piece (part) of chunk {@code chunkId} at {@code pieceOffset} in it, through the page cache;
     * hashing waits for {@link #completed}.
     */
    void writePiece(long chunkId, int pieceOffset, ByteBuffer data) throws IOException {
        writeAt(data, (chunkId - layout.firstChunk(file)) * layout.chunkSize() + pieceOffset);
    }

    /** A chunk completed from pieces is now set in {@code have}: hashes on as far as the contiguous prefix allows. */
    void completed(BitSet have) throws IOException {
        catchUp(have);
    }

    private void writeAt(ByteBuffer data, long pos) throws IOException {
        ByteBuffer d = data.duplicate();
        while (d.hasRemaining()) {
            pos += channel.write(d, pos);
        }
        dirty = true;
    }

    /** Whole chunks go around the page cache where {@link DirectWriter} can; false: write it the ordinary way. */
    private boolean writeDirect(ByteBuffer data, long pos) throws IOException {
        if (data.remaining() != layout.chunkSize()) {
            return false;
        }
        if (direct == null) {
            if (directTried) {
                return false;
            }
            directTried = true;
            direct = directWriter.open(part);
            if (direct == null) {
                return false;
            }
        }
        return directWriter.fits(pos, data.remaining()) && directWriter.write(direct, data, pos);
    }

    private void catchUp(BitSet have) throws IOException {
        long first = layout.firstChunk(file);
        ByteBuffer scratch = null;
        while (hashedChunks < layout.chunkCount(file) && have.get((int) (first + hashedChunks))) {
            if (scratch == null) {
                scratch = ByteBuffer.allocate(layout.chunkSize());
            }
            long id = first + hashedChunks;
            readChunk(id, scratch);
            digest.update(scratch);
            hashedChunks++;
        }
    }

    private void readChunk(long id, ByteBuffer into) throws IOException {
        into.clear().limit(layout.ref(id).length());
        long pos = (id - layout.firstChunk(file)) * layout.chunkSize();
        while (into.hasRemaining()) {
            int n = channel.read(into, pos + into.position());
            if (n < 0) {
                throw new TransferException(
                        FailureCode.INTEGRITY, "part file shorter than expected: " + part.getFileName());
            }
        }
        into.flip();
    }

    void force() throws IOException {
        if (dirty) {
            channel.force(false);
            dirty = false;
        }
    }

    /**
     * Completes the whole-file SHA-256 (reading what was not hashed yet) and checks the length on disk. The data is
     * not forced here: the caller forces it (in a {@link DurableBatch}) before the file gets its final name.
     */
    byte[] finish(BitSet have) throws IOException {
        if (channel.size() != size) {
            channel.truncate(size);
        }
        catchUp(have);
        if (hashedChunks != layout.chunkCount(file)) {
            throw new IllegalStateException("file not complete");
        }
        return digest.digest();
    }

    @Override
    public void close() throws IOException {
        try (FileChannel d = direct) {
            channel.close();
        }
    }
}
