package dev.qrbeam.protocol.chunk;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The receiver's record of verified chunks of one transfer (global ids, see {@link ChunkLayout}). Gives the
 * {@code missingchunkids} for {@code Acknowledge} (bounded), compact missing ranges for the encrypted resume message,
 * and received ranges for the resume journal. Not thread-safe.
 */
public final class ChunkSet {
    private final long total;
    private final BitSet bits;

    public ChunkSet(long total) {
        if (total < 0 || total > ChunkLayout.MAX_CHUNKS) {
            throw new ChunkException("bad-chunk", "chunktotal " + total + " out of range");
        }
        this.total = total;
        this.bits = new BitSet((int) Math.min(total, 1 << 20));
    }

    /** Rebuilds from journal ranges; refuses ranges outside {@code [0, total)}. */
    public static ChunkSet fromRanges(long total, List<ChunkRange> ranges) {
        ChunkSet set = new ChunkSet(total);
        for (ChunkRange r : ranges) {
            if (r.end() > total) {
                throw new ChunkException("bad-chunk", "Range " + r + " beyond chunktotal " + total);
            }
            set.bits.set((int) r.start(), (int) r.end());
        }
        return set;
    }

    /** Marks a verified chunk; returns false if it was already there. Refuses ids out of range ({@code bad-chunk}). */
    public boolean add(long chunkId) {
        int i = checked(chunkId);
        if (bits.get(i)) {
            return false;
        }
        bits.set(i);
        return true;
    }

    public boolean contains(long chunkId) {
        return bits.get(checked(chunkId));
    }

    public long total() {
        return total;
    }

    public long count() {
        return bits.cardinality();
    }

    public boolean isComplete() {
        return count() == total;
    }

    /** True if every chunk in {@code [start, end)} is present (e.g. all chunks of one file). */
    public boolean containsAll(long start, long end) {
        if (start >= end) {
            return true;
        }
        checked(start);
        checked(end - 1);
        int next = bits.nextClearBit((int) start);
        return next >= end;
    }

    /** The first {@code limit} missing ids in ascending order (for {@code Acknowledge.missingchunkids}). */
    public long[] missing(int limit) {
        long[] out = new long[(int) Math.min(limit, total - count())];
        int n = 0;
        for (int i = bits.nextClearBit(0); i < total && n < out.length; i = bits.nextClearBit(i + 1)) {
            out[n++] = i;
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** Missing ids as at most {@code maxRanges} ranges, in ascending order (the first ones if there are more). */
    public List<ChunkRange> missingRanges(int maxRanges) {
        List<ChunkRange> out = new ArrayList<>();
        int i = bits.nextClearBit(0);
        while (i < total && out.size() < maxRanges) {
            int end = (int) Math.min(total, bits.nextSetBit(i) < 0 ? total : bits.nextSetBit(i));
            out.add(new ChunkRange(i, end));
            i = bits.nextClearBit(end);
        }
        return out;
    }

    /** Present ids as ranges, for a compact journal. */
    public List<ChunkRange> ranges() {
        List<ChunkRange> out = new ArrayList<>();
        for (int i = bits.nextSetBit(0); i >= 0 && i < total; ) {
            int end = bits.nextClearBit(i);
            out.add(new ChunkRange(i, end));
            i = bits.nextSetBit(end);
        }
        return out;
    }

    private int checked(long chunkId) {
        if (chunkId < 0 || chunkId >= total) {
            throw new ChunkException("bad-chunk", "Chunk id " + chunkId + " outside 0.." + (total - 1));
        }
        return (int) chunkId;
    }
}
