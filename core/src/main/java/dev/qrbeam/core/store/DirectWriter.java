package dev.qrbeam.core.store;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes whole, block-aligned chunks around the page cache ({@code O_DIRECT}, {@link ExtendedOpenOption#DIRECT}).
 * A received file is written once and not read back while it arrives, so copying it into freshly allocated page
 * cache is pure cost: on the development VM it was 2.7 CPU-s per GiB against 0.06 direct (docs/benchmarks.md).
 *
 * <p>One writer per {@link ReceiveStore} (one thread writes): it owns one aligned staging buffer. A file's
 * unaligned tail, reads, truncation and {@code force} stay on the ordinary channel. Where the OS or file system
 * refuses direct I/O (open fails, or a write is refused for alignment), the writer switches itself off and every
 * later write goes through the page cache as before; a full disk is reported, never retried elsewhere.
 */
final class DirectWriter {
    private static final Logger LOG = LoggerFactory.getLogger(DirectWriter.class);
    private static final int MAX_BLOCK = 64 << 10;

    private boolean on;
    private int block;
    private ByteBuffer staging;
    private long written;

    DirectWriter(boolean enabled) {
        this.on = enabled;
    }

    /** An unbuffered channel on {@code part} (already created), or null if direct writes are off or refused. */
    FileChannel open(Path part) {
        if (!on) {
            return null;
        }
        try {
            if (block == 0) {
                long b = Files.getFileStore(part).getBlockSize();
                if (b <= 0 || b > MAX_BLOCK || Long.bitCount(b) != 1) {
                    return off("block size " + b);
                }
                block = (int) b;
            }
            return FileChannel.open(
                    part, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS, ExtendedOpenOption.DIRECT);
        } catch (IOException | UnsupportedOperationException e) {
            return off(e.toString());
        }
    }

    /** Whether a write of {@code length} bytes at {@code pos} may go direct. */
    boolean fits(long pos, int length) {
        return on && block > 0 && length > 0 && pos % block == 0 && length % block == 0;
    }

    /**
     * Writes all of {@code src} at {@code pos} through {@code direct}.
     *
     * @return false if direct I/O was refused (nothing usable was written; write it the ordinary way)
     * @throws IOException a failure that the ordinary path would hit too (no space, I/O error)
     */
    boolean write(FileChannel direct, ByteBuffer src, long pos) throws IOException {
        int length = src.remaining();
        if (staging == null || staging.capacity() < length) {
            staging = ByteBuffer.allocateDirect(length + block).alignedSlice(block);
        }
        staging.clear();
        staging.put(src.duplicate()).flip();
        try {
            while (staging.hasRemaining()) {
                pos += direct.write(staging, pos);
            }
            written += length;
            return true;
        } catch (IOException e) {
            if (DiskErrors.isDiskFull(e)) {
                throw e;
            }
            off(e.toString());
            return false;
        }
    }

    /** Bytes written around the page cache so far. */
    long written() {
        return written;
    }

    private FileChannel off(String why) {
        if (on) {
            LOG.debug("direct writes off, using the page cache: {}", why);
        }
        on = false;
        return null;
    }
}
