package dev.qrbeam.core.send;

import dev.qrbeam.protocol.chunk.ChunkRef;
import dev.qrbeam.protocol.chunk.Pieces;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the sender cuts each chunk (docs/protocol-transfer.md §5, §6): whole, or in pieces of an adaptive size. The
 * rule: start whole; every {@code Acknowledge} that asks for chunks again divides the piece size by
 * {@value #SHRINK} (never below the receiver's granule); after a clean stretch — {@value #GROW_AFTER} records and
 * 4 MiB sent with no re-request in between — it doubles (up to whole chunks). A receiver that declared no granule gets whole chunks
 * only. A chunk the receiver holds in part (its {@code have} hint) is sent as the missing pieces only, in pieces
 * of at most half the chunk. Hints are bounded ({@value #MAX_HINTS} chunks, least recent dropped) and checked
 * again against the granule when used; a hint that leaves nothing to send is ignored. Not thread-safe: guarded by
 * the session lock.
 */
final class PiecePlan {
    static final int SHRINK = 4;
    static final int GROW_AFTER = 64;
    static final long GROW_AFTER_BYTES = 4L << 20;
    static final int MAX_HINTS = 256;

    private final int whole;
    private int granule;
    private int size;
    private int clean;
    private long cleanBytes;
    private final Map<Long, BitSet> hints = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, BitSet> eldest) {
            return size() > MAX_HINTS;
        }
    };

    /** @param chunkSize the manifest's chunk size */
    PiecePlan(int chunkSize) {
        this.whole = Integer.highestOneBit(Math.max(1, chunkSize - 1)) << 1;
        this.size = whole;
    }

    /** A new session: its receiver's granule (0: whole chunks only); hints of an earlier session are dropped. */
    void session(int receiverGranule) {
        granule = Pieces.validGranule(receiverGranule) ? receiverGranule : 0;
        size = Math.max(size, granule);
    }

    /** The receiver of a new connection may not hold what the last one did. */
    void forgetHints() {
        hints.clear();
    }

    /** The receiver's granule, 0 when it takes whole chunks only. */
    int granule() {
        return granule;
    }

    /** The current piece size (a power of two; at least the chunk size means whole chunks). */
    int size() {
        return size;
    }

    /** An {@code Acknowledge} asked for chunks again: smaller pieces. */
    void rerequested() {
        clean = 0;
        cleanBytes = 0;
        if (granule > 0) {
            size = Math.max(granule, size / SHRINK);
        }
    }

    /** {@code records} records with {@code bytes} bytes of data went out: after a clean stretch, larger pieces. */
    void sent(int records, long bytes) {
        clean += records;
        cleanBytes += bytes;
        if (clean >= GROW_AFTER && cleanBytes >= GROW_AFTER_BYTES && size < whole) {
            size *= 2;
            clean = 0;
            cleanBytes = 0;
        }
    }

    /** The receiver holds granules {@code have} of chunk {@code id} (validated against the smallest granule). */
    void hint(long id, BitSet have) {
        hints.put(id, have);
    }

    /**
     * The pieces to send of {@code chunk} now: {@code [offset, length]} pairs; {@code {0, chunk.length()}} alone =
     * the whole chunk in one record. Uses up the chunk's hint.
     */
    int[][] cut(ChunkRef chunk) {
        BitSet have = hints.remove(chunk.chunkId());
        int len = chunk.length();
        if (granule == 0 || !Pieces.splittable(len, granule)) {
            return new int[][] {{0, len}};
        }
        int granules = Pieces.granules(len, granule);
        if (have != null && (have.length() > granules || have.cardinality() >= granules)) {
            have = null; // forged, stale or from another granule: send it all
        }
        int p = have == null ? size : Math.min(size, Integer.highestOneBit(len - 1));
        if (p >= len) {
            return new int[][] {{0, len}};
        }
        int count = (len + p - 1) / p;
        int[][] out = new int[count][];
        int n = 0;
        for (int off = 0; off < len; off += p) {
            int plen = Math.min(p, len - off);
            if (have == null || have.nextClearBit(off / granule) < Pieces.granules(off + plen, granule)) {
                out[n++] = new int[] {off, plen};
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
