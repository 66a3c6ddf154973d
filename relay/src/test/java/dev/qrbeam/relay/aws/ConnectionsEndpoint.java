package dev.qrbeam.relay.aws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * The {@code @connections} management API as the AWS SDK calls it: {@code POST} delivers the body as one text
 * message (413 beyond the message limit), {@code DELETE} closes, {@code GET} describes; an unknown or closed id
 * answers 410 {@code GoneException}, which the SDK turns into its {@code GoneException}.
 */
final class ConnectionsEndpoint {
    private final LocalApiGateway gateway;

    ConnectionsEndpoint(LocalApiGateway gateway) {
        this.gateway = gateway;
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest request, String connectionId) {
        GatewayConnection connection = gateway.connections().get(connectionId);
        if (connection == null) {
            GatewayHttpRouter.respond(
                    ctx,
                    request,
                    HttpResponseStatus.GONE,
                    "{\"__type\":\"GoneException\",\"message\":null}",
                    "GoneException");
            return;
        }
        HttpMethod method = request.method();
        if (HttpMethod.POST.equals(method)) {
            post(ctx, request, connection);
        } else if (HttpMethod.DELETE.equals(method)) {
            connection.closeNow();
            GatewayHttpRouter.respond(ctx, request, HttpResponseStatus.NO_CONTENT, "");
        } else if (HttpMethod.GET.equals(method)) {
            GatewayHttpRouter.respond(
                    ctx,
                    request,
                    HttpResponseStatus.OK,
                    "{\"connectedAt\":\"" + java.time.Instant.ofEpochMilli(connection.connectedAt())
                            + "\",\"identity\":{\"sourceIp\":\"127.0.0.1\"}}");
        } else {
            GatewayHttpRouter.respond(
                    ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "{\"message\":\"Method not allowed\"}");
        }
    }

    private void post(ChannelHandlerContext ctx, FullHttpRequest request, GatewayConnection connection) {
        if (request.content().readableBytes() > gateway.behaviour().messageBytes()) {
            GatewayHttpRouter.respond(
                    ctx,
                    request,
                    HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "{\"__type\":\"PayloadTooLargeException\",\"message\":\"Message too long\"}",
                    "PayloadTooLargeException");
        } else if (connection.deliver(request.content().toString(StandardCharsets.UTF_8))) {
            GatewayHttpRouter.respond(ctx, request, HttpResponseStatus.OK, "");
        } else {
            GatewayHttpRouter.respond(
                    ctx,
                    request,
                    HttpResponseStatus.GONE,
                    "{\"__type\":\"GoneException\",\"message\":null}",
                    "GoneException");
        }
    }
}
