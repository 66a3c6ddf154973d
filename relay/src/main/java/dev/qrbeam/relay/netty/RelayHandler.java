package dev.qrbeam.relay.netty;

import dev.qrbeam.relay.core.CloseCodes;
import dev.qrbeam.relay.core.RelayCore;
import dev.qrbeam.relay.core.Session;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Glue between one Netty channel and the {@link RelayCore}: handshake → onConnect, messages → onText/onBinary,
 * close → onClose; applies back-pressure after each delivery; sends pings when the client is quiet and closes
 * the connection (1001) after the idle timeout without any inbound frame.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RelayHandler.class);

    private final RelayCore core;
    private final String remote;
    private final int idleEventsBeforeClose;
    private final OutboundBudget budget;
    private NettySession session;
    private int idleEvents;

    RelayHandler(RelayCore core, String remote, int idleEventsBeforeClose, OutboundBudget budget) {
        this.core = core;
        this.budget = budget;
        this.remote = remote;
        this.idleEventsBeforeClose = idleEventsBeforeClose;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            compositeCumulation(ctx);
            open(ctx);
        } else if (evt instanceof IdleStateEvent && !ctx.channel().config().isAutoRead()) {
            idleEvents = 0; // paused by back-pressure: we are the ones not reading
        } else if (evt instanceof IdleStateEvent && session != null && session.closing()) {
            ctx.close(); // already said goodbye; still silent
        } else if (evt instanceof IdleStateEvent idle) {
            idleEvents = idle.isFirst() ? 1 : idleEvents + 1;
            if (session == null || idleEvents >= idleEventsBeforeClose) {
                core.counters().closedBy("idle");
                LOG.info(
                        "closing {} from {}: idle timeout",
                        session == null ? "unopened connection" : session.id(),
                        remote);
                if (session == null) {
                    ctx.close();
                } else {
                    session.close(CloseCodes.GOING_AWAY, "idle timeout");
                }
            } else {
                ctx.writeAndFlush(new PingWebSocketFrame());
            }
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    /**
     * The frame decoder's default (merging) cumulation copies every read into one buffer and re-allocates it as a
     * 1 MiB frame accumulates (64 KiB → 2 MiB, each step a copy, and a fresh zeroed 4 MiB pool chunk when the old
     * one was freed): ~18% of the relay's CPU in a binary transfer. A composite cumulation keeps the reads as they
     * are; the decoder then copies the payload out once.
     */
    private static void compositeCumulation(ChannelHandlerContext ctx) {
        if (ctx.pipeline().get(WebSocketFrameDecoder.class) instanceof ByteToMessageDecoder decoder) {
            decoder.setCumulator(ByteToMessageDecoder.COMPOSITE_CUMULATOR);
        }
    }

    private void open(ChannelHandlerContext ctx) {
        if (session == null) {
            session =
                    new NettySession(ctx.channel(), remote, core.limits().outboundMaxBytes(), core.counters(), budget);
            core.onConnect(session);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof InboundMessage) {
            open(ctx); // frames pipelined right behind the upgrade request may beat the handshake event
        }
        if (!(msg instanceof InboundMessage m) || session.closing()) {
            ReferenceCountUtil.release(msg instanceof InboundMessage m2 ? m2.content() : msg);
            return;
        }
        try {
            Session target = m.text() ? text(m.content()) : core.onBinary(session, new NettyBinaryMessage(m.content()));
            if (target instanceof NettySession t) {
                t.throttle(session);
            } else if (target instanceof LocalSession l) {
                l.throttle(session);
            }
            session.throttle(session);
        } finally {
            m.content().release();
        }
    }

    /**
     * Copies the message once into an array the core owns (a multi-frame message is a composite buffer, whose
     * {@code nioBuffer()} would allocate and fill a merged copy first); a text Transfer is then stamped and
     * forwarded in that same array.
     */
    private Session text(ByteBuf content) {
        int size = content.readableBytes();
        byte[] owned = new byte[size + RelayCore.TEXT_SPARE];
        content.getBytes(content.readerIndex(), owned, 0, size);
        return core.onTextOwned(session, owned, size);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (session != null && ctx.channel().isWritable()) {
            session.wakeWaiters();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) {
            core.onClose(session);
            session.wakeWaiters();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("I/O error on {}: {}", remote, cause.toString());
        } else {
            LOG.info("closing connection from {}: {}", remote, cause.toString());
        }
        if (cause.getClass().getSimpleName().contains("TooLong")
                || String.valueOf(cause.getMessage()).contains("Max frame length")) {
            core.counters().closedBy("too-big");
        }
        ctx.close();
    }
}
