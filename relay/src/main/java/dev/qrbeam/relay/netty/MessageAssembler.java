package dev.qrbeam.relay.netty;

import dev.qrbeam.relay.core.CloseCodes;
import dev.qrbeam.relay.core.RelayCounters;
import dev.qrbeam.relay.core.RelayLimits;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Reassembles fragmented data frames into {@link InboundMessage}s with per-type size limits. A message over
 * its limit closes the connection with 1009 as soon as the limit is crossed, so memory per connection stays
 * bounded by the limit (the frame decoder already refuses frame headers that claim more than the largest limit).
 * Binary messages when binary is disabled close with 1003.
 */
final class MessageAssembler extends ChannelInboundHandlerAdapter {
    private final RelayLimits limits;
    private final RelayCounters counters;
    private CompositeByteBuf pending;
    private boolean pendingText;
    private boolean closing;

    MessageAssembler(RelayLimits limits, RelayCounters counters) {
        this.limits = limits;
        this.counters = counters;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)
                || !(msg instanceof TextWebSocketFrame
                        || msg instanceof BinaryWebSocketFrame
                        || msg instanceof ContinuationWebSocketFrame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (frame instanceof ContinuationWebSocketFrame) {
            continuation(ctx, frame);
            return;
        }
        boolean text = frame instanceof TextWebSocketFrame;
        if (!text && !limits.binary()) {
            frame.release();
            refuse(
                    ctx,
                    CloseCodes.UNSUPPORTED_DATA,
                    "binary messages are not accepted by this relay",
                    "binary-refused");
            return;
        }
        if (frame.content().readableBytes() > limit(text)) {
            frame.release();
            tooBig(ctx, text);
            return;
        }
        if (frame.isFinalFragment()) {
            ctx.fireChannelRead(new InboundMessage(text, frame.content()));
            return;
        }
        pendingText = text;
        pending = ctx.alloc().compositeBuffer(1024);
        pending.addComponent(true, frame.content());
    }

    private void continuation(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (pending == null) {
            frame.release();
            return;
        }
        if ((long) pending.readableBytes() + frame.content().readableBytes() > limit(pendingText)) {
            frame.release();
            releasePending();
            tooBig(ctx, pendingText);
            return;
        }
        pending.addComponent(true, frame.content());
        if (frame.isFinalFragment()) {
            CompositeByteBuf done = pending;
            pending = null;
            ctx.fireChannelRead(new InboundMessage(pendingText, done));
        }
    }

    private int limit(boolean text) {
        return text ? limits.maxTextBytes() : limits.maxBinaryBytes();
    }

    private void tooBig(ChannelHandlerContext ctx, boolean text) {
        refuse(
                ctx,
                CloseCodes.MESSAGE_TOO_BIG,
                (text ? "text" : "binary") + " message exceeds " + limit(text) + " bytes",
                "too-big");
    }

    private void refuse(ChannelHandlerContext ctx, int code, String reason, String counterKey) {
        closing = true;
        counters.closedBy(counterKey);
        Closing.close(ctx.channel(), code, reason);
    }

    private void releasePending() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releasePending();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releasePending();
    }
}
