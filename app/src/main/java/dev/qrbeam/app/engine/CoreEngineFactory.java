package dev.qrbeam.app.engine;

import dev.qrbeam.app.settings.Settings;
import dev.qrbeam.core.api.TransferEngine;

import java.io.IOException;

/** The production engine from {@code qrbeam-core}, with the embedded relay or the configured relay URL. */
public final class CoreEngineFactory implements EngineFactory {
    @Override
    public TransferEngine create(Settings settings) throws IOException {
        // TODO(engine merge): wire the core engine once branch `engine` provides an implementation.
        throw new IOException("The transfer engine is not part of this build yet");
    }
}
