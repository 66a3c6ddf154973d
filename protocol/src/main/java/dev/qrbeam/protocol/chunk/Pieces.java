package dev.qrbeam.protocol.chunk;

import dev.qrbeam.protocol.pairing.Base64Url;
import java.util.BitSet;

/**
 * The rules of pieces (docs/protocol-transfer.md §5): a chunk may travel as several piece records so that a
 * corrupted byte costs one piece, not the whole chunk. A receiver that can take pieces names the smallest piece it
 * accepts, its <em>granule</em> {@code g}, in its {@code resume} ({@code "pieces": g}; a power of two from
 * {@value #LOWEST_GRANULE} to {@value #HIGHEST_GRANULE}); without it the sender sends whole chunks only.
 *
 * <p>A piece covers {@code [offset, offset + length)} of its chunk: {@code offset} a multiple of {@code g},
 * {@code length >= 1}, ending inside the chunk, a multiple of {@code g} unless it ends the chunk, and shorter than
 * the chunk. A chunk shorter than {@code 2g} always travels whole. The receiver keeps which granules of a partly
 * received chunk it holds and may tell the sender in a {@code have} control message: bit {@code i} of the
 * little-endian bitmap (base64url, no padding) = granule {@code i}, i.e. bytes {@code [i*g, (i+1)*g)}.
 */
public final class Pieces {
    /** The granule this implementation declares as a receiver. */
    public static final int GRANULE = 16 * 1024;
    /** Smallest granule a sender accepts from a receiver. */
    public static final int LOWEST_GRANULE = 4096;
    /** Largest granule a sender accepts from a receiver. */
    public static final int HIGHEST_GRANULE = 1 << 20;

    private Pieces() {}

    /** Whether a receiver's declared {@code pieces} value is usable (else the sender sends whole chunks). */
    public static boolean validGranule(Integer granule) {
        return granule != null
                && granule >= LOWEST_GRANULE
                && granule <= HIGHEST_GRANULE
                && Integer.bitCount(granule) == 1;
    }

    /** Whether a chunk of {@code chunkLength} bytes may travel as pieces of granule {@code granule}. */
    public static boolean splittable(int chunkLength, int granule) {
        return granule > 0 && chunkLength >= 2 * granule;
    }

    /** Granules of a chunk: {@code ceil(chunkLength / granule)}. */
    public static int granules(int chunkLength, int granule) {
        return (chunkLength + granule - 1) / granule;
    }

    /** Whether {@code [offset, offset+length)} is a valid piece of a chunk of {@code chunkLength} bytes. */
    public static boolean fits(int chunkLength, int granule, long offset, long length) {
        return splittable(chunkLength, granule)
                && offset >= 0
                && length >= 1
                && length < chunkLength
                && offset % granule == 0
                && offset + length <= chunkLength
                && (offset + length == chunkLength || length % granule == 0);
    }

    /** The wire form of the granules a receiver holds of one chunk. */
    public static String encodeHave(BitSet have) {
        return Base64Url.encode(have.toByteArray());
    }

    /**
     * Reads a {@code have} bitmap of a chunk of {@code chunkLength} bytes; a sender treats it as a hint.
     *
     * @throws ChunkException {@code bad-have}: not base64url, longer than the chunk's granules need, or a bit
     *     beyond the chunk's last granule
     */
    public static BitSet decodeHave(String data, int chunkLength, int granule) {
        int granules = granules(chunkLength, granule);
        if (data == null || data.length() > ((granules + 7) / 8 * 4 + 2) / 3) {
            throw new ChunkException("bad-have", "have bitmap missing or longer than the chunk's pieces");
        }
        byte[] bytes = Base64Url.decodeOrNull(data);
        if (bytes == null || bytes.length > (granules + 7) / 8) {
            throw new ChunkException("bad-have", "have bitmap is not base64url or too long");
        }
        BitSet have = BitSet.valueOf(bytes);
        if (have.length() > granules) {
            throw new ChunkException("bad-have", "have bitmap names a piece past the end of the chunk");
        }
        return have;
    }
}
