package dev.qrbeam.core.bench;

import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.SendHandle;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.engine.QrBeamEngine;
import dev.qrbeam.protocol.json.WireJson;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/**
 * The desktop app's first transfer, without JavaFX (a main for core/bench/cold-bench.sh, not a test): a fresh JVM
 * builds the engine exactly as the app's {@code CoreEngineFactory} does with default settings
 * ({@code EngineConfig.defaults()}, built-in relay, loopback from QRBEAM_LOOPBACK) and sends at once.
 * Prints {@code code: <pairing code>} like the CLI, exits 0 when the receiver confirmed.
 *
 * <pre>java -cp qrbeam.jar:core/target/test-classes dev.qrbeam.core.bench.EngineSend [--state-dir DIR] [--no-qr] FILE</pre>
 */
public final class EngineSend {
    private EngineSend() {}

    public static void main(String[] args) throws Exception {
        EngineConfig config = EngineConfig.defaults();
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--state-dir" -> config = config.withStateDir(Path.of(args[++i]));
                case "--no-qr" -> {}
                default -> file = Path.of(args[i]);
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("usage: EngineSend [--state-dir DIR] FILE");
        }
        try (QrBeamEngine engine = new QrBeamEngine(config, new WireJson(), new SecureRandom())) {
            SendHandle h = engine.send(List.of(file), p -> {});
            System.out.println("code: " + h.pairingCode());
            System.out.flush();
            TransferProgress end = h.completion().get();
            System.out.println(end.state());
            System.exit(end.state() == TransferState.DONE ? 0 : 1);
        }
    }
}
