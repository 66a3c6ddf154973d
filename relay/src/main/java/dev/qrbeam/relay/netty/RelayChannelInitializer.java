package dev.qrbeam.relay.netty;

import dev.qrbeam.relay.core.DirectDownloads;
import dev.qrbeam.relay.core.RelayCore;
import dev.qrbeam.relay.core.RelayLimits;
import dev.qrbeam.relay.tls.ReloadingTls;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-connection pipeline: TLS when configured (the certificate current at accept), a total connection cap (HTTP 503) and a per-address cap (HTTP 429), a deadline from
 * accept to the completed upgrade, idle detection on raw bytes, HTTP upgrade on any path (so {@code /} and
 * {@code /<stage>} both work), WebSocket frames limited to the largest message size (a header claiming more is
 * refused with 1009 before any payload is buffered), no extensions (no compression bombs), our own message
 * reassembly with per-type limits, then the relay glue.
 */
final class RelayChannelInitializer extends ChannelInitializer<SocketChannel> {
    private static final int MAX_HANDSHAKE_BYTES = 16 * 1024;

    private final RelayCore core;
    private final RelayLimits limits;
    private final AddressLimiter addresses;
    private final ChannelGroup channels;
    private final PlainHttpHandler plainHttp;
    private final OutboundBudget budget;
    private final AtomicInteger open = new AtomicInteger();
    private final ReloadingTls tls;

    RelayChannelInitializer(
            RelayCore core,
            AddressLimiter addresses,
            ChannelGroup channels,
            OutboundBudget budget,
            ReloadingTls tls,
            DirectDownloads downloads) {
        this.plainHttp = new PlainHttpHandler(downloads);
        this.core = core;
        this.tls = tls;
        this.limits = core.limits();
        this.addresses = addresses;
        this.channels = channels;
        this.budget = budget;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        InetAddress address = ch.remoteAddress().getAddress();
        String remote = address.getHostAddress();
        ChannelPipeline p = ch.pipeline();
        channels.add(ch);
        if (tls != null) {
            p.addLast(tls.current().newHandler(ch.alloc()));
        }
        long upgradeMillis = limits.upgradeTimeout().toMillis();
        int total = open.incrementAndGet();
        ch.closeFuture().addListener(f -> open.decrementAndGet());
        if (limits.maxConnections() > 0 && total > limits.maxConnections()) {
            core.counters().rejected();
            p.addLast(
                    new UpgradeDeadline(upgradeMillis, core.counters()),
                    new HttpServerCodec(),
                    new HttpObjectAggregator(MAX_HANDSHAKE_BYTES),
                    TooManyConnectionsHandler.relayFull());
            return;
        }
        if (!addresses.tryAcquire(address)) {
            core.counters().rejected();
            p.addLast(
                    new UpgradeDeadline(upgradeMillis, core.counters()),
                    new HttpServerCodec(),
                    new HttpObjectAggregator(MAX_HANDSHAKE_BYTES),
                    TooManyConnectionsHandler.perAddress());
            return;
        }
        ch.closeFuture().addListener(f -> addresses.release(address));
        long pingMillis = limits.pingInterval().toMillis();
        int idleEvents = (int) Math.max(1, (limits.idleTimeout().toMillis() + pingMillis - 1) / pingMillis);
        WebSocketDecoderConfig decoder = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(limits.maxFrameBytes())
                .allowExtensions(false)
                .withUTF8Validator(false)
                .closeOnProtocolViolation(true)
                .build();
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true)
                .handleCloseFrames(true)
                .dropPongFrames(true)
                .handshakeTimeoutMillis(10_000)
                .decoderConfig(decoder)
                .build();
        p.addLast(new LingeringClose());
        p.addLast(new IdleStateHandler(pingMillis, 0, 0, TimeUnit.MILLISECONDS));
        p.addLast(new HttpServerCodec(4096, MAX_HANDSHAKE_BYTES, 8192));
        p.addLast(new HttpObjectAggregator(MAX_HANDSHAKE_BYTES));
        p.addLast(plainHttp);
        p.addLast(new WebSocketServerProtocolHandler(ws));
        p.addLast(new UpgradeDeadline(upgradeMillis, core.counters()));
        p.addLast(new MessageAssembler(limits, core.counters()));
        p.addLast(new RelayHandler(core, remote, idleEvents, budget));
    }
}
