package dev.qrbeam.protocol.chunk;

import java.util.Arrays;

/**
 * Chunk ids are <b>global across the transfer</b>: files are numbered in manifest order and file {@code i} owns the
 * consecutive ids {@code [firstChunk(i), firstChunk(i) + chunkCount(i))}. Every file has at least one chunk (an
 * empty file has one chunk of length 0), so every file is confirmed by data. {@code chunktotal} is the total over
 * all files; the binary frame and the seed's fields carry no file index because the id determines it. The chunk
 * size is fixed per transfer (it is part of the manifest), so ids stay valid across reconnects and restarts.
 */
public final class ChunkLayout {
    /** Upper bound on chunks per transfer (keeps bitmaps and journals small). */
    public static final long MAX_CHUNKS = Integer.MAX_VALUE;

    private final int chunkSize;
    private final long[] sizes;
    private final long[] first;
    private final long total;

    /** @throws ChunkException {@code bad-chunk} if sizes are negative or the transfer needs too many chunks */
    public ChunkLayout(long[] fileSizes, int chunkSize) {
        if (chunkSize < ChunkSizing.MIN_CHUNK || chunkSize > ChunkSizing.MAX_CHUNK) {
            throw new ChunkException("bad-chunk", "Chunk size " + chunkSize + " out of range");
        }
        this.chunkSize = chunkSize;
        this.sizes = fileSizes.clone();
        this.first = new long[sizes.length];
        long next = 0;
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < 0) {
                throw new ChunkException("bad-chunk", "Negative file size");
            }
            first[i] = next;
            next += chunksFor(sizes[i], chunkSize);
            if (next > MAX_CHUNKS) {
                throw new ChunkException("bad-chunk", "Transfer would need more than " + MAX_CHUNKS + " chunks");
            }
        }
        this.total = next;
    }

    /** Chunks needed for a file of {@code size} bytes: {@code max(1, ceil(size / chunkSize))}. */
    public static long chunksFor(long size, int chunkSize) {
        return size == 0 ? 1 : (size - 1) / chunkSize + 1;
    }

    public int chunkSize() {
        return chunkSize;
    }

    public int fileCount() {
        return sizes.length;
    }

    /** The seed's {@code chunktotal}: chunks in the whole transfer (0 only for a transfer without files). */
    public long chunkTotal() {
        return total;
    }

    public long firstChunk(int fileIndex) {
        return first[fileIndex];
    }

    public long chunkCount(int fileIndex) {
        return chunksFor(sizes[fileIndex], chunkSize);
    }

    /** The chunk with global id {@code chunkId}; refuses ids outside {@code [0, chunkTotal)} with {@code bad-chunk}. */
    public ChunkRef ref(long chunkId) {
        if (chunkId < 0 || chunkId >= total) {
            throw new ChunkException("bad-chunk", "Chunk id " + chunkId + " outside 0.." + (total - 1));
        }
        int pos = Arrays.binarySearch(first, chunkId); // first[] is strictly increasing: every file has >= 1 chunk
        int file = pos >= 0 ? pos : -pos - 2;
        long index = chunkId - first[file];
        long offset = index * chunkSize;
        int length = (int) Math.min(chunkSize, sizes[file] - offset);
        boolean last = index == chunkCount(file) - 1;
        return new ChunkRef(file, chunkId, total, offset, length, last);
    }
}
