package dev.qrbeam.core.phone;

import dev.qrbeam.core.api.CodeHandle;
import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.engine.QrBeamEngine;
import dev.qrbeam.protocol.json.WireJson;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A desktop's code-less receive in its own JVM (for {@link PhoneSendTest}'s heap measurement): prints
 * {@code code: <url>}, receives, samples the heap in use every 50 ms (MemoryMXBean), then prints {@code state: X}
 * and {@code heap: peak used N MB of max M MB}. Args: relay URI, destination, state directory. Exits 0 on DONE.
 */
public final class PhoneUploadReceiver {
    private PhoneUploadReceiver() {}

    public static void main(String[] args) throws Exception {
        EngineConfig config =
                EngineConfig.defaults().withRelay(URI.create(args[0])).withStateDir(Path.of(args[2]));
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long peak = 0;
        TransferProgress end;
        try (QrBeamEngine engine = new QrBeamEngine(config, new WireJson(), new SecureRandom())) {
            CodeHandle h = engine.receiveShowingCode(Path.of(args[1]), p -> {});
            System.out.println("code: " + h.pairingCode());
            System.out.flush();
            while (true) {
                peak = Math.max(peak, mem.getHeapMemoryUsage().getUsed());
                try {
                    end = h.completion().get(50, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    // sample again
                }
            }
        }
        System.out.println("state: " + end.state());
        System.out.printf(
                "heap: peak used %.1f MB of max %.1f MB%n",
                peak / 1e6, mem.getHeapMemoryUsage().getMax() / 1e6);
        System.exit(end.state() == dev.qrbeam.core.api.TransferState.DONE ? 0 : 1);
    }
}
