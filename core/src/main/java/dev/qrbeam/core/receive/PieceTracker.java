package dev.qrbeam.core.receive;

import dev.qrbeam.protocol.chunk.ChunkRef;
import dev.qrbeam.protocol.chunk.Pieces;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which granules of partly received chunks this receiver holds (pieces, docs/protocol-transfer.md §5). Kept in
 * memory only, for at most {@value #MAX_CHUNKS} chunks (the least recently touched is forgotten first): forgetting
 * costs only a re-send, because a chunk is journaled only once all of it is in, and a restarted receiver asks for
 * its partly received chunks whole. A tracker with granule 0 belongs to a receiver that takes whole chunks only.
 * Not thread-safe: guarded by the {@link ChunkIntake}.
 */
final class PieceTracker {
    static final int MAX_CHUNKS = 64;

    private final int granule;
    /** Chunks a piece of which arrived since the last flush of re-requests. */
    private final Set<Long> arriving = new HashSet<>();

    private final Map<Long, BitSet> partial = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, BitSet> eldest) {
            return size() > MAX_CHUNKS;
        }
    };

    PieceTracker(int granule) {
        this.granule = granule;
    }

    /** The granule this receiver declares (the smallest piece it accepts); 0: whole chunks only. */
    int granule() {
        return granule;
    }

    /**
     * Notes that piece {@code [offset, offset + length)} of {@code chunk} is stored; true when that completes the
     * chunk (it is then forgotten here: the store journals it).
     */
    boolean add(ChunkRef chunk, int offset, int length) {
        arriving.add(chunk.chunkId());
        BitSet have = partial.computeIfAbsent(chunk.chunkId(), k -> new BitSet());
        have.set(offset / granule, Pieces.granules(offset + length, granule));
        if (have.cardinality() < Pieces.granules(chunk.length(), granule)) {
            return false;
        }
        partial.remove(chunk.chunkId());
        return true;
    }

    /**
     * Whether a piece of {@code chunkId} arrived since the last {@link #flushed}: a re-request of it waits one more
     * flush, so its other pieces, still on the way, are in the {@code have} hint.
     */
    boolean arriving(long chunkId) {
        return arriving.contains(chunkId);
    }

    /** The re-requests were flushed. */
    void flushed() {
        arriving.clear();
    }

    /** The chunk arrived whole (or is no longer wanted). */
    void forget(long chunkId) {
        partial.remove(chunkId);
    }

    /** The wire bitmap of what is held of {@code chunkId}, or null when nothing is. */
    String have(long chunkId) {
        BitSet have = partial.get(chunkId);
        return have == null || have.isEmpty() ? null : Pieces.encodeHave(have);
    }

    /** The chunks held in part, most recently touched last. */
    List<Long> chunks() {
        return new ArrayList<>(partial.keySet());
    }
}
