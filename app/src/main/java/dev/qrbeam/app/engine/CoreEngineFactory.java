package dev.qrbeam.app.engine;

import dev.qrbeam.app.settings.RelayChoice;
import dev.qrbeam.app.settings.Settings;
import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.TransferEngine;
import dev.qrbeam.core.engine.QrBeamEngine;
import dev.qrbeam.protocol.json.WireJson;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The production engine from {@code qrbeam-core}: the embedded LAN relay by default (127.0.0.1 with the
 * loopback switch {@code qrbeam.loopback=true} / {@code QRBEAM_LOOPBACK=1}), or the relay URL of the settings.
 */
public final class CoreEngineFactory implements EngineFactory {
    private final Path stateDir;

    /** @param stateDir where the engine keeps resume state; null for the engine's default (XDG state dir) */
    public CoreEngineFactory(Path stateDir) {
        this.stateDir = stateDir;
    }

    @Override
    public TransferEngine create(Settings settings) {
        EngineConfig config = EngineConfig.defaults();
        if (stateDir != null) {
            config = config.withStateDir(stateDir);
        }
        if (settings.relay() == RelayChoice.URL && !settings.relayUrl().isBlank()) {
            // LAN first through the built-in relay, the configured relay as the internet fallback (one code)
            config = config.withInternetRelay(URI.create(settings.relayUrl()));
        }
        return new QrBeamEngine(config, new WireJson(), new SecureRandom());
    }
}
