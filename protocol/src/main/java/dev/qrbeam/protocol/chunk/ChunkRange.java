package dev.qrbeam.protocol.chunk;

/** A run of chunk ids {@code [start, end)} (end exclusive). */
public record ChunkRange(long start, long end) {
    public ChunkRange {
        if (start < 0 || end <= start) {
            throw new ChunkException("bad-chunk", "Invalid chunk range [" + start + ", " + end + ")");
        }
    }

    public long size() {
        return end - start;
    }
}
