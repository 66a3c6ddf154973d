package dev.qrbeam.relay.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.util.concurrent.TimeUnit;

/**
 * Closes a WebSocket channel with a close frame, forcing the TCP close if the peer does not cooperate.
 * Input keeps being read (and discarded by {@link MessageAssembler}) so the close is not turned into a reset.
 */
final class Closing {
    private Closing() {}

    static void close(Channel ch, int code, String reason) {
        if (!ch.isActive()) {
            return;
        }
        ch.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        ch.eventLoop()
                .schedule(
                        () -> {
                            ch.close();
                        },
                        2,
                        TimeUnit.SECONDS);
    }
}
