package dev.qrbeam.relay.netty;

import dev.qrbeam.relay.core.RelayCounters;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deadline from accept to a completed WebSocket upgrade: a client that trickles its upgrade request (slowloris)
 * keeps resetting the idle timer, so the idle timeout alone never closes it. Past the deadline the connection is
 * closed, counted as {@code upgrade-timeout}. Plain HTTP requests are answered and closed well within it.
 */
final class UpgradeDeadline extends ChannelInboundHandlerAdapter {
    private final long millis;
    private final RelayCounters counters;
    private ScheduledFuture<?> timer;

    UpgradeDeadline(long millis, RelayCounters counters) {
        this.millis = millis;
        this.counters = counters;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timer = ctx.executor()
                .schedule(
                        () -> {
                            if (ctx.channel().isActive()) {
                                counters.closedBy("upgrade-timeout");
                                ctx.close();
                            }
                        },
                        millis,
                        TimeUnit.MILLISECONDS);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            cancel();
            ctx.pipeline().remove(this);
        }
        super.userEventTriggered(ctx, evt);
    }

    /** Removed from the pipeline (upgraded, or the connection became a direct download): no deadline any more. */
    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
