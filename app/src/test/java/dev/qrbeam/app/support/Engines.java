package dev.qrbeam.app.support;

import dev.qrbeam.app.engine.CoreEngineFactory;
import dev.qrbeam.app.engine.EngineFactory;
import dev.qrbeam.app.settings.RelayChoice;
import dev.qrbeam.core.testing.FaultProxy;
import dev.qrbeam.relay.Relay;
import dev.qrbeam.relay.RelayHandle;
import dev.qrbeam.relay.core.RelayLimits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The real engine for UI tests. By default each window uses the production factory with its embedded relay
 * (in this JVM, on 127.0.0.1 by the loopback switch). {@link #throttled()} instead runs an in-process relay
 * behind a delaying {@link FaultProxy}, so a test can catch a transfer mid-way.
 */
public final class Engines implements AutoCloseable {
    private final RelayHandle relay;
    private final FaultProxy proxy;

    private Engines(RelayHandle relay, FaultProxy proxy) {
        this.relay = relay;
        this.proxy = proxy;
    }

    public static Engines embedded() {
        return new Engines(null, null);
    }

    public static Engines throttled() throws IOException {
        RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
        FaultProxy proxy = new FaultProxy(
                new InetSocketAddress("127.0.0.1", relay.address().getPort()));
        return new Engines(relay, proxy);
    }

    /** The production engine factory with its resume state under the window's home. */
    public EngineFactory factory(Path home) {
        return new CoreEngineFactory(home.resolve("state"));
    }

    /** Points a window's settings at the throttling proxy (no-op for the embedded relay). */
    public void configure(Ui.Window w) throws IOException {
        if (proxy != null) {
            w.app().settings().modify(s -> s.withRelay(RelayChoice.URL, "ws://127.0.0.1:" + proxy.port() + "/"));
        }
    }

    /** Slows every forwarded buffer down. */
    public void slow() {
        if (proxy != null) {
            proxy.delay(40);
        }
    }

    public void release() {
        if (proxy != null) {
            proxy.delay(0);
        }
    }

    @Override
    public void close() {
        if (proxy != null) {
            proxy.close();
        }
        if (relay != null) {
            relay.close();
        }
    }
}
