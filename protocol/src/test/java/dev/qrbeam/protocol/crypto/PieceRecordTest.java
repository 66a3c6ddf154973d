package dev.qrbeam.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qrbeam.protocol.chunk.ChunkLayout;
import dev.qrbeam.protocol.chunk.ChunkRef;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Piece records (docs/protocol-transfer.md §3, §5): bound to their place, never confused with whole chunks. */
class PieceRecordTest {
    private static final int CHUNK = 65536;
    private static final int G = 16384;
    private final byte[] transferId = new byte[16];
    /** File 0: chunks 0..3 (the last 3392 bytes, never split); file 1: chunk 4 (40,000 bytes). */
    private final ChunkLayout layout = new ChunkLayout(new long[] {200_000, 40_000}, CHUNK);

    private ChunkCipher sender;
    private ChunkCipher receiver;

    @BeforeEach
    void pair() throws Exception {
        pair(RecordSuite.AES_256_GCM);
    }

    private void pair(RecordSuite suite) throws Exception {
        new Random(1).nextBytes(transferId);
        SessionKeys[] keys = HandshakeTest.pair(HandshakeTest.code());
        sender = new ChunkCipher(keys[1], transferId, suite);
        receiver = new ChunkCipher(keys[0], transferId, suite);
    }

    private static byte[] plain(ChunkRef ref) {
        byte[] b = new byte[ref.length()];
        new Random(ref.chunkId()).nextBytes(b);
        return b;
    }

    private ByteBuffer piece(ChunkRef ref, int offset, int length) throws RecordException {
        ByteBuffer out = ByteBuffer.allocate(length + ChunkCipher.PIECE_OVERHEAD);
        int n = sender.encryptPiece(ref, G, offset, ByteBuffer.wrap(plain(ref), offset, length), out);
        assertThat(n).isEqualTo(out.capacity());
        return out.flip();
    }

    private byte[] open(ChunkRef ref, ByteBuffer record) throws RecordException {
        ByteBuffer out = ByteBuffer.allocate(ref.length());
        int offset = receiver.decryptPiece(ref, G, record.duplicate(), out);
        return Arrays.copyOfRange(out.array(), 0, out.position());
    }

    private static RecordError error(ThrowingOpen open) {
        try {
            open.run();
        } catch (RecordException e) {
            return e.error();
        }
        throw new AssertionError("the record was accepted");
    }

    private interface ThrowingOpen {
        void run() throws RecordException;
    }

    @ParameterizedTest
    @EnumSource(RecordSuite.class)
    void piecesOfAChunkRoundTripAtTheirOffsetsInBothSuites(RecordSuite suite) throws Exception {
        pair(suite);
        ChunkRef ref = layout.ref(4);
        byte[] whole = plain(ref);
        int[][] parts = {{0, G}, {G, G}, {2 * G, 40_000 - 2 * G}};
        for (int[] p : parts) {
            ByteBuffer record = piece(ref, p[0], p[1]);
            assertThat(ChunkCipher.isPiece(ref, record.remaining())).isTrue();
            ByteBuffer out = ByteBuffer.allocate(ref.length());
            assertThat(receiver.decryptPiece(ref, G, record, out)).isEqualTo(p[0]);
            assertThat(out.position()).isEqualTo(p[1]);
            assertThat(Arrays.copyOf(out.array(), p[1])).isEqualTo(Arrays.copyOfRange(whole, p[0], p[0] + p[1]));
        }
    }

    @Test
    void aPieceMovedToAnotherOffsetFailsAuthentication() throws Exception {
        ChunkRef ref = layout.ref(0);
        ByteBuffer record = piece(ref, G, G);
        record.putInt(0, 2 * G);
        assertThat(error(() -> open(ref, record))).isEqualTo(RecordError.AUTH_FAILED);
    }

    @Test
    void aPieceMovedToAnotherChunkOrFileOrTransferFailsAuthentication() throws Exception {
        ByteBuffer record = piece(layout.ref(1), 0, G);
        assertThat(error(() -> open(layout.ref(0), record.duplicate()))).isEqualTo(RecordError.AUTH_FAILED);
        assertThat(error(() -> open(layout.ref(4), record.duplicate()))).isEqualTo(RecordError.AUTH_FAILED);
        ChunkRef otherFile = new ChunkRef(1, 1, layout.chunkTotal(), CHUNK, CHUNK, false);
        assertThat(error(() -> open(otherFile, record.duplicate()))).isEqualTo(RecordError.AUTH_FAILED);
        ChunkRef otherLast = new ChunkRef(0, 1, layout.chunkTotal(), CHUNK, CHUNK, true);
        assertThat(error(() -> open(otherLast, record.duplicate()))).isEqualTo(RecordError.AUTH_FAILED);
        assertThat(open(layout.ref(1), record)).isEqualTo(Arrays.copyOf(plain(layout.ref(1)), G));
    }

    @Test
    void aPieceCutToAnotherLengthFailsAuthentication() throws Exception {
        ChunkRef ref = layout.ref(0);
        ByteBuffer record = piece(ref, 0, 2 * G);
        // shorter by one granule taken out of the ciphertext: still a valid piece shape, wrong length in the AD
        ByteBuffer shorter = ByteBuffer.allocate(record.remaining() - G);
        shorter.put(record.duplicate().limit(4 + 8 + G)).put(record.duplicate().position(record.limit() - 16));
        assertThat(error(() -> open(ref, shorter.flip()))).isEqualTo(RecordError.AUTH_FAILED);
    }

