package dev.qrbeam.core.store;

import dev.qrbeam.protocol.chunk.ChunkLayout;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** What a {@link ReceiveStore}'s set of verified chunk ids says: which are missing, how many bytes a file holds. */
final class MissingChunks {
    private MissingChunks() {}

    /** Ids below {@code total} not in {@code have}, in order, at most {@code max} of them. */
    static List<Long> ids(BitSet have, long total, int max) {
        List<Long> out = new ArrayList<>();
        int id = have.nextClearBit(0);
        while (id < total && out.size() < max) {
            out.add((long) id);
            id = have.nextClearBit(id + 1);
        }
        return out;
    }

    /** The same as {@code [start, end)} ranges, at most {@code max}; {@code truncated} if there were more. */
    static ReceiveStore.MissingRanges ranges(BitSet have, long total, int max) {
        List<long[]> out = new ArrayList<>();
        int i = have.nextClearBit(0);
        while (i < total && out.size() < max) {
            int next = have.nextSetBit(i);
            long end = next < 0 || next > total ? total : next;
            out.add(new long[] {i, end});
            i = have.nextClearBit((int) end);
        }
        return new ReceiveStore.MissingRanges(out, i < total);
    }

    /** Bytes of file {@code file} in verified chunks. */
    static long bytesHeld(BitSet have, ChunkLayout layout, int file) {
        long sum = 0;
        long first = layout.firstChunk(file);
        for (long id = first; id < first + layout.chunkCount(file); id++) {
            if (have.get((int) id)) {
                sum += layout.ref(id).length();
            }
        }
        return sum;
    }
}
