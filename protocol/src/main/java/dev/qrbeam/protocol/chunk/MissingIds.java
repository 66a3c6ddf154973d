package dev.qrbeam.protocol.chunk;

import java.util.Arrays;
import java.util.List;

/**
 * Bounds for {@code Acknowledge.missingchunkids}. The receiver lists at most {@link #MAX_IDS} ids per Acknowledge
 * (the first missing ones; it acknowledges again when those arrived). The sender validates what it receives with
 * {@link #validate} before re-sending anything: a list longer than the bound, negative ids or ids
 * {@code >= chunktotal} are refused with {@code bad-ack}; duplicates are removed.
 */
public final class MissingIds {
    /** Max ids per Acknowledge: keeps the JSON under ~16 KB, within one AWS frame. */
    public static final int MAX_IDS = 1024;

    private MissingIds() {}

    /** Sorted, distinct, validated ids. Accepts any list of numbers as Jackson produced them. */
    public static long[] validate(List<? extends Number> ids, long chunkTotal) {
        if (ids == null) {
            return new long[0];
        }
        if (ids.size() > MAX_IDS) {
            throw new ChunkException(
                    "bad-ack", "Acknowledge lists " + ids.size() + " ids; at most " + MAX_IDS + " allowed");
        }
        long[] out = new long[ids.size()];
        for (int i = 0; i < out.length; i++) {
            Number n = ids.get(i);
            if (n == null || (!(n instanceof Long) && !(n instanceof Integer) && !(n instanceof Short))) {
                throw new ChunkException("bad-ack", "missingchunkids must be integers");
            }
            long id = n.longValue();
            if (id < 0 || id >= chunkTotal) {
                throw new ChunkException("bad-ack", "Missing chunk id " + id + " outside 0.." + (chunkTotal - 1));
            }
            out[i] = id;
        }
        return Arrays.stream(out).sorted().distinct().toArray();
    }
}
