package dev.qrbeam.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qrbeam.protocol.chunk.ChunkLayout;
import dev.qrbeam.protocol.chunk.ChunkRef;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChunkCipherTest {
    private static final int CHUNK = 4096;
    private final byte[] transferId = new byte[16];
    private final ChunkLayout layout = new ChunkLayout(new long[] {10_000, 0, 5000}, CHUNK);
    private SessionKeys senderKeys;
    private SessionKeys receiverKeys;
    private ChunkCipher sender;
    private ChunkCipher receiver;

    @BeforeEach
    void pair() throws Exception {
        new Random(1).nextBytes(transferId);
        SessionKeys[] keys = HandshakeTest.pair(HandshakeTest.code());
        receiverKeys = keys[0];
        senderKeys = keys[1];
        sender = new ChunkCipher(senderKeys, transferId);
        receiver = new ChunkCipher(receiverKeys, transferId);
    }

    private byte[] plain(ChunkRef ref) {
        byte[] b = new byte[ref.length()];
        new Random(ref.chunkId()).nextBytes(b);
        return b;
    }

    private ByteBuffer seal(ChunkCipher cipher, ChunkRef ref) throws RecordException {
        ByteBuffer out = ByteBuffer.allocate(ref.length() + ChunkCipher.OVERHEAD);
        int n = cipher.encrypt(ref, ByteBuffer.wrap(plain(ref)), out);
        assertThat(n).isEqualTo(out.capacity());
        return out.flip();
    }

    private byte[] open(ChunkCipher cipher, ChunkRef ref, ByteBuffer record) throws RecordException {
        ByteBuffer out = ByteBuffer.allocate(ref.length());
        cipher.decrypt(ref, record.duplicate(), out);
        return out.array();
    }

    @Test
    void roundTripsEveryChunkIncludingTheEmptyFile() throws Exception {
        for (long id = 0; id < layout.chunkTotal(); id++) {
            ChunkRef ref = layout.ref(id);
            assertThat(open(receiver, ref, seal(sender, ref))).isEqualTo(plain(ref));
        }
    }

    @Test
    void worksWithOffsetsInLargerBuffersAndDirectBuffers() throws Exception {
        ChunkRef ref = layout.ref(1);
        ByteBuffer src = ByteBuffer.allocateDirect(ref.length() + 100).position(50);
        src.put(plain(ref)).position(50).limit(50 + ref.length());
        ByteBuffer rec =
                ByteBuffer.allocate(ref.length() + ChunkCipher.OVERHEAD + 30).position(30);
        sender.encrypt(ref, src, rec);
        rec.flip().position(30);
        ByteBuffer dst = ByteBuffer.allocateDirect(ref.length() + 7).position(7);
        assertThat(receiver.decrypt(ref, rec, dst)).isEqualTo(ref.length());
        byte[] got = new byte[ref.length()];
        dst.position(7).get(got);
        assertThat(got).isEqualTo(plain(ref));
    }

    @Test
    void tamperedCiphertextIsRejected() throws Exception {
        ChunkRef ref = layout.ref(0);
        for (int pos : new int[] {7, 8, 100, ref.length() + ChunkCipher.OVERHEAD - 1}) {
            ByteBuffer rec = seal(sender, ref);
            rec.put(pos, (byte) (rec.get(pos) ^ 0x01));
            assertThatThrownBy(() -> open(receiver, ref, rec))
                    .isInstanceOf(RecordException.class)
                    .extracting(e -> ((RecordException) e).code())
                    .isEqualTo("record-auth");
        }
    }

    @Test
    void refusedRecordLeavesTheOutputPositionAlone() throws Exception {
        ChunkRef ref = layout.ref(0);
        ByteBuffer rec = seal(sender, ref);
        rec.put(20, (byte) (rec.get(20) ^ 0x80));
        ByteBuffer out = ByteBuffer.allocate(ref.length() + 10).position(10);
        assertThatThrownBy(() -> receiver.decrypt(ref, rec, out)).isInstanceOf(RecordException.class);
        assertThat(out.position()).isEqualTo(10);
        ByteBuffer good = seal(sender, ref);
        open(receiver, ref, good);
        ByteBuffer out2 = ByteBuffer.allocate(ref.length()).position(0);
        assertThatThrownBy(() -> receiver.decrypt(ref, good.duplicate(), out2))
                .extracting(e -> ((RecordException) e).code())
                .isEqualTo("record-replay");
        assertThat(out2.position()).isZero();
    }

    @Test
    void truncatedOrExtendedRecordsAreRejected() throws Exception {
        ChunkRef ref = layout.ref(0);
        ByteBuffer rec = seal(sender, ref);
        assertThatThrownBy(() -> open(receiver, ref, rec.duplicate().limit(rec.limit() - 1)))
                .extracting(e -> ((RecordException) e).code())
                .isEqualTo("record-malformed");
        assertThatThrownBy(() -> open(receiver, ref, ByteBuffer.allocate(3)))
                .extracting(e -> ((RecordException) e).code())
                .isEqualTo("record-malformed");
    }

    @Test
    void reorderedChunkPresentedAtAnotherIdIsRejected() throws Exception {
        ChunkRef first = layout.ref(0);
        ChunkRef second = layout.ref(1);
        ByteBuffer rec = seal(sender, first);
        assertThatThrownBy(() -> open(receiver, second, rec))
                .isInstanceOf(RecordException.class)
                .extracting(e -> ((RecordException) e).code())
                .isEqualTo("record-auth");
    }

    @Test
    void wrongAssociatedDataIsRejected() throws Exception {
        ChunkRef ref = layout.ref(3); // first chunk of the third file
        ByteBuffer rec = seal(sender, ref);
        ChunkRef[] lies = {
            new ChunkRef(0, ref.chunkId(), ref.chunkTotal(), ref.offset(), ref.length(), ref.last()),
            new ChunkRef(ref.fileIndex(), ref.chunkId(), ref.chunkTotal() + 1, ref.offset(), ref.length(), ref.last()),
            new ChunkRef(
                    ref.fileIndex(), ref.chunkId(), ref.chunkTotal(), ref.offset() + CHUNK, ref.length(), ref.last()),
            new ChunkRef(ref.fileIndex(), ref.chunkId(), ref.chunkTotal(), ref.offset(), ref.length(), !ref.last()),
        };
        for (ChunkRef lie : lies) {
            assertThatThrownBy(() -> open(receiver, lie, rec))
                    .extracting(e -> ((RecordException) e).code())
                    .isEqualTo("record-auth");
        }
        assertThat(open(receiver, ref, rec)).isEqualTo(plain(ref));
    }

    @Test
    void chunkSplicedFromAnotherTransferIsRejected() throws Exception {
        byte[] otherId = transferId.clone();
        otherId[0] ^= 1;
        ChunkRef ref = layout.ref(0);
        ByteBuffer rec = seal(new ChunkCipher(senderKeys, otherId), ref);
        assertThatThrownBy(() -> open(receiver, ref, rec))
                .extracting(e -> ((RecordException) e).code())
                .isEqualTo("record-auth");
    }

    @Test
    void chunkFromAnotherSessionIsRejected() throws Exception {
        SessionKeys[] other = HandshakeTest.pair(HandshakeTest.code());
        ChunkRef ref = layout.ref(0);
        ByteBuffer rec = seal(new ChunkCipher(other[1], transferId), ref);
        assertThatThrownBy(() -> open(receiver, ref, rec))
                .extracting(e -> ((RecordException) e).code())
                .isEqualTo("record-auth");
    }

    @Test
    void replayedChunkIsRejectedButAFreshResendIsAccepted() throws Exception {
        ChunkRef ref = layout.ref(0);
        ByteBuffer rec = seal(sender, ref);
        open(receiver, ref, rec);
        assertThatThrownBy(() -> open(receiver, ref, rec))
                .extracting(e -> ((RecordException) e).code())
                .isEqualTo("record-replay");
        ByteBuffer resend = seal(sender, ref);
        assertThat(resend).isNotEqualTo(rec);
        assertThat(open(receiver, ref, resend)).isEqualTo(plain(ref));
    }

    @Test
    void receiverCannotDecryptItsOwnDirection() throws Exception {
        ChunkRef ref = layout.ref(0);
        ByteBuffer rec = seal(receiver, ref);
        assertThatThrownBy(() -> open(receiver, ref, rec))
                .extracting(e -> ((RecordException) e).code())
                .isEqualTo("record-auth");
        assertThat(open(sender, ref, rec)).isEqualTo(plain(ref));
    }

    @Test
    void outOfOrderDeliveryWithinTheWindowIsAccepted() throws Exception {
        int n = (int) layout.chunkTotal();
        ByteBuffer[] recs = new ByteBuffer[n];
        for (int i = 0; i < n; i++) {
            recs[i] = seal(sender, layout.ref(i));
        }
        for (int i = n - 1; i >= 0; i--) {
            assertThat(open(receiver, layout.ref(i), recs[i])).isEqualTo(plain(layout.ref(i)));
        }
    }

    @Test
    void nonceCountersNeverRepeatAcrossInstancesOnTheSameKeys() throws Exception {
        ChunkCipher second = new ChunkCipher(senderKeys, transferId);
        Set<Long> counters = new HashSet<>();
        ChunkRef ref = layout.ref(1);
        for (int i = 0; i < 200; i++) {
            ByteBuffer rec = seal(i % 2 == 0 ? sender : second, ref);
            assertThat(counters.add(rec.getLong(0))).isTrue();
        }
    }

    @Test
    void chunkHashIsTheTagAndMismatchesAreRefused() throws Exception {
        ChunkRef ref = layout.ref(0);
        ByteBuffer rec = seal(sender, ref);
        String hash = ChunkCipher.chunkHash(rec);
        assertThat(hash).hasSize(22);
        ChunkCipher.checkChunkHash(hash, rec);
        ByteBuffer other = seal(sender, ref);
        assertThatThrownBy(() -> ChunkCipher.checkChunkHash(hash, other))
                .extracting(e -> ((RecordException) e).code())
                .isEqualTo("record-hash");
        assertThatThrownBy(() -> ChunkCipher.checkChunkHash("not base64!", rec))
                .extracting(e -> ((RecordException) e).code())
                .isEqualTo("record-hash");
        assertThat(rec.position()).isZero();
    }

    @Test
    void plaintextLengthMustMatchTheChunk() {
        ChunkRef ref = layout.ref(0);
        assertThatThrownBy(() -> sender.encrypt(ref, ByteBuffer.allocate(1), ByteBuffer.allocate(100)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
