package dev.qrbeam.protocol.crypto;

import dev.qrbeam.protocol.chunk.ChunkRef;
import dev.qrbeam.protocol.pairing.Base64Url;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * AES-256-GCM (or the negotiated {@link RecordSuite}) for chunk payloads under the {@link SessionKeys} of one
 * connection (STREAM-like).
 *
 * <p>Record: {@code counter (8, big-endian) || ciphertext || tag (16)} — {@link #OVERHEAD} bytes more than the
 * plaintext. Nonce: {@code 0x00000001 || counter}; the counter is per session and direction, starts at 0 and only
 * increases (also for re-sent chunks), and every reconnect has new keys, so a (key, nonce) pair is never used twice
 * — not even when a chunk is re-sent after its file changed. Associated data (49 bytes):
 * {@code "QRB1" || transferId (16) || fileIndex (4) || chunkId (8) || chunkTotal (8) || offset (8) || last (1)},
 * so a chunk moved to another id, file, offset or transfer, a changed total, or a forged "last" flag fails
 * authentication; a record delivered twice is refused as a replay.
 *
 * <p>{@code chunkhash} on the wire is {@link #chunkHash}: base64url of the record's GCM tag (22 characters) —
 * a MAC over the ciphertext, never a hash of the plaintext, free to compute and useless for identifying content.
 *
 * <p>Reuses its two {@code Cipher} instances; not thread-safe — use one instance per thread (several instances
 * over the same keys are safe: the counter is shared).
 */
public final class ChunkCipher {
    /** Bytes a record adds to its plaintext. */
    public static final int OVERHEAD = GcmRecords.OVERHEAD;

    private static final byte[] MAGIC = {'Q', 'R', 'B', '1'};
    private static final int AD_BYTES = 4 + 16 + 4 + 8 + 8 + 8 + 1;

    private final GcmRecords records;
    private final byte[] transferId;
    private final ByteBuffer ad = ByteBuffer.allocate(AD_BYTES);

    /** AES-256-GCM chunks. @param transferId the manifest's 16-byte transfer id */
    public ChunkCipher(SessionKeys keys, byte[] transferId) {
        this(keys, transferId, RecordSuite.AES_256_GCM);
    }

    /** Chunks with the negotiated {@code suite} (same layout, nonces and associated data). */
    public ChunkCipher(SessionKeys keys, byte[] transferId, RecordSuite suite) {
        if (transferId == null || transferId.length != 16) {
            throw new IllegalArgumentException("transfer id must be 16 bytes");
        }
        this.records = new GcmRecords(keys, RecordDomain.CHUNK, suite);
        this.transferId = transferId.clone();
    }

    /**
     * Encrypts the remaining bytes of {@code plaintext} (exactly {@code chunk.length()} bytes) into {@code record},
     * advancing both positions. {@code record} needs {@code chunk.length() + OVERHEAD} bytes remaining.
     *
     * @return the record length
     */
    public int encrypt(ChunkRef chunk, ByteBuffer plaintext, ByteBuffer record) throws RecordException {
        if (plaintext.remaining() != chunk.length()) {
            throw new IllegalArgumentException(
                    "plaintext has " + plaintext.remaining() + " bytes, chunk " + chunk.length());
        }
        return records.seal(ad(chunk), plaintext, record);
    }

    /**
     * Authenticates and decrypts the remaining bytes of {@code record} (the chunk expected at {@code chunk}, as
     * computed by the receiver's own {@code ChunkLayout}) into {@code plaintext}.
     *
     * @return the plaintext length, always {@code chunk.length()}
     * @throws RecordException {@code record-auth} (tampered, wrong position/file/transfer/session),
     *     {@code record-replay}, {@code record-too-old}, {@code record-malformed} (including a wrong length)
     */
    public int decrypt(ChunkRef chunk, ByteBuffer record, ByteBuffer plaintext) throws RecordException {
        if (record.remaining() != chunk.length() + OVERHEAD) {
            throw new RecordException(
                    RecordError.MALFORMED,
                    "Chunk " + chunk.chunkId() + " record has " + record.remaining() + " bytes, expected "
                            + (chunk.length() + OVERHEAD));
        }
        return records.open(ad(chunk), record, plaintext);
    }

    /** The wire {@code chunkhash} of a record (its remaining bytes; positions unchanged). */
    public static String chunkHash(ByteBuffer record) {
        if (record.remaining() < OVERHEAD) {
            throw new IllegalArgumentException("not a record");
        }
        byte[] tag = new byte[GcmRecords.TAG_BYTES];
        record.duplicate().position(record.limit() - tag.length).get(tag);
        return Base64Url.encode(tag);
    }

    /**
     * Checks a received {@code chunkhash} against the record before decrypting: a cheap refusal of corrupted or
     * mismatched frames with {@code record-hash}. (Authentication itself is {@link #decrypt}'s job.)
     */
    public static void checkChunkHash(String chunkHash, ByteBuffer record) throws RecordException {
        if (record.remaining() < OVERHEAD) {
            throw new RecordException(RecordError.MALFORMED, "Chunk record too short");
        }
        byte[] claimed = Base64Url.decodeOrNull(chunkHash);
        byte[] tag = new byte[GcmRecords.TAG_BYTES];
        record.duplicate().position(record.limit() - tag.length).get(tag);
        if (claimed == null || !MessageDigest.isEqual(claimed, tag)) {
            throw new RecordException(RecordError.HASH_MISMATCH, "chunkhash does not match the chunk data");
        }
    }

    private ByteBuffer ad(ChunkRef c) {
        ad.clear();
        ad.put(MAGIC)
                .put(transferId)
                .putInt(c.fileIndex())
                .putLong(c.chunkId())
                .putLong(c.chunkTotal())
                .putLong(c.offset())
                .put((byte) (c.last() ? 1 : 0));
        ad.flip();
        return ad;
    }

    @Override
    public String toString() {
        return "ChunkCipher[transfer " + Base64Url.encode(Arrays.copyOf(transferId, 4)) + "…]";
    }
}
