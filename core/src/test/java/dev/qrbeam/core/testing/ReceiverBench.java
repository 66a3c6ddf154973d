package dev.qrbeam.core.testing;

import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.engine.QrBeamEngine;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.relay.Relay;
import dev.qrbeam.relay.RelayHandle;
import dev.qrbeam.relay.core.RelayLimits;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * What a test of a real receiver against a hand-made sender ({@link RogueSender}) stands on: a relay on an
 * ephemeral loopback port and a receiving engine keeping its state in {@code stateDir}. Closes both.
 */
public final class ReceiverBench implements AutoCloseable {
    public final RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
    public final QrBeamEngine receiver;

    public ReceiverBench(Path stateDir, WireJson wire) {
        receiver = new QrBeamEngine(EngineConfig.defaults().withStateDir(stateDir), wire, new SecureRandom());
    }

    @Override
    public void close() {
        receiver.close();
        relay.close();
    }
}