    @Test
    void truncatedOrMisplacedPiecesAreRefusedAsMalformed() throws Exception {
        ChunkRef ref = layout.ref(0);
        ByteBuffer record = piece(ref, 0, G);
        assertThat(error(() -> open(ref, record.duplicate().limit(record.limit() - 5))))
                .isEqualTo(RecordError.MALFORMED); // not a multiple of the granule and not the chunk's end
        assertThat(error(() -> open(ref, record.duplicate().limit(ChunkCipher.PIECE_OVERHEAD))))
                .isEqualTo(RecordError.MALFORMED);
        assertThat(error(() -> open(ref, record.duplicate().limit(3)))).isEqualTo(RecordError.MALFORMED);
        ByteBuffer misaligned = record.duplicate();
        ByteBuffer copy =
                ByteBuffer.allocate(misaligned.remaining()).put(misaligned).flip();
        copy.putInt(0, 100);
        assertThat(error(() -> open(ref, copy))).isEqualTo(RecordError.MALFORMED);
        copy.putInt(0, CHUNK);
        assertThat(error(() -> open(ref, copy))).isEqualTo(RecordError.MALFORMED); // past the chunk's end
        copy.putInt(0, -G);
        assertThat(error(() -> open(ref, copy))).isEqualTo(RecordError.MALFORMED);
    }

    @Test
    void aChunkTooSmallToSplitTakesNoPieces() throws Exception {
        ChunkRef small = layout.ref(3); // 3392 bytes < 2 granules
        assertThatThrownBy(() -> sender.encryptPiece(small, G, 0, ByteBuffer.allocate(1024), ByteBuffer.allocate(2048)))
                .isInstanceOf(IllegalArgumentException.class);
        ByteBuffer fake = ByteBuffer.allocate(1024 + ChunkCipher.PIECE_OVERHEAD);
        assertThat(error(() -> open(small, fake))).isEqualTo(RecordError.MALFORMED);
    }

    @Test
    void aWholeChunkRecordNeverOpensAsAPiece() throws Exception {
        // chunk 3 of another layout has 32 KiB: its whole record, with 4 zero bytes in front, has exactly the shape
        // of piece [0, 32 KiB) of a 64 KiB chunk — the piece magic in the associated data refuses it
        ChunkRef half = new ChunkRef(0, 0, layout.chunkTotal(), 0, 2 * G, false);
        ByteBuffer whole = ByteBuffer.allocate(2 * G + ChunkCipher.OVERHEAD);
        sender.encrypt(half, ByteBuffer.wrap(plain(half)), whole);
        ByteBuffer asPiece = ByteBuffer.allocate(4 + whole.capacity())
                .putInt(0)
                .put(whole.flip())
                .flip();
        assertThat(error(() -> open(layout.ref(0), asPiece))).isEqualTo(RecordError.AUTH_FAILED);
    }

    @Test
    void aPieceRecordNeverOpensAsAWholeChunk() throws Exception {
        ChunkRef ref = layout.ref(0);
        ByteBuffer record = piece(ref, 0, 2 * G);
        assertThat(ChunkCipher.isPiece(ref, record.remaining())).isTrue();
        assertThat(error(() -> receiver.decrypt(ref, record.duplicate(), ByteBuffer.allocate(CHUNK))))
                .isEqualTo(RecordError.MALFORMED); // wrong length for the whole chunk
        // without its clear offset it has the shape of a whole 32 KiB chunk: the chunk magic refuses it
        ChunkRef half = new ChunkRef(0, 0, layout.chunkTotal(), 0, 2 * G, false);
        ByteBuffer stripped = record.duplicate().position(4);
        assertThat(ChunkCipher.isPiece(half, stripped.remaining())).isFalse();
        assertThat(error(() -> receiver.decrypt(half, stripped, ByteBuffer.allocate(CHUNK))))
                .isEqualTo(RecordError.AUTH_FAILED);
    }

    @Test
    void aPieceDeliveredTwiceIsAReplay() throws Exception {
        ChunkRef ref = layout.ref(2);
        ByteBuffer record = piece(ref, 3 * G, G);
        open(ref, record.duplicate());
        assertThat(error(() -> open(ref, record.duplicate()))).isEqualTo(RecordError.REPLAYED);
    }

    @Test
    void piecesAndChunksShareOneCounterSoNoNonceRepeats() throws Exception {
        ChunkRef ref = layout.ref(0);
        ByteBuffer whole = ByteBuffer.allocate(CHUNK + ChunkCipher.OVERHEAD);
        sender.encrypt(ref, ByteBuffer.wrap(plain(ref)), whole);
        ByteBuffer a = piece(ref, 0, G);
        ByteBuffer b = piece(ref, 0, G);
        assertThat(whole.getLong(0)).isEqualTo(0);
        assertThat(a.getLong(4)).isEqualTo(1);
        assertThat(b.getLong(4)).isEqualTo(2);
        assertThat(ChunkCipher.chunkHash(a)).isNotEqualTo(ChunkCipher.chunkHash(b));
        ChunkCipher.checkChunkHash(ChunkCipher.chunkHash(a), a);
    }
}
