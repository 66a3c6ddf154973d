package dev.qrbeam.protocol.crypto;

import dev.qrbeam.protocol.chunk.ChunkRef;
import dev.qrbeam.protocol.chunk.Pieces;
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
 * <p>A <em>piece</em> record carries part of a chunk ({@link Pieces}): {@code pieceOffset (4, big-endian, clear) ||
 * counter (8) || ciphertext || tag (16)} — {@link #PIECE_OVERHEAD} bytes more than its plaintext — with the
 * associated data (57 bytes) {@code "QRP1" || transferId || fileIndex || chunkId || chunkTotal || offset || last ||
 * pieceOffset (4) || pieceLength (4)}, all computed by the receiver, so a piece moved to another offset, length,
 * chunk, file or transfer fails authentication, and no piece opens as a whole chunk or the reverse (other magic).
 * The receiver tells them apart by length: a whole chunk's record is exactly {@code length + OVERHEAD}; a piece is
 * always shorter than its chunk by more than 4 bytes, so its record is shorter. Same counter, replay window and
 * chunkhash (the tag) as whole chunks.
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

    /** Bytes a piece record adds to its plaintext (its clear offset, counter and tag). */
    public static final int PIECE_OVERHEAD = 4 + OVERHEAD;

    private static final byte[] MAGIC = {'Q', 'R', 'B', '1'};
    private static final byte[] PIECE_MAGIC = {'Q', 'R', 'P', '1'};
    private static final int AD_BYTES = 4 + 16 + 4 + 8 + 8 + 8 + 1;
    private static final int PIECE_AD_BYTES = AD_BYTES + 4 + 4;

    private final GcmRecords records;
    private final byte[] transferId;
    private final ByteBuffer ad = ByteBuffer.allocate(PIECE_AD_BYTES);

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

    /**
     * Encrypts the remaining bytes of {@code plaintext}, the piece of {@code chunk} at {@code pieceOffset}, into
     * {@code record} as a piece record ({@code plaintext.remaining() + PIECE_OVERHEAD} bytes), advancing both.
     *
     * @param granule the receiver's declared granule; the piece must {@link Pieces#fits fit} it
     * @return the record length
     */
    public int encryptPiece(ChunkRef chunk, int granule, int pieceOffset, ByteBuffer plaintext, ByteBuffer record)
            throws RecordException {
        int length = plaintext.remaining();
        if (!Pieces.fits(chunk.length(), granule, pieceOffset, length)) {
            throw new IllegalArgumentException("not a piece of chunk " + chunk.chunkId() + ": " + pieceOffset + "+"
                    + length + " of " + chunk.length() + " (granule " + granule + ")");
        }
        record.putInt(pieceOffset);
        return 4 + records.seal(pieceAd(chunk, pieceOffset, length), plaintext, record);
    }

    /** Whether a record of {@code recordLength} bytes for {@code chunk} is a piece record (not the whole chunk). */
    public static boolean isPiece(ChunkRef chunk, int recordLength) {
        return recordLength != chunk.length() + OVERHEAD;
    }

    /**
     * Authenticates and decrypts a piece record of {@code chunk} into {@code plaintext} (at its position).
     *
     * @param granule this receiver's declared granule: pieces must be aligned to it
     * @return the piece's offset in its chunk; its length is what was written to {@code plaintext}
     * @throws RecordException {@code record-malformed} (truncated, misaligned, outside the chunk, or as long as the
     *     chunk), {@code record-auth}, {@code record-replay}, {@code record-too-old}
     */
    public int decryptPiece(ChunkRef chunk, int granule, ByteBuffer record, ByteBuffer plaintext)
            throws RecordException {
        int length = record.remaining() - PIECE_OVERHEAD;
        if (length < 1) {
            throw new RecordException(
                    RecordError.MALFORMED, "Piece record of chunk " + chunk.chunkId() + " is truncated");
        }
        int pieceOffset = record.getInt(record.position());
        if (!Pieces.fits(chunk.length(), granule, pieceOffset, length)) {
            throw new RecordException(
                    RecordError.MALFORMED,
                    "Piece " + pieceOffset + "+" + length + " does not fit chunk " + chunk.chunkId() + " ("
                            + chunk.length() + " bytes)");
        }
        ByteBuffer body = record.duplicate().position(record.position() + 4);
        records.open(pieceAd(chunk, pieceOffset, length), body, plaintext);
        record.position(record.limit());
        return pieceOffset;
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
        fields(ad.put(MAGIC), c);
        ad.flip();
        return ad;
    }

    private ByteBuffer pieceAd(ChunkRef c, int pieceOffset, int pieceLength) {
        ad.clear();
        fields(ad.put(PIECE_MAGIC), c).putInt(pieceOffset).putInt(pieceLength);
        ad.flip();
        return ad;
    }

    private ByteBuffer fields(ByteBuffer b, ChunkRef c) {
        return b.put(transferId)
                .putInt(c.fileIndex())
                .putLong(c.chunkId())
                .putLong(c.chunkTotal())
                .putLong(c.offset())
                .put((byte) (c.last() ? 1 : 0));
    }

    @Override
    public String toString() {
        return "ChunkCipher[transfer " + Base64Url.encode(Arrays.copyOf(transferId, 4)) + "…]";
    }
}
