package dev.qrbeam.core.session;

import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.link.PeerLink;
import dev.qrbeam.protocol.json.WireJson;

/**
 * What one transfer session runs on: settings, the JSON mapper, its relay link and its threads.
 * {@link #close()} releases the relay connection and the threads (called once, when the transfer ended).
 */
public final class SessionContext implements AutoCloseable {
    public final EngineConfig config;
    public final WireJson wire;
    public final PeerLink link;
    public final SessionThreads threads;
    private final Runnable onClose;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    public SessionContext(EngineConfig config, WireJson wire, PeerLink link, SessionThreads threads, Runnable onClose) {
        this.config = config;
        this.wire = wire;
        this.link = link;
        this.threads = threads;
        this.onClose = onClose;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            threads.shutdown();
            if (link.client() != null) {
                link.client().close();
            }
            onClose.run();
        }
    }
}
