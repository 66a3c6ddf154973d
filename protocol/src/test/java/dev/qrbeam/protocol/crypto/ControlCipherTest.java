package dev.qrbeam.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ControlCipherTest {
    @Test
    void sealsOpensAndRefusesReplayTamperAndChunkConfusion() throws Exception {
        SessionKeys[] keys = HandshakeTest.pair(HandshakeTest.code());
        ControlCipher sender = new ControlCipher(keys[1]);
        ControlCipher receiver = new ControlCipher(keys[0]);
        byte[] msg = "{\"type\":\"cancel\"}".getBytes(StandardCharsets.UTF_8);
        byte[] rec = sender.seal(msg);
        assertThat(new String(rec, StandardCharsets.ISO_8859_1)).doesNotContain("cancel");
        assertThat(receiver.open(rec)).isEqualTo(msg);
        assertThatThrownBy(() -> receiver.open(rec))
                .extracting(e -> ((RecordException) e).code())
                .isEqualTo("record-replay");
        byte[] tampered = sender.seal(msg);
        tampered[10] ^= 4;
        assertThatThrownBy(() -> receiver.open(tampered))
                .extracting(e -> ((RecordException) e).code())
                .isEqualTo("record-auth");
        assertThatThrownBy(() -> receiver.open(new byte[5]))
                .extracting(e -> ((RecordException) e).code())
                .isEqualTo("record-malformed");
        assertThat(receiver.open(sender.seal(new byte[0]))).isEmpty();
    }

    @Test
    void aChunkRecordIsNeverAcceptedAsAControlMessage() throws Exception {
        SessionKeys[] keys = HandshakeTest.pair(HandshakeTest.code());
        dev.qrbeam.protocol.chunk.ChunkRef ref = new dev.qrbeam.protocol.chunk.ChunkRef(0, 0, 1, 0, 5, true);
        ByteBuffer rec = ByteBuffer.allocate(5 + ChunkCipher.OVERHEAD);
        new ChunkCipher(keys[1], new byte[16]).encrypt(ref, ByteBuffer.wrap(new byte[5]), rec);
        assertThatThrownBy(() -> new ControlCipher(keys[0]).open(rec.array()))
                .extracting(e -> ((RecordException) e).code())
                .isEqualTo("record-auth");
    }
}
