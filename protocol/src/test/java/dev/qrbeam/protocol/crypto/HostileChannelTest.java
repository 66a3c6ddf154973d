package dev.qrbeam.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.protocol.chunk.ChunkLayout;
import dev.qrbeam.protocol.chunk.ChunkRef;
import dev.qrbeam.protocol.chunk.ChunkSet;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The composed receiver rules (chunkhash check, AEAD with the receiver's own AD, replay window, chunk set) against
 * a channel that duplicates, reorders, flips bits, truncates, relabels and splices chunks from another transfer
 * and another session: every authentic chunk is accepted once, nothing else, and the file hash matches.
 */
class HostileChannelTest {
    private record Wire(long chunkId, String hash, byte[] data) {}

    @Test
    void onlyAuthenticChunksLandAndTheFileIsByteIdentical() throws Exception {
        Random rnd = new Random(42);
        int chunkSize = 4096;
        byte[] file = new byte[chunkSize * 40 + 123];
        rnd.nextBytes(file);
        byte[] tid = new byte[16];
        rnd.nextBytes(tid);
        byte[] otherTid = tid.clone();
        otherTid[15] ^= 1;
        ChunkLayout layout = new ChunkLayout(new long[] {file.length}, chunkSize);
        SessionKeys[] keys = HandshakeTest.pair(HandshakeTest.code());
        SessionKeys[] foreign = HandshakeTest.pair(HandshakeTest.code());
        ChunkCipher sender = new ChunkCipher(keys[1], tid);
        ChunkCipher otherTransfer = new ChunkCipher(keys[1], otherTid);
        ChunkCipher otherSession = new ChunkCipher(foreign[1], tid);

        List<Wire> channel = new ArrayList<>();
        for (long id = 0; id < layout.chunkTotal(); id++) {
            ChunkRef ref = layout.ref(id);
            Wire good = seal(sender, ref, file);
            channel.add(good);
            channel.add(good); // duplicate (replay)
            byte[] flipped = good.data().clone();
            flipped[rnd.nextInt(flipped.length)] ^= (byte) (1 << rnd.nextInt(8));
            channel.add(new Wire(id, good.hash(), flipped));
            channel.add(new Wire(id, ChunkCipher.chunkHash(ByteBuffer.wrap(flipped)), flipped));
            channel.add(new Wire(id, good.hash(), java.util.Arrays.copyOf(good.data(), good.data().length - 1)));
            channel.add(new Wire((id + 1) % layout.chunkTotal(), good.hash(), good.data())); // relabelled
            channel.add(seal(otherTransfer, ref, file)); // spliced from another transfer
            channel.add(seal(otherSession, ref, file)); // from another session
        }
        Collections.shuffle(channel, rnd);

        ChunkCipher receiver = new ChunkCipher(keys[0], tid);
        ChunkSet have = new ChunkSet(layout.chunkTotal());
        byte[] out = new byte[file.length];
        int accepted = 0;
        int refused = 0;
        for (Wire w : channel) {
            ChunkRef ref = layout.ref(w.chunkId());
            ByteBuffer data = ByteBuffer.wrap(w.data());
            ByteBuffer plain = ByteBuffer.allocate(ref.length());
            try {
                ChunkCipher.checkChunkHash(w.hash(), data);
                receiver.decrypt(ref, data, plain);
            } catch (RecordException e) {
                refused++;
                continue;
            }
            assertThat(have.add(ref.chunkId()))
                    .as("chunk %d accepted twice", ref.chunkId())
                    .isTrue();
            System.arraycopy(plain.array(), 0, out, (int) ref.offset(), ref.length());
            accepted++;
        }
        assertThat(accepted).isEqualTo((int) layout.chunkTotal());
        assertThat(refused).isEqualTo(channel.size() - accepted);
        assertThat(have.isComplete()).isTrue();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        assertThat(sha.digest(out))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(file));
    }

    private static Wire seal(ChunkCipher cipher, ChunkRef ref, byte[] file) throws RecordException {
        ByteBuffer rec = ByteBuffer.allocate(ref.length() + ChunkCipher.OVERHEAD);
        cipher.encrypt(ref, ByteBuffer.wrap(file, (int) ref.offset(), ref.length()), rec);
        rec.flip();
        return new Wire(ref.chunkId(), ChunkCipher.chunkHash(rec), rec.array());
    }
}
