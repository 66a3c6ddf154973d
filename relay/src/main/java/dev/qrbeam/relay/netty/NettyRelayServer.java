package dev.qrbeam.relay.netty;

import dev.qrbeam.relay.core.DirectDownloads;
import dev.qrbeam.relay.core.LocalConnection;
import dev.qrbeam.relay.core.LocalPeer;
import dev.qrbeam.relay.core.RelayCore;
import dev.qrbeam.relay.core.RelayLimits;
import dev.qrbeam.relay.tls.ReloadingTls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** The standalone WebSocket server on Netty 4.1 (NIO transport), serving one {@link RelayCore}. */
public final class NettyRelayServer implements AutoCloseable {
    /*
     * Netty names every channel with a "machine id" that it finds by walking the network interfaces for a MAC
     * address: work on every start of a sender's built-in relay, and a WARN line on stderr wherever no interface
     * has one (a container or network namespace with only loopback). The id only makes channel names unique, so a
     * random one (Netty's own fallback) is chosen here unless the user set it.
     */
    static {
        if (System.getProperty("io.netty.machineId") == null) {
            byte[] id = new byte[8];
            new java.security.SecureRandom().nextBytes(id);
            id[0] |= 0x02; // locally administered, as Netty's random fallback
            System.setProperty(
                    "io.netty.machineId", java.util.HexFormat.ofDelimiter(":").formatHex(id));
        }
    }

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel server;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final RelayCore core;
    private final java.util.Set<LocalSession> locals = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private NettyRelayServer(
            RelayCore core, String host, int port, int workerThreads, ReloadingTls tls, DirectDownloads downloads)
            throws InterruptedException {
        this.core = core;
        RelayLimits limits = core.limits();
        boss = new NioEventLoopGroup(1, new DefaultThreadFactory("relay-accept", true));
        workers = new NioEventLoopGroup(workerThreads, new DefaultThreadFactory("relay-io", true));
        AddressLimiter addresses = new AddressLimiter(limits.maxConnectionsPerAddress(), limits.capLoopback());
        OutboundBudget budget = new OutboundBudget(limits.outboundBudgetBytes(), core.counters());
        RelayChannelInitializer init = new RelayChannelInitializer(core, addresses, channels, budget, tls, downloads);
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(
                        ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(limits.outboundHighWaterBytes() / 2, limits.outboundHighWaterBytes()))
                .childHandler(init);
        try {
            server = b.bind(host, port).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            shutdownGroups();
            throw e;
        }
    }

    /**
     * Binds and starts accepting. {@code port} 0 picks a free port.
     *
     * @param workerThreads I/O threads (0 = Netty's default, 2 x cores)
     * @param tls           serves {@code wss://} with this (reloading) certificate; null = plain {@code ws://}
     */
    public static NettyRelayServer start(RelayCore core, String host, int port, int workerThreads, ReloadingTls tls)
            throws InterruptedException {
        return new NettyRelayServer(core, host, port, workerThreads, tls, new DirectDownloads());
    }

    /** As {@link #start(RelayCore, String, int, int, ReloadingTls)}, serving {@code downloads} at {@code /d/<token>}. */
    public static NettyRelayServer start(
            RelayCore core, String host, int port, int workerThreads, ReloadingTls tls, DirectDownloads downloads)
            throws InterruptedException {
        return new NettyRelayServer(core, host, port, workerThreads, tls, downloads);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /**
     * Attaches a client that lives in this process (see {@link LocalConnection}): it gets a fresh id at once, like a
     * socket connection after its upgrade, and is closed (1001) when the server closes.
     */
    public LocalConnection attachLocal(LocalPeer peer) {
        LocalSession s = new LocalSession(core, peer, core.limits().outboundHighWaterBytes(), locals::remove);
        locals.add(s);
        core.onConnect(s);
        return s;
    }

    /** Schedules {@code task} every {@code periodMillis} on the accept thread. */
    public void every(long periodMillis, Runnable task) {
        boss.scheduleAtFixedRate(task, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Stops accepting, says goodbye (1001) to every client and releases the threads. Idempotent. */
    @Override
    public void close() {
        locals.forEach(LocalSession::relayStopping);
        server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        channels.writeAndFlush(new CloseWebSocketFrame(1001, "relay shutting down"))
                .awaitUninterruptibly(1, TimeUnit.SECONDS);
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        shutdownGroups();
    }

    private void shutdownGroups() {
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
