package dev.qrbeam.protocol.message;

/**
 * Chunk numbering rules shared by the JSON and binary forms of Transfer and by Acknowledge:
 * {@code 1 <= chunktotal <= 2^31-1} and {@code 0 <= chunkid < chunktotal}. Integers only.
 */
public final class ChunkRules {
    /** Largest allowed chunktotal (2^31-1), so chunk ids always fit a Java int. */
    public static final long MAX_CHUNK_TOTAL = Integer.MAX_VALUE;

    private ChunkRules() {}

    /** Throws {@link ErrorCode#BAD_CHUNK} unless the pair is valid. */
    public static void check(long chunkid, long chunktotal) {
        checkTotal(chunktotal);
        if (chunkid < 0) {
            throw new ProtocolException(ErrorCode.BAD_CHUNK, "chunkid must be >= 0, got " + chunkid);
        }
        if (chunkid >= chunktotal) {
            throw new ProtocolException(
                    ErrorCode.BAD_CHUNK,
                    "chunkid must be < chunktotal, got chunkid " + chunkid + " with chunktotal " + chunktotal);
        }
    }

    /** Throws {@link ErrorCode#BAD_CHUNK} unless {@code 1 <= chunktotal <= 2^31-1}. */
    public static void checkTotal(long chunktotal) {
        if (chunktotal <= 0) {
            throw new ProtocolException(ErrorCode.BAD_CHUNK, "chunktotal must be > 0, got " + chunktotal);
        }
        if (chunktotal > MAX_CHUNK_TOTAL) {
            throw new ProtocolException(
                    ErrorCode.BAD_CHUNK, "chunktotal must be <= " + MAX_CHUNK_TOTAL + ", got " + chunktotal);
        }
    }

    /** Throws {@link ErrorCode#BAD_CHUNK} unless {@code 0 <= id < 2^31-1} (an id in a missingchunkids list). */
    public static void checkListedId(long id) {
        if (id < 0 || id >= MAX_CHUNK_TOTAL) {
            throw new ProtocolException(ErrorCode.BAD_CHUNK, "chunk id out of range: " + id);
        }
    }
}
