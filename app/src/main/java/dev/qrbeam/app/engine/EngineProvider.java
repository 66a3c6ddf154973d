package dev.qrbeam.app.engine;

import dev.qrbeam.app.settings.RelayChoice;
import dev.qrbeam.app.settings.Settings;
import dev.qrbeam.app.settings.SettingsStore;
import dev.qrbeam.core.api.TransferEngine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Hands out the engine for the current relay setting, creating it lazily (it may start the embedded relay,
 * so call {@link #get} off the FX thread). A relay change builds a new engine for the next transfer; engines
 * still carrying transfers are closed with the app.
 */
public final class EngineProvider implements AutoCloseable {
    private final EngineFactory factory;
    private final SettingsStore settings;
    private final List<TransferEngine> retired = new ArrayList<>();
    private TransferEngine engine;
    private String engineKey;

    public EngineProvider(EngineFactory factory, SettingsStore settings) {
        this.factory = Objects.requireNonNull(factory);
        this.settings = settings;
    }

    public synchronized TransferEngine get() throws IOException {
        Settings s = settings.current();
        String key = s.relay() == RelayChoice.EMBEDDED ? "embedded" : s.relayUrl();
        if (engine != null && !key.equals(engineKey)) {
            retired.add(engine);
            engine = null;
        }
        if (engine == null) {
            engine = factory.create(s);
            engineKey = key;
        }
        return engine;
    }

    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
        }
        retired.forEach(TransferEngine::close);
        retired.clear();
        engine = null;
    }
}
