package dev.qrbeam.protocol.frame;

import dev.qrbeam.protocol.message.ChunkRules;
import dev.qrbeam.protocol.message.ErrorCode;
import dev.qrbeam.protocol.message.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Codec for the binary form of {@code Transfer} (one WebSocket binary message, big-endian):
 * <pre>
 * offset  size  field
 * 0       2     magic 'Q' 'B' (0x51 0x42)
 * 2       1     version = 1
 * 3       1     kind = 1 (Transfer)
 * 4       1     idLen N (1..64)
 * 5       N     connectionid, printable US-ASCII (target on the way in, sender on the way out)
 * 5+N     8     chunkid (int64)
 * 13+N    8     chunktotal (int64)
 * 21+N    1     hashLen M (0..128)
 * 22+N    M     chunkhash, printable US-ASCII
 * 22+N+M  ..    data (raw bytes, may be empty)
 * </pre>
 * Pure: no I/O; works on {@link ByteBuffer}s without consuming them (absolute reads).
 */
public final class TransferFrameCodec {
    public static final byte MAGIC_0 = 0x51;
    public static final byte MAGIC_1 = 0x42;
    public static final byte VERSION = 1;
    public static final byte KIND_TRANSFER = 1;
    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_HASH_LENGTH = 128;
    /** Largest possible header: 22 + 64 + 128. */
    public static final int MAX_HEADER_LENGTH = 22 + MAX_ID_LENGTH + MAX_HASH_LENGTH;

    private TransferFrameCodec() {}

    /**
     * Decodes and validates the header of the frame between {@code buf.position()} and {@code buf.limit()}.
     * Offsets in the result are relative to {@code buf.position()}.
     *
     * @throws ProtocolException {@code bad-frame} for a broken layout, {@code bad-chunk} for bad numbering
     */
    public static TransferFrameHeader decodeHeader(ByteBuffer buf) {
        int p = buf.position();
        int len = buf.remaining();
        if (len < 5) {
            throw bad("frame shorter than 5 bytes");
        }
        if (buf.get(p) != MAGIC_0 || buf.get(p + 1) != MAGIC_1) {
            throw bad("bad magic; a binary message must start with 'QB'");
        }
        if (buf.get(p + 2) != VERSION) {
            throw bad("unsupported frame version " + (buf.get(p + 2) & 0xff));
        }
        if (buf.get(p + 3) != KIND_TRANSFER) {
            throw bad("unsupported frame kind " + (buf.get(p + 3) & 0xff));
        }
        int idLen = buf.get(p + 4) & 0xff;
        if (idLen < 1 || idLen > MAX_ID_LENGTH) {
            throw bad("idLen must be 1.." + MAX_ID_LENGTH + ", got " + idLen);
        }
        if (len < 22 + idLen) {
            throw bad("frame truncated inside the header");
        }
        String id = ascii(buf, p + 5, idLen, "connectionid");
        long chunkId = buf.getLong(p + 5 + idLen);
        long chunkTotal = buf.getLong(p + 13 + idLen);
        int hashLen = buf.get(p + 21 + idLen) & 0xff;
        if (hashLen > MAX_HASH_LENGTH) {
            throw bad("hashLen must be 0.." + MAX_HASH_LENGTH + ", got " + hashLen);
        }
        int headerLength = 22 + idLen + hashLen;
        if (len < headerLength) {
            throw bad("frame truncated inside the chunk hash");
        }
        String hash = ascii(buf, p + 22 + idLen, hashLen, "chunkhash");
        ChunkRules.check(chunkId, chunkTotal);
        return new TransferFrameHeader(id, chunkId, chunkTotal, hash, headerLength);
    }

    /** Encodes a header (validated like {@link #decodeHeader}); the data follows it. */
    public static byte[] encodeHeader(String connectionId, long chunkId, long chunkTotal, String chunkHash) {
        byte[] id = connectionId.getBytes(StandardCharsets.US_ASCII);
        byte[] hash = chunkHash.getBytes(StandardCharsets.US_ASCII);
        if (id.length < 1 || id.length > MAX_ID_LENGTH || hash.length > MAX_HASH_LENGTH) {
            throw new IllegalArgumentException("id must be 1..64 and hash 0..128 ASCII chars");
        }
        ChunkRules.check(chunkId, chunkTotal);
        ByteBuffer b = ByteBuffer.allocate(22 + id.length + hash.length);
        b.put(MAGIC_0)
                .put(MAGIC_1)
                .put(VERSION)
                .put(KIND_TRANSFER)
                .put((byte) id.length)
                .put(id)
                .putLong(chunkId)
                .putLong(chunkTotal)
                .put((byte) hash.length)
                .put(hash);
        byte[] out = b.array();
        decodeHeader(ByteBuffer.wrap(out));
        return out;
    }

    /** Encodes a whole frame: header followed by the remaining bytes of {@code data} (not consumed). */
    public static ByteBuffer encode(
            String connectionId, long chunkId, long chunkTotal, String chunkHash, ByteBuffer data) {
        byte[] header = encodeHeader(connectionId, chunkId, chunkTotal, chunkHash);
        ByteBuffer out = ByteBuffer.allocate(header.length + data.remaining());
        out.put(header).put(data.duplicate()).flip();
        return out;
    }

    /** A read-only view of the data part of the frame at {@code buf.position()}. */
    public static ByteBuffer data(ByteBuffer buf, TransferFrameHeader header) {
        ByteBuffer d = buf.duplicate();
        d.position(buf.position() + header.headerLength());
        return d.slice().asReadOnlyBuffer();
    }

    private static String ascii(ByteBuffer buf, int at, int n, String field) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            byte c = buf.get(at + i);
            if (c < 0x21 || c > 0x7e) {
                throw bad(field + " must be printable US-ASCII");
            }
            b[i] = c;
        }
        return new String(b, StandardCharsets.US_ASCII);
    }

    private static ProtocolException bad(String why) {
        return new ProtocolException(ErrorCode.BAD_FRAME, why);
    }
}
