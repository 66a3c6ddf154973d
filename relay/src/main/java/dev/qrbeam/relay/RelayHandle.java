package dev.qrbeam.relay;

import dev.qrbeam.relay.core.DirectDownloads;
import dev.qrbeam.relay.core.LocalConnection;
import dev.qrbeam.relay.core.LocalPeer;
import dev.qrbeam.relay.core.RelayStats;
import java.net.InetSocketAddress;
import java.net.URI;

/** A running relay: where it listens, its counters, and how to stop it. */
public interface RelayHandle extends AutoCloseable {
    /** The bound address (the real port when started with port 0). */
    InetSocketAddress address();

    /** {@code ws://host:port/} for clients. */
    default URI uri() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("ws://" + host + ":" + a.getPort() + "/");
    }

    /** Files offered for direct (native, not end-to-end encrypted) download at {@code /d/<token>}. */
    DirectDownloads downloads();

    /**
     * Lets {@code connectionId} route to and be routed from anyone on an owner-only relay
     * ({@link dev.qrbeam.relay.core.RelayLimits#ownerOnly}). Throws IllegalStateException on a relay that routes
     * between anyone.
     */
    void addOwner(String connectionId);

    /**
     * Attaches a client living in this process without a socket (the sender on its built-in relay): the relay's
     * rules apply unchanged, only the transport is skipped. Unsupported by relays without an in-process core.
     */
    default LocalConnection attachLocal(LocalPeer peer) {
        throw new UnsupportedOperationException("this relay has no in-process attach");
    }

    /** Current counters. */
    RelayStats stats();

    /** Stops accepting, closes all connections (1001) and frees threads. Idempotent. */
    @Override
    void close();
}
