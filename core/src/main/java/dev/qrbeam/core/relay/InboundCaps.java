package dev.qrbeam.core.relay;

import dev.qrbeam.protocol.chunk.ChunkSizing;

/**
 * The largest messages a {@link RelayClient} buffers, fixed locally: a relay's advertised limits only ever lower
 * them (a hostile relay advertising 2^31-1 bytes must not make us buffer gigabytes). Anything a conforming peer
 * sends fits: chunks are at most {@link ChunkSizing#DEFAULT_BINARY_CHUNK} bytes, ~1.4 MB as base64 text.
 *
 * @param maxTextBytes largest text message (counted in UTF-16 chars as received, at most 2 bytes each)
 * @param maxBinaryBytes largest binary message
 */
public record InboundCaps(int maxTextBytes, int maxBinaryBytes) {
    /** 2 MiB text and 2 MiB binary: twice the largest chunk. */
    public static final InboundCaps DEFAULT =
            new InboundCaps(2 * ChunkSizing.DEFAULT_BINARY_CHUNK, 2 * ChunkSizing.DEFAULT_BINARY_CHUNK);

    /** Slack over an advertised limit: the relay rewrites the sender id into each message it forwards. */
    static final int STAMP_SLACK = 4096;
    /** Floor under an advertised limit (a relay advertising tiny limits still gets its small replies through). */
    static final int FLOOR = 64 * 1024;

    public InboundCaps {
        if (maxTextBytes < FLOOR || maxBinaryBytes < FLOOR) {
            throw new IllegalArgumentException("inbound caps must be at least " + FLOOR + " bytes");
        }
    }

    /** The caps that apply under {@code advertised}: the smaller of ours and the relay's (plus stamping slack). */
    InboundCaps under(AdvertisedLimits advertised) {
        return new InboundCaps(
                min(maxTextBytes, advertised.maxTextBytes()),
                min(maxBinaryBytes, advertised.binary() ? advertised.maxBinaryBytes() : 0));
    }

    private static int min(int local, int advertised) {
        return (int) Math.min(local, Math.max(FLOOR, (long) advertised + STAMP_SLACK));
    }
}
