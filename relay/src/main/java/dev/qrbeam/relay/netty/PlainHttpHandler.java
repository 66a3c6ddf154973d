package dev.qrbeam.relay.netty;

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

import java.nio.charset.StandardCharsets;

/**
 * Answers plain HTTP requests (no WebSocket upgrade), e.g. a phone that opened a pairing link
 * {@code http://relay/r/1/<id>#<secret>}, with a short page saying what the link is for. The secret is in the
 * URL fragment, which browsers never send, so the relay never sees it. Upgrade requests pass through.
 */
@ChannelHandler.Sharable
final class PlainHttpHandler extends ChannelInboundHandlerAdapter {
    private static final byte[] PAGE = ("<!doctype html><html><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>QRBeam</title></head>"
            + "<body style=\"font-family:sans-serif;max-width:32em;margin:2em auto;padding:0 1em\">"
            + "<h1>QRBeam</h1><p>This is a QRBeam relay. A QRBeam link is opened by the QRBeam app on a computer: "
            + "scan the QR code with the app's camera, or copy this page's full address (including the part after "
            + "<code>#</code>) and paste it into the app's Receive view.</p></body></html>\n")
            .getBytes(StandardCharsets.UTF_8);

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest req) || (isUpgrade(req) && req.decoderResult().isSuccess())) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (req.decoderResult().isFailure()) {
            req.release();
            respond(ctx, new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE), 0);
            return;
        }
        boolean head = req.method().equals(HttpMethod.HEAD);
        boolean get = head || req.method().equals(HttpMethod.GET);
        req.release();
        FullHttpResponse r = get
                ? new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(PAGE))
                : new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.METHOD_NOT_ALLOWED);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        respond(ctx, r, get ? PAGE.length : 0);
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
