package dev.qrbeam.relay.netty;

import dev.qrbeam.relay.core.BinaryMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;

/** {@link BinaryMessage} over a Netty buffer; forwarding retains it instead of copying. */
final class NettyBinaryMessage implements BinaryMessage {
    private final ByteBuf buf;
    private final boolean owned;

    /** Wraps a buffer the transport owns (and releases itself). */
    NettyBinaryMessage(ByteBuf buf) {
        this(buf, false);
    }

    private NettyBinaryMessage(ByteBuf buf, boolean owned) {
        this.buf = buf;
        this.owned = owned;
    }

    ByteBuf buffer() {
        return buf;
    }

    @Override
    public int length() {
        return buf.readableBytes();
    }

    @Override
    public ByteBuffer head(int max) {
        int n = Math.min(max, buf.readableBytes());
        byte[] copy = new byte[n];
        buf.getBytes(buf.readerIndex(), copy);
        return ByteBuffer.wrap(copy).asReadOnlyBuffer();
    }

    @Override
    public void overwrite(int index, byte[] bytes) {
        buf.setBytes(buf.readerIndex() + index, bytes);
    }

    @Override
    public BinaryMessage replacePrefix(int oldPrefixLength, byte[] newPrefix) {
        ByteBuf rest = buf.retainedSlice(buf.readerIndex() + oldPrefixLength, buf.readableBytes() - oldPrefixLength);
        return new NettyBinaryMessage(Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(newPrefix), rest), true);
    }

    @Override
    public void release() {
        if (owned) {
            buf.release();
        }
    }
}
