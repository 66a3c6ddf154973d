package dev.qrbeam.core.bench;

import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.SendHandle;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.engine.QrBeamEngine;
import dev.qrbeam.protocol.json.WireJson;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Warm figures for core/bench/cold-bench.sh (a main, not a test): a sending and a receiving engine in this one JVM,
 * {@code n} transfers of the same file one after another through the built-in relay (loopback) or a relay URL; the
 * last one, after the JIT has compiled everything, is printed as {@code <MB/s> MB/s, <CPU-s> CPU-s/GiB (both
 * sides, this JVM)}. Received files are compared by SHA-256.
 *
 * <pre>java -Xmx256m -cp qrbeam.jar:core/target/test-classes dev.qrbeam.core.bench.WarmTransfers FILE builtin|URL [n]</pre>
 */
public final class WarmTransfers {
    private WarmTransfers() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path work = Files.createTempDirectory(file.toAbsolutePath().getParent(), "warm-");
        EngineConfig base = EngineConfig.defaults().withLoopback(true);
        EngineConfig sendConfig = args[1].equals("builtin") ? base : base.withRelay(URI.create(args[1]));
        String sha = dev.qrbeam.core.testing.TestFiles.sha256(file);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        String line = "";
        for (int i = 1; i <= n; i++) {
            Path out = work.resolve("out-" + i);
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            try (QrBeamEngine sender = new QrBeamEngine(
                            sendConfig.withStateDir(work.resolve("s" + i)), new WireJson(), new SecureRandom());
                    QrBeamEngine receiver = new QrBeamEngine(
                            base.withStateDir(work.resolve("r" + i)), new WireJson(), new SecureRandom())) {
                SendHandle send = sender.send(List.of(file), p -> {});
                TransferProgress got = receiver.receive(send.pairingCode(), out, p -> {})
                        .completion()
                        .get(30, TimeUnit.MINUTES);
                send.completion().get(60, TimeUnit.SECONDS);
                if (got.state() != TransferState.DONE) {
                    throw new IllegalStateException("transfer " + i + " ended " + got.state() + ": " + got.failure());
                }
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            Path received = out.resolve(file.getFileName());
            if (!dev.qrbeam.core.testing.TestFiles.sha256(received).equals(sha)) {
                throw new IllegalStateException("hash mismatch in transfer " + i);
            }
            long size = Files.size(file);
            line = String.format(
                    Locale.ROOT, "%.1f MB/s, %.2f CPU-s/GiB", size / secs / 1e6, cpu / (size / (double) (1L << 30)));
            System.out.println("transfer " + i + ": " + line);
            Files.delete(received);
        }
        System.out.println(line);
        System.exit(0);
    }
}
