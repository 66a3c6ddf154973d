package dev.qrbeam.relay.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * First handler of every stand-in connection: a WebSocket upgrade on {@code /STAGE} runs {@code $connect} and, when
 * the handler answers 2xx, completes the handshake; {@code /STAGE/@connections/{id}} is the management API.
 */
final class GatewayHttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final LocalApiGateway gateway;

    GatewayHttpRouter(LocalApiGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        String stage = "/" + gateway.behaviour().stage();
        String management = stage + "/@connections/";
        if (path.startsWith(management)) {
            String id = decodePathSegment(path.substring(management.length()));
            new ConnectionsEndpoint(gateway).handle(ctx, request, id);
        } else if ((path.equals(stage) || path.equals(stage + "/"))
                && "websocket".equalsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE))) {
            upgrade(ctx, request);
        } else {
            respond(ctx, request, HttpResponseStatus.FORBIDDEN, "{\"message\":\"Forbidden\"}");
        }
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
        String id = gateway.newConnectionId();
        long connectedAt = System.currentTimeMillis();
        Map<String, String> headers = new HashMap<>();
        request.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
        Map<String, String> query = new HashMap<>();
        new QueryStringDecoder(request.uri()).parameters().forEach((k, v) -> query.put(k, v.get(0)));
        FullHttpRequest retained = request.retainedDuplicate();
        gateway.workers().execute(() -> {
            APIGatewayV2WebSocketResponse response =
                    gateway.invoke(gateway.events().connect(id, connectedAt, headers, query));
            ctx.executor().execute(() -> finishUpgrade(ctx, retained, id, connectedAt, response.getStatusCode()));
        });
    }

    private void finishUpgrade(
            ChannelHandlerContext ctx, FullHttpRequest request, String id, long connectedAt, int status) {
        try {
            if (status < 200 || status > 299) {
                respond(
                        ctx,
                        request,
                        HttpResponseStatus.valueOf(status == 500 ? 500 : 403),
                        "{\"message\":\"Forbidden\"}");
                return;
            }
            WebSocketDecoderConfig decoder = WebSocketDecoderConfig.newBuilder()
                    .maxFramePayloadLength(gateway.behaviour().frameBytes())
                    .allowExtensions(false)
                    .closeOnProtocolViolation(true)
                    .build();
            String url = "ws://127.0.0.1:" + gateway.port() + "/"
                    + gateway.behaviour().stage();
            WebSocketServerHandshaker handshaker =
                    new WebSocketServerHandshakerFactory(url, null, decoder).newHandshaker(request);
            if (handshaker == null) {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
                return;
            }
            GatewayConnection connection = new GatewayConnection(gateway, ctx.channel(), id, connectedAt);
            ctx.pipeline().replace(this, "gateway-connection", connection);
            handshaker.handshake(ctx.channel(), request).addListener(f -> {
                if (f.isSuccess()) {
                    connection.opened();
                } else {
                    ctx.close();
                }
            });
        } finally {
            request.release();
        }
    }

    /** Percent-decodes one path segment; '+' stays '+' (it is not a space in a path). */
    static String decodePathSegment(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, String body) {
        respond(ctx, request, status, body, null);
    }

    static void respond(
            ChannelHandlerContext ctx,
            FullHttpRequest request,
            HttpResponseStatus status,
            String body,
            String errorType) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        if (errorType != null) {
            response.headers().set("x-amzn-ErrorType", errorType);
        }
        if (HttpUtil.isKeepAlive(request)) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
