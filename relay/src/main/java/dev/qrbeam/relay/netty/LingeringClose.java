package dev.qrbeam.relay.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Makes server-initiated closes graceful: instead of closing a socket that still has unread client data
 * (which makes the kernel send RST and can destroy the close frame we just sent, so the client would see 1006
 * instead of e.g. 1009), it sends FIN, keeps reading (later handlers discard the input) and closes when the
 * client closes or after {@value #LINGER_MILLIS} ms.
 */
final class LingeringClose extends ChannelOutboundHandlerAdapter {
    static final long LINGER_MILLIS = 2000;
    private boolean lingering;

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (lingering) {
            // a second close (e.g. exceptionCaught after the frame decoder's own 1009) must not cut the linger
            // short: closing now would reset the connection over the client's unread bytes, destroying the close
            // frame already sent (the client saw 1006 instead of 1009 in ~3% of runs)
            ctx.channel().closeFuture().addListener(f -> promise.trySuccess());
            return;
        }
        if (!(ctx.channel() instanceof SocketChannel ch) || !ch.isActive() || ch.isOutputShutdown()) {
            ctx.close(promise);
            return;
        }
        lingering = true;
        ch.config().setAutoRead(true);
        ScheduledFuture<?> timer = ctx.executor()
                .schedule(
                        () -> {
                            ctx.close();
                        },
                        LINGER_MILLIS,
                        TimeUnit.MILLISECONDS);
        ch.closeFuture().addListener(f -> {
            timer.cancel(false);
            promise.trySuccess();
        });
        ch.shutdownOutput().addListener(f -> {
            if (!f.isSuccess()) {
                ctx.close();
            }
        });
    }
}
