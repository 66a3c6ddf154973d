package dev.qrbeam.relay.aws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client connection of the stand-in after the handshake: reassembles messages under AWS's limits, hands each
 * to the Lambda handler (one at a time for this connection), and runs {@code $disconnect} once when it closes.
 */
final class GatewayConnection extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final LocalApiGateway gateway;
    private final Channel channel;
    private final String id;
    private final long connectedAt;
    private final AtomicBoolean disconnected = new AtomicBoolean();
    private CompositeByteBuf message;
    private CompletableFuture<Void> invocations = CompletableFuture.completedFuture(null);
    private ScheduledFuture<?> lifetimeCut;
    private ScheduledFuture<?> idleCheck;
    private volatile long lastMessageNanos;

    GatewayConnection(LocalApiGateway gateway, Channel channel, String id, long connectedAt) {
        this.gateway = gateway;
        this.channel = channel;
        this.id = id;
        this.connectedAt = connectedAt;
    }

    /** Called on the event loop once the handshake is written: the id becomes reachable through @connections. */
    void opened() {
        if (!channel.isActive()) {
            return;
        }
        gateway.connections().put(id, this);
        gateway.countOpened();
        GatewayBehaviour b = gateway.behaviour();
        lastMessageNanos = System.nanoTime();
        long checkMillis = Math.max(10, b.idleTimeout().toMillis() / 4);
        idleCheck = channel.eventLoop()
                .scheduleAtFixedRate(this::checkIdle, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
        lifetimeCut =
                channel.eventLoop().schedule(this::cutLifetime, b.maxLifetime().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * API Gateway's idle timeout counts messages in either direction; control frames (ping/pong) are not counted
     * here, the stricter reading of "no messages sent between the server and client".
     */
    private void checkIdle() {
        if (System.nanoTime() - lastMessageNanos
                > gateway.behaviour().idleTimeout().toNanos()) {
            close(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "Going away");
        }
    }

    /** What API Gateway does when a connection reaches its maximum lifetime: close 1001 "Going away". */
    void cutLifetime() {
        close(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "Going away");
    }

    String id() {
        return id;
    }

    long connectedAt() {
        return connectedAt;
    }

    /** Delivers one message from the management API, as a single text frame. */
    boolean deliver(String text) {
        if (!channel.isActive()) {
            return false;
        }
        lastMessageNanos = System.nanoTime();
        channel.writeAndFlush(new TextWebSocketFrame(text));
        return true;
    }

    /** Closes the connection like the DELETE management call does. */
    void closeNow() {
        close(WebSocketCloseStatus.NORMAL_CLOSURE, "");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof BinaryWebSocketFrame) {
            gateway.countViolation();
            close(WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "Binary frames are not supported");
        } else if (frame instanceof TextWebSocketFrame) {
            startMessage(frame);
        } else if (frame instanceof ContinuationWebSocketFrame) {
            continueMessage(frame);
        } else if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        } else if (frame instanceof CloseWebSocketFrame) {
            ctx.writeAndFlush(frame.retainedDuplicate()).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void startMessage(WebSocketFrame frame) {
        lastMessageNanos = System.nanoTime();
        releaseMessage();
        message = channel.alloc().compositeBuffer(Integer.MAX_VALUE);
        continueMessage(frame);
    }

    private void continueMessage(WebSocketFrame frame) {
        if (message == null) {
            return;
        }
        if (message.readableBytes() + frame.content().readableBytes()
                > gateway.behaviour().messageBytes()) {
            releaseMessage();
            gateway.countViolation();
            close(WebSocketCloseStatus.MESSAGE_TOO_BIG, "Message too big");
            return;
        }
        message.addComponent(true, frame.content().retain());
        if (frame.isFinalFragment()) {
            String body = message.toString(StandardCharsets.UTF_8);
            releaseMessage();
            invokeInOrder(body);
        }
    }

    private void invokeInOrder(String body) {
        invocations = invocations.thenRunAsync(
                () -> {
                    if (gateway.invoke(gateway.events().message(id, connectedAt, body))
                                    .getStatusCode()
                            >= 500) {
                        deliver("{\"message\": \"Internal server error\", \"connectionId\":\"" + id + "\"}");
                    }
                },
                gateway.workers());
    }

    private void close(WebSocketCloseStatus status, String reason) {
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(status.code(), reason))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        releaseMessage();
        disconnect();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException) {
            gateway.countViolation(); // e.g. a frame over the limit: Netty has already sent close 1009
        }
        ctx.close();
    }

    private void disconnect() {
        if (lifetimeCut != null) {
            lifetimeCut.cancel(false);
            idleCheck.cancel(false);
        }
        if (disconnected.compareAndSet(false, true)) {
            gateway.connections().remove(id, this);
            invocations = invocations.thenRunAsync(
                    () -> gateway.invoke(gateway.events().disconnect(id, connectedAt)), gateway.workers());
        }
    }

    private void releaseMessage() {
        ByteBuf m = message;
        message = null;
        if (m != null) {
            m.release();
        }
    }
}
