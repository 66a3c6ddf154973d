package dev.qrbeam.core.store;

import java.util.Arrays;

/**
 * Maps transfer-wide chunk ids to files and byte ranges. Files are laid out one after another in manifest order;
 * each file of size s takes ceil(s / chunkSize) chunks, an empty file takes one empty chunk (so every file has a
 * chunk that completes it). Chunk ids are dense: 0 .. total-1.
 */
public final class ChunkLayout {
    private final int chunkSize;
    private final long[] sizes;
    private final long[] firstChunk;
    private final long total;

    public ChunkLayout(int chunkSize, long[] sizes) {
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunk size must be positive");
        }
        this.chunkSize = chunkSize;
        this.sizes = sizes.clone();
        this.firstChunk = new long[sizes.length + 1];
        long t = 0;
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < 0) {
                throw new IllegalArgumentException("negative size");
            }
            firstChunk[i] = t;
            t += chunksOf(sizes[i]);
        }
        firstChunk[sizes.length] = t;
        this.total = t;
    }

    private long chunksOf(long size) {
        return Math.max(1, (size + chunkSize - 1) / chunkSize);
    }

    public int chunkSize() {
        return chunkSize;
    }

    public long totalChunks() {
        return total;
    }

    public int files() {
        return sizes.length;
    }

    public long size(int file) {
        return sizes[file];
    }

    public long firstChunk(int file) {
        return firstChunk[file];
    }

    public long chunkCount(int file) {
        return firstChunk[file + 1] - firstChunk[file];
    }

    /** The file holding chunk {@code id}. */
    public int fileOf(long id) {
        if (id < 0 || id >= total) {
            throw new IllegalArgumentException("chunk id out of range: " + id);
        }
        int i = Arrays.binarySearch(firstChunk, id);
        if (i >= 0) {
            while (i + 1 < firstChunk.length && firstChunk[i + 1] == id) {
                i++;
            }
            return i;
        }
        return -i - 2;
    }

    /** Byte offset of chunk {@code id} within its file. */
    public long offset(long id) {
        return (id - firstChunk[fileOf(id)]) * chunkSize;
    }

    /** Exact plaintext length of chunk {@code id}. */
    public int length(long id) {
        int f = fileOf(id);
        long off = (id - firstChunk[f]) * chunkSize;
        return (int) Math.min(chunkSize, sizes[f] - off);
    }

    public long totalBytes() {
        long s = 0;
        for (long size : sizes) {
            s += size;
        }
        return s;
    }
}
