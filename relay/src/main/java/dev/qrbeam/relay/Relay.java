package dev.qrbeam.relay;

import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.relay.core.DirectDownloads;
import dev.qrbeam.relay.core.LocalConnection;
import dev.qrbeam.relay.core.LocalPeer;
import dev.qrbeam.relay.core.RelayCore;
import dev.qrbeam.relay.core.RelayCounters;
import dev.qrbeam.relay.core.RelayLimits;
import dev.qrbeam.relay.core.RelayStats;
import dev.qrbeam.relay.netty.NettyRelayServer;
import dev.qrbeam.relay.tls.ReloadingTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeddable relay: {@code try (RelayHandle r = Relay.start("127.0.0.1", 0, RelayLimits.defaults())) {...}}.
 * Used by tests, the CLI, the desktop app and {@link RelayMain}.
 */
public final class Relay implements RelayHandle {
    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);

    private final NettyRelayServer server;
    private final RelayCounters counters;
    private final RelayCore core;
    private final boolean tls;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final DirectDownloads downloads;

    private Relay(
            NettyRelayServer server, RelayCounters counters, RelayCore core, boolean tls, DirectDownloads downloads) {
        this.server = server;
        this.counters = counters;
        this.core = core;
        this.tls = tls;
        this.downloads = downloads;
    }

    /** Starts a relay with a random resume key. */
    public static RelayHandle start(String host, int port, RelayLimits limits) {
        return start(RelayConfig.of(host, port, limits));
    }

    /**
     * Starts a relay; returns once it accepts connections.
     *
     * @throws UncheckedIOException if the TLS certificate or key cannot be used
     */
    public static RelayHandle start(RelayConfig config) {
        ReloadingTls tls;
        try {
            tls = config.tls() == null ? null : ReloadingTls.load(config.tls());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RelayCounters counters = new RelayCounters();
        RelayCore core = RelayCore.inMemory(config.limits(), config.resumeTokens(), new WireJson(), counters);
        String host = LoopbackSwitch.apply(config.host());
        if (!host.equals(config.host())) {
            LOG.warn("loopback switch on: binding {} instead of {}", host, config.host());
        }
        NettyRelayServer server;
        DirectDownloads downloads = new DirectDownloads();
        try {
            server = NettyRelayServer.start(core, host, config.port(), config.ioThreads(), tls, downloads);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding", e);
        }
        Relay relay = new Relay(server, counters, core, tls != null, downloads);
        Duration every = config.limits().statsLogInterval();
        if (!every.isZero() && !every.isNegative()) {
            server.every(every.toMillis(), new StatsLogger(counters));
        }
        return relay;
    }

    @Override
    public InetSocketAddress address() {
        return server.address();
    }

    @Override
    public DirectDownloads downloads() {
        return downloads;
    }

    @Override
    public URI uri() {
        URI plain = RelayHandle.super.uri();
        return tls ? URI.create("wss" + plain.toString().substring(2)) : plain;
    }

    @Override
    public void addOwner(String connectionId) {
        core.addOwner(connectionId);
    }

    @Override
    public LocalConnection attachLocal(LocalPeer peer) {
        if (closed.get()) {
            throw new IllegalStateException("relay stopped");
        }
        return server.attachLocal(peer);
    }

    @Override
    public RelayStats stats() {
        return counters.snapshot();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.close();
            LOG.info("relay stopped: {}", counters.snapshot());
        }
    }
}
