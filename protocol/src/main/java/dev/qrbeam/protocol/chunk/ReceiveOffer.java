package dev.qrbeam.protocol.chunk;

/**
 * The rule of the code-less receiver's {@code {"type":"receive","chunksize":N}} control message
 * (docs/protocol-transfer.md §6b): the party that shows the code and receives tells the scanner, which sends, the
 * chunk size its manifest must use. {@code N} is what the shower's relay carries ({@link ChunkSizing#choose});
 * the scanner's manifest must name exactly this size, or the shower ends the transfer.
 */
public final class ReceiveOffer {
    private ReceiveOffer() {}

    /**
     * The offered chunk size, checked: present, a multiple of 4096, within {@link ChunkSizing#MIN_CHUNK} ..
     * {@link ChunkSizing#MAX_CHUNK}.
     *
     * @throws ChunkException {@code bad-offer} naming what is wrong
     */
    public static int chunkSize(Number offered) {
        if (offered == null) {
            throw new ChunkException("bad-offer", "The receiver's offer has no chunk size");
        }
        long n = offered.longValue();
        if (n != offered.doubleValue() || n < ChunkSizing.MIN_CHUNK || n > ChunkSizing.MAX_CHUNK || n % 4096 != 0) {
            throw new ChunkException(
                    "bad-offer",
                    "The receiver's offer names chunk size " + offered + "; expected a" + " multiple of 4096 from "
                            + ChunkSizing.MIN_CHUNK + " to " + ChunkSizing.MAX_CHUNK);
        }
        return (int) n;
    }

    /**
     * Checks that a manifest the scanner sent uses the offered size.
     *
     * @throws ChunkException {@code bad-offer} if it does not
     */
    public static void checkManifest(int offered, int manifestChunkSize) {
        if (offered != manifestChunkSize) {
            throw new ChunkException(
                    "bad-offer",
                    "The sender's manifest uses chunk size " + manifestChunkSize + "; this receiver asked for "
                            + offered);
        }
    }
}
