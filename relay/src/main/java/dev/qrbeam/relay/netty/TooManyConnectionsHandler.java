package dev.qrbeam.relay.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * Answers the upgrade request of a connection over a connection limit and closes: HTTP 429 over the per-address
 * limit, 503 over the relay's total.
 */
final class TooManyConnectionsHandler extends ChannelInboundHandlerAdapter {
    private final HttpResponseStatus status;
    private final String text;

    private TooManyConnectionsHandler(HttpResponseStatus status, String text) {
        this.status = status;
        this.text = text;
    }

    static TooManyConnectionsHandler perAddress() {
        return new TooManyConnectionsHandler(
                HttpResponseStatus.TOO_MANY_REQUESTS, "too many connections from this address\n");
    }

    static TooManyConnectionsHandler relayFull() {
        return new TooManyConnectionsHandler(HttpResponseStatus.SERVICE_UNAVAILABLE, "relay full; try again later\n");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        boolean request = msg instanceof HttpRequest;
        ReferenceCountUtil.release(msg);
        if (!request) {
            return;
        }
        FullHttpResponse r = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=us-ascii");
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        r.headers().set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }
}
