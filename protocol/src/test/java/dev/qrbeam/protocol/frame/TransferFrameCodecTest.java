package dev.qrbeam.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qrbeam.protocol.message.ErrorCode;
import dev.qrbeam.protocol.message.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TransferFrameCodecTest {

    private static void rejects(byte[] frame, ErrorCode code) {
        assertThatThrownBy(() -> TransferFrameCodec.decodeHeader(ByteBuffer.wrap(frame)))
                .isInstanceOf(ProtocolException.class)
                .satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo(code));
    }

    @Test
    void roundTripsHeaderAndData() {
        ByteBuffer data = ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer frame = TransferFrameCodec.encode("abc", 3, 10, "h4sh", data);
        assertThat(frame.get(0)).isEqualTo((byte) 'Q');
        assertThat(frame.remaining()).isEqualTo(22 + 3 + 4 + 5);
        TransferFrameHeader h = TransferFrameCodec.decodeHeader(frame);
        assertThat(h).isEqualTo(new TransferFrameHeader("abc", 3, 10, "h4sh", 29));
        ByteBuffer d = TransferFrameCodec.data(frame, h);
        byte[] out = new byte[d.remaining()];
        d.get(out);
        assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo("hello");
    }

    @Test
    void layoutIsBigEndianAsDocumented() {
        byte[] h = TransferFrameCodec.encodeHeader("A", 1, 258, "");
        assertThat(h).containsExactly(0x51, 0x42, 1, 1, 1, 'A', 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 2, 0);
    }

    @Test
    void rejectsBrokenFrames() {
        byte[] good = TransferFrameCodec.encodeHeader("abc", 0, 1, "h");
        rejects(new byte[] {0x51, 0x42}, ErrorCode.BAD_FRAME);
        byte[] magic = good.clone();
        magic[0] = 'X';
        rejects(magic, ErrorCode.BAD_FRAME);
        byte[] version = good.clone();
        version[2] = 2;
        rejects(version, ErrorCode.BAD_FRAME);
        byte[] kind = good.clone();
        kind[3] = 9;
        rejects(kind, ErrorCode.BAD_FRAME);
        byte[] idLen0 = good.clone();
        idLen0[4] = 0;
        rejects(idLen0, ErrorCode.BAD_FRAME);
        byte[] idLenHuge = good.clone();
        idLenHuge[4] = (byte) 200;
        rejects(idLenHuge, ErrorCode.BAD_FRAME);
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
        rejects(truncated, ErrorCode.BAD_FRAME);
        byte[] ctl = good.clone();
        ctl[5] = 0x1b;
        rejects(ctl, ErrorCode.BAD_FRAME);
        byte[] hashLen = good.clone();
        hashLen[21 + 3] = (byte) 129;
        rejects(hashLen, ErrorCode.BAD_FRAME);
    }

    @Test
    void rejectsBadChunkNumbers() {
        rejects(frame(0, 0), ErrorCode.BAD_CHUNK);
        rejects(frame(-1, 4), ErrorCode.BAD_CHUNK);
        rejects(frame(4, 4), ErrorCode.BAD_CHUNK);
        rejects(frame(0, 1L << 31), ErrorCode.BAD_CHUNK);
        rejects(frame(0, Long.MIN_VALUE), ErrorCode.BAD_CHUNK);
    }

    private static byte[] frame(long id, long total) {
        ByteBuffer b = ByteBuffer.allocate(22 + 1);
        b.put((byte) 0x51)
                .put((byte) 0x42)
                .put((byte) 1)
                .put((byte) 1)
                .put((byte) 1)
                .put((byte) 'a')
                .putLong(id)
                .putLong(total)
                .put((byte) 0);
        return b.array();
    }
}
