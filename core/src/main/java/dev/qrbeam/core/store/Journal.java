package dev.qrbeam.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.BitSet;

/**
 * Append-only journal of verified chunk ids (8-byte big-endian each). Entries are only appended after the data they
 * describe was forced to disk, so after a crash the journal never claims a chunk the disk lacks; a torn last entry
 * is ignored. Ids outside {@code 0..total-1} found on load are ignored too.
 */
final class Journal implements AutoCloseable {
    private final FileChannel channel;
    private final ByteBuffer pending = ByteBuffer.allocate(8 * 4096);

    private Journal(FileChannel channel) {
        this.channel = channel;
    }

    static Journal open(Path file, long total, BitSet into) throws IOException {
        FileChannel ch = PrivateFiles.openAppendable(file);
        long whole = ch.size() / 8 * 8;
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long pos = 0;
        while (pos < whole) {
            buf.clear().limit((int) Math.min(buf.capacity(), whole - pos));
            int n = ch.read(buf, pos);
            if (n <= 0) {
                break;
            }
            buf.flip();
            while (buf.remaining() >= 8) {
                long id = buf.getLong();
                if (id >= 0 && id < total && id <= Integer.MAX_VALUE) {
                    into.set((int) id);
                }
            }
            pos += n - buf.remaining();
        }
        ch.truncate(whole);
        ch.position(whole);
        return new Journal(ch);
    }

    /** Queues an id; it reaches the disk on the next {@link #flush()}. */
    void add(long id) throws IOException {
        if (!pending.hasRemaining()) {
            throw new IllegalStateException("journal buffer full; flush first");
        }
        pending.putLong(id);
    }

    boolean needsFlush() {
        return pending.remaining() < 8 * 16;
    }

    /** Writes queued ids and forces them; call after forcing the data files. */
    void flush() throws IOException {
        pending.flip();
        while (pending.hasRemaining()) {
            channel.write(pending);
        }
        pending.clear();
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
