package dev.qrbeam.app.engine;

import dev.qrbeam.app.settings.Settings;
import dev.qrbeam.core.api.TransferEngine;
import java.io.IOException;

/** Builds a transfer engine for the relay the settings name. The composition root picks the implementation. */
@FunctionalInterface
public interface EngineFactory {
    TransferEngine create(Settings settings) throws IOException;
}
