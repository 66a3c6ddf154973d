package dev.qrbeam.protocol.frame;

/**
 * The decoded header of a binary Transfer frame.
 *
 * @param connectionId target id (client to relay) or sender id (relay to client), printable US-ASCII
 * @param chunkId      0 &le; chunkId &lt; chunkTotal
 * @param chunkTotal   1 &le; chunkTotal &le; 2^31-1
 * @param chunkHash    printable US-ASCII, 0..128 chars
 * @param headerLength bytes before the data ({@code 22 + idLen + hashLen})
 */
public record TransferFrameHeader(
        String connectionId, long chunkId, long chunkTotal, String chunkHash, int headerLength) {
    /** Offset of the connection id bytes within the frame. */
    public static final int ID_OFFSET = 5;
}
