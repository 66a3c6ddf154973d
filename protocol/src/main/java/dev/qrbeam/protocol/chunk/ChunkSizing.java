package dev.qrbeam.protocol.chunk;

/**
 * Chooses the plaintext chunk size from the relay's advertised {@code limits} (Connect reply).
 *
 * <ul>
 *   <li>Binary relay: {@value #DEFAULT_BINARY_CHUNK} bytes (1 MiB), lowered so that the binary frame header
 *       (at most {@value #MAX_FRAME_HEADER} bytes), the record overhead ({@value #RECORD_OVERHEAD} bytes) and the
 *       chunk fit {@code maxbinarybytes}.</li>
 *   <li>Text-only relay (AWS: 128 KB messages, 32 KB frames): the base64url of chunk + overhead plus
 *       {@value #JSON_BUDGET} bytes of JSON must fit {@code min(maxtextbytes, maxframebytes)} — one frame per message.
 *       For 32 KiB frames this gives 20 KiB.</li>
 * </ul>
 * Sizes are rounded down to a multiple of 4 KiB (disk-friendly). The chosen size goes into the manifest and stays
 * fixed for the transfer.
 */
public final class ChunkSizing {
    public static final int DEFAULT_BINARY_CHUNK = 1 << 20;
    public static final int MIN_CHUNK = 4096;
    public static final int MAX_CHUNK = 16 << 20;
    /** 22 fixed bytes + 64-byte id + 128-byte hash. */
    public static final int MAX_FRAME_HEADER = 22 + 64 + 128;
    /** Record counter (8) + GCM tag (16), see {@code ChunkCipher.OVERHEAD}. */
    public static final int RECORD_OVERHEAD = 24;
    /** Room for the JSON around {@code data} in a text Transfer message. */
    public static final int JSON_BUDGET = 1024;

    private static final int ALIGN = 4096;

    private ChunkSizing() {}

    /** Chunk size for a binary-capable relay accepting binary messages of {@code maxBinaryBytes}. */
    public static int forBinary(long maxBinaryBytes) {
        long room = maxBinaryBytes - MAX_FRAME_HEADER - RECORD_OVERHEAD;
        return aligned(Math.min(DEFAULT_BINARY_CHUNK, room), "maxbinarybytes " + maxBinaryBytes);
    }

    /** Chunk size for text-only transport; {@code maxFrameBytes <= 0} means no separate frame limit. */
    public static int forText(long maxTextBytes, long maxFrameBytes) {
        long limit = maxFrameBytes > 0 ? Math.min(maxTextBytes, maxFrameBytes) : maxTextBytes;
        long base64Chars = limit - JSON_BUDGET;
        long raw = base64Chars / 4 * 3 - RECORD_OVERHEAD;
        return aligned(
                Math.min(DEFAULT_BINARY_CHUNK, raw),
                "maxtextbytes " + maxTextBytes + "/maxframebytes " + maxFrameBytes);
    }

    /** Picks binary or text sizing as the relay advertises. */
    public static int choose(boolean binary, long maxBinaryBytes, long maxTextBytes, long maxFrameBytes) {
        return binary ? forBinary(maxBinaryBytes) : forText(maxTextBytes, maxFrameBytes);
    }

    private static int aligned(long bytes, String what) {
        long a = bytes / ALIGN * ALIGN;
        if (a < MIN_CHUNK) {
            throw new ChunkException("bad-limits", "Relay limits too small for a chunk (" + what + ")");
        }
        return (int) a;
    }
}
