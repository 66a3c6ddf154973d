package dev.qrbeam.core.send;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.List;

/**
 * What the sender still has to send and how much is in flight. The want set is replaced by the receiver's
 * {@code resume} (exactly what it lacks) and grows by {@code Acknowledge.missingchunkids}; chunks go out lowest id
 * first. The window keeps at most {@code windowBytes} beyond the last chunk the receiver reported, so a dropped
 * connection loses little. Counts every chunk sent more than once and the bytes sent again. How each chunk is cut
 * (whole or in pieces) is its {@link PiecePlan}'s. Not thread-safe: guarded by the session lock.
 */
final class SendPlan {
    private final long total;
    private final long windowBytes;
    private final BitSet want = new BitSet();
    private final BitSet everSent = new BitSet();
    private final int[] resends;
    private final ArrayDeque<long[]> inflight = new ArrayDeque<>();
    private long sentBytes;
    private long ackedBytes;
    private long resentChunks;
    private long resentBytes;
    private final PiecePlan pieces;

    SendPlan(long total, long windowBytes, int chunkSize) {
        this.total = total;
        this.windowBytes = windowBytes;
        this.resends = new int[(int) total];
        this.pieces = new PiecePlan(chunkSize);
    }

    PiecePlan pieces() {
        return pieces;
    }

    /** Replaces the want set with {@code [start,end)} ranges; {@code truncated}: everything after them too. */
    void reset(List<long[]> ranges, boolean truncated) {
        want.clear();
        long last = 0;
        for (long[] r : ranges) {
            long s = Math.max(0, r[0]);
            long e = Math.min(total, r[1]);
            if (s < e) {
                want.set((int) s, (int) e);
                last = Math.max(last, e);
            }
        }
        if (truncated && last < total) {
            want.set((int) last, (int) total);
        }
        inflight.clear();
        sentBytes = 0;
        ackedBytes = 0;
    }

    /** Adds re-requested ids; returns the highest per-chunk request count among them. */
    int request(long[] ids) {
        int worst = 0;
        for (long id : ids) {
            if (id >= 0 && id < total) {
                want.set((int) id);
                worst = Math.max(worst, ++resends[(int) id]);
            }
        }
        return worst;
    }

    boolean hasWork() {
        return !want.isEmpty();
    }

    boolean windowOpen() {
        return sentBytes - ackedBytes < windowBytes;
    }

    /** The next chunk to send, removed from the want set; -1 if none. */
    long take() {
        int id = want.nextSetBit(0);
        if (id < 0) {
            return -1;
        }
        want.clear(id);
        return id;
    }

    /** Puts back a chunk whose send failed (not a re-request). */
    void putBack(long id) {
        want.set((int) id);
    }

    /**
     * Records that {@code length} bytes of data of chunk {@code id} (all of it, or some pieces) were sent; true if
     * the chunk had been sent before (those bytes count as sent again).
     */
    boolean sent(long id, int length) {
        sentBytes += length;
        inflight.addLast(new long[] {id, sentBytes});
        if (everSent.get((int) id)) {
            resentChunks++;
            resentBytes += length;
            return true;
        }
        everSent.set((int) id);
        return false;
    }

    /** The receiver reported {@code id} as the last chunk it got: everything sent up to it left the pipe. */
    void reached(long id) {
        for (long[] e : inflight) {
            if (e[0] == id) {
                while (!inflight.isEmpty()) {
                    long[] head = inflight.removeFirst();
                    ackedBytes = head[1];
                    if (head == e) {
                        break;
                    }
                }
                return;
            }
        }
    }

    boolean inflightEmpty() {
        return sentBytes == ackedBytes;
    }

    long resentChunks() {
        return resentChunks;
    }

    long resentBytes() {
        return resentBytes;
    }
}
