package dev.qrbeam.app.bench;

import dev.qrbeam.app.shell.Page;
import dev.qrbeam.app.support.Engines;
import dev.qrbeam.app.support.Ui;
import dev.qrbeam.core.api.TransferState;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Runnable benchmark (not a test): two app windows in one JVM (headless Monocle) move a file of N MiB
 * (default 1024) through the real engine and the sender's embedded loopback relay, while a probe measures how long
 * the FX thread takes to run a task posted every 20 ms. Prints MB/s and FX latency percentiles.
 * <pre>
 * mvn -q -pl app -am test-compile -DskipTests
 * java -cp "$(cat app/target/test-classpath.txt)" dev.qrbeam.app.bench.FxResponsivenessBenchmark 1024
 * </pre>
 */
public final class FxResponsivenessBenchmark {
    private FxResponsivenessBenchmark() {}

    public static void main(String[] args) throws Exception {
        for (String[] p : new String[][] {
            {"testfx.robot", "glass"},
            {"testfx.headless", "true"},
            {"glass.platform", "Monocle"},
            {"monocle.platform", "Headless"},
            {"prism.order", "sw"},
            {"prism.text", "t2k"},
            {"java.awt.headless", "true"},
            {"headless.geometry", "2200x1000-32"},
            {"qrbeam.loopback", "true"}
        }) {
            System.setProperty(p[0], p[1]);
        }
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        Path tmp = Files.createTempDirectory("qrbeam-fx-bench");
        Path src = tmp.resolve("big.bin");
        byte[] block = new byte[1 << 20];
        new Random(1).nextBytes(block);
        try (OutputStream out = Files.newOutputStream(src)) {
            for (int i = 0; i < mib; i++) {
                block[0] = (byte) i;
                out.write(block);
            }
        }
        Engines engines = Engines.embedded();
        Ui.Window sender = Ui.open(tmp.resolve("s"), engines.factory(tmp.resolve("s")), 0);
        Ui.Window receiver = Ui.open(tmp.resolve("r"), engines.factory(tmp.resolve("r")), 1080);
        Path dest = tmp.resolve("dl");
        Ui.fxRun(() -> {
            receiver.app().receive().setDestination(dest);
            receiver.app().shell().show(Page.RECEIVE);
            sender.app().openFiles(List.of(src));
        });
        Ui.waitFor(60, () -> !sender.app().send().shownCode().isEmpty());
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        Ui.fxRun(() -> receiver.app().receive().receiveCode(sender.app().send().shownCode()));
        while (true) {
            CountDownLatch ran = new CountDownLatch(1);
            long posted = System.nanoTime();
            Platform.runLater(() -> {
                latencies.add(System.nanoTime() - posted);
                ran.countDown();
            });
            ran.await(30, TimeUnit.SECONDS);
            var p = Ui.fx(() -> receiver.app().receive().lastProgress());
            if (p != null && p.state().isTerminal()) {
                double secs = (System.nanoTime() - start) / 1e9;
                List<Long> sorted = new ArrayList<>(latencies);
                Collections.sort(sorted);
                System.out.printf(
                        "state=%s size=%d MiB time=%.1f s rate=%.0f MB/s%n",
                        p.state(), mib, secs, mib * 1.048576 / secs);
                System.out.printf(
                        "FX latency over %d probes: median %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        sorted.size(),
                        sorted.get(sorted.size() / 2) / 1e6,
                        sorted.get((int) (sorted.size() * 0.99)) / 1e6,
                        sorted.get(sorted.size() - 1) / 1e6);
                System.out.println("identical="
                        + (p.state() == TransferState.DONE && Files.mismatch(src, dest.resolve("big.bin")) == -1));
                break;
            }
            Thread.sleep(20);
        }
        sender.close();
        receiver.close();
        try (var walk = Files.walk(tmp)) {
            walk.sorted(Collections.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        Platform.exit();
        System.exit(0);
    }
}
