package dev.qrbeam.relay.netty;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * A caller's heap buffer as a Netty buffer, without a copy, that says when Netty no longer uses it: its
 * reference count reaches zero once every frame made from it was written out (the NIO transport copies a heap
 * buffer into a direct one as it writes and releases it then) or dropped.
 */
final class ReleasingBuf extends UnpooledHeapByteBuf {
    private final CompletableFuture<Void> released = new CompletableFuture<>();

    private ReleasingBuf(byte[] array) {
        super(UnpooledByteBufAllocator.DEFAULT, array, array.length);
    }

    /** Wraps {@code data}'s remaining bytes (array-backed) as this buffer's readable bytes. */
    static ReleasingBuf of(ByteBuffer data) {
        if (!data.hasArray()) {
            throw new IllegalArgumentException("an array-backed buffer is needed");
        }
        ReleasingBuf b = new ReleasingBuf(data.array());
        int start = data.arrayOffset() + data.position();
        b.setIndex(start, start + data.remaining());
        return b;
    }

    /** Completes when the last reference is released. */
    CompletableFuture<Void> released() {
        return released;
    }

    @Override
    protected void deallocate() {
        super.deallocate();
        released.complete(null);
    }
}
