package dev.qrbeam.relay.netty;

import dev.qrbeam.relay.core.DirectDownloads;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Answers plain HTTP requests (no WebSocket upgrade), e.g. a phone that opened a pairing link
 * {@code http://relay/r/1/<id>#<secret>}, with the {@link PhonePage} under its strict CSP: the page reads the secret
 * from the fragment (which browsers never send, so the relay never sees it) and receives end-to-end encrypted in the
 * browser. Serving the page uses up nothing: only a completed handshake pairs. Upgrade requests pass through.
 */
@ChannelHandler.Sharable
final class PlainHttpHandler extends ChannelInboundHandlerAdapter {
    private static final PhonePage PAGE = PhonePage.load();

    private final DirectDownloadResponder downloads;

    /** @param downloads files offered for direct download on this relay */
    PlainHttpHandler(DirectDownloads downloads) {
        this.downloads = new DirectDownloadResponder(downloads);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest req)
                || (isUpgrade(req) && req.decoderResult().isSuccess())) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (req.decoderResult().isFailure()) {
            req.release();
            respond(
                    ctx,
                    new DefaultFullHttpResponse(
                            HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE),
                    0);
            return;
        }
        if (DirectDownloadResponder.isDownload(req.uri())) {
            try {
                downloads.respond(ctx, req);
            } finally {
                req.release();
            }
            return;
        }
        boolean head = req.method().equals(HttpMethod.HEAD);
        boolean get = head || req.method().equals(HttpMethod.GET);
        String host = req.headers().get(HttpHeaderNames.HOST);
        req.release();
        byte[] page = PAGE.html();
        FullHttpResponse r = get
                ? new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1,
                        HttpResponseStatus.OK,
                        head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(page))
                : new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.METHOD_NOT_ALLOWED);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        r.headers().set(HttpHeaderNames.CONTENT_SECURITY_POLICY, PAGE.policy(host));
        r.headers().set("X-Content-Type-Options", "nosniff");
        r.headers().set("Referrer-Policy", "no-referrer");
        respond(ctx, r, get ? page.length : 0);
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpResponse r, int length) {
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }

    private static boolean isUpgrade(FullHttpRequest req) {
        return req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }
}
