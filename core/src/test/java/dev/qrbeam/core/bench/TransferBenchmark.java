package dev.qrbeam.core.bench;

import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.engine.QrBeamEngine;
import dev.qrbeam.core.testing.TestFiles;
import dev.qrbeam.protocol.json.WireJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (a main, not a test): 1 GiB through a local relay, binary and base64-text mode, against magic-wormhole
 * through its own local transit relay on the same file. Each relay is one standalone JVM kept for all runs (as a
 * deployed relay would be); every sender is a fresh {@code java -jar qrbeam.jar send} JVM (-Xmx256m); the receiver
 * runs in this JVM (start it with -Xmx256m). A first, uncounted pass lets the relays and this JVM compile (the
 * JIT's C2 spends ~2 CPU-s on a fresh relay). Everything on 127.0.0.1.
 *
 * <pre>
 * mvn -q -o -pl cli -am package -DskipTests
 * java -Xmx256m -cp cli/target/qrbeam.jar:core/target/test-classes dev.qrbeam.core.bench.TransferBenchmark [MiB] [runs]
 * </pre>
 * System properties: {@code bench.modes} (default {@code binary,text,wormhole}) picks what runs,
 * {@code bench.jvmflags} adds flags to the relay and sender JVMs, {@code bench.dir} where the file and runs live.
 * Each run also prints the CPU seconds per GiB of sender (whole fresh JVM), relay and receiver (this JVM).
 */
public final class TransferBenchmark {
    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final Path jar = Path.of("cli/target/qrbeam.jar").toAbsolutePath();
    private final Path dir;
    private final List<String> jvmFlags;
    private final List<Process> processes = new ArrayList<>();
    private final String modes = System.getProperty("bench.modes", "binary,text,wormhole");
    /** Uncounted passes per mode: a deployed relay is warm; its JIT settled only after ~2 GiB (docs/benchmarks.md). */
    private final int warmups = Integer.getInteger("bench.warmups", 2);

    private TransferBenchmark(Path dir, List<String> jvmFlags) {
        this.dir = dir;
        this.jvmFlags = jvmFlags;
    }

    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        List<String> flags = List.of(System.getProperty("bench.jvmflags", "").split(" ")).stream()
                .filter(s -> !s.isBlank())
                .toList();
        Path dir = Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir")))
                .resolve("qrbeam-bench");
        Files.createDirectories(dir);
        TransferBenchmark b = new TransferBenchmark(dir, flags);
        try {
            b.run(mib, runs);
        } finally {
            b.processes.forEach(Process::destroy);
            for (Process p : b.processes) {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private void run(long mib, int runs) throws Exception {
        Path file = dir.resolve("bench-" + mib + "MiB.bin");
        if (!Files.exists(file) || Files.size(file) != mib << 20) {
            TestFiles.random(file, mib << 20, 2026);
        }
        String sha = TestFiles.sha256(file);
        System.out.printf(
                "file %s, %d MiB; sender/relay JVM flags: -Xmx256m %s%n", file, mib, String.join(" ", jvmFlags));
        boolean doBinary = modes.contains("binary");
        boolean doText = modes.contains("text");
        boolean doWormhole = modes.contains("wormhole");
        Child binaryRelay = doBinary ? startRelay(false) : null;
        Child textRelay = doText ? startRelay(true) : null;
        System.out.printf("%d warm-up pass(es) (relays and this receiver JVM compile; not counted):%n", warmups);
        for (int i = 0; i < warmups; i++) {
            if (doBinary) {
                qrbeam(file, sha, binaryRelay, "binary");
            }
            if (doText) {
                qrbeam(file, sha, textRelay, "text");
            }
        }
        System.out.println("measured:");
        List<double[]> bin = new ArrayList<>();
        List<double[]> text = new ArrayList<>();
        List<Double> worm = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            if (doBinary) {
                bin.add(qrbeam(file, sha, binaryRelay, "binary"));
            }
            if (doText) {
                text.add(qrbeam(file, sha, textRelay, "text"));
            }
            if (doWormhole) {
                worm.add(wormhole(file, sha));
            }
        }
        double w = worm.isEmpty()
                ? Double.NaN
                : median(worm.stream().mapToDouble(d -> d).toArray());
        double b = bin.isEmpty()
                ? Double.NaN
                : median(bin.stream().mapToDouble(d -> d[0]).toArray());
        double bd = bin.isEmpty()
                ? Double.NaN
                : median(bin.stream().mapToDouble(d -> d[1]).toArray());
        double t = text.isEmpty()
                ? Double.NaN
                : median(text.stream().mapToDouble(d -> d[0]).toArray());
        double td = text.isEmpty()
                ? Double.NaN
                : median(text.stream().mapToDouble(d -> d[1]).toArray());
        System.out.println();
        System.out.println("| mode | end-to-end MB/s | data phase MB/s | vs magic-wormhole (end-to-end) |");
        System.out.println("|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| QRBeam binary | %.0f | %.0f | %.2fx |%n", b, bd, b / w);
        System.out.printf(Locale.ROOT, "| QRBeam base64 text | %.0f | %.0f | %.2fx |%n", t, td, t / w);
        System.out.printf(Locale.ROOT, "| magic-wormhole 0.12 (transit relay, --no-listen) | %.0f | - | 1.00x |%n", w);
    }

    /** A standalone relay JVM (kept for all runs, like a deployed relay). */
    private Child startRelay(boolean textMode) throws Exception {
        List<String> relayArgs = new ArrayList<>(List.of("relay", "--host", "127.0.0.1", "--port", "0"));
        if (textMode) {
            relayArgs.addAll(List.of("--text-only", "--max-message", "1500000"));
        } else {
            relayArgs.addAll(List.of("--max-message", Integer.toString((1 << 20) + 4096)));
        }
        Child relay = java(dir, relayArgs);
        String listening = relay.await("listening on ");
        relay.uri = URI.create(listening.substring("listening on ".length()).trim());
        return relay;
    }

    /** Returns {end-to-end MB/s, data-phase MB/s}. */
    private double[] qrbeam(Path file, String sha, Child relay, String mode) throws Exception {
        URI ws = relay.uri;
        Path work = Files.createDirectories(dir.resolve("run-" + mode + "-" + System.nanoTime()));
        Path sendState = work.resolve("state-s");
        Child sender = java(
                work,
                List.of(
                        "send",
                        "--relay",
                        ws.toString(),
                        "--relay-only",
                        "--plain",
                        "--no-qr",
                        "--state-dir",
                        sendState.toString(),
                        file.toString()));
        String code = sender.await("code: ").substring("code: ".length()).trim();
        awaitScanned(sendState);
        long sendCpu0 = cpuNanos(sender.process);
        System.out.printf(
                "sender hashed its file; receiving %s (pids: sender %d, relay %d, receiver %d, up %d ms)%n",
                mode,
                sender.process.pid(),
                relay.process.pid(),
                ProcessHandle.current().pid(),
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
        long[] firstData = {0};
        long size = Files.size(file);
        try (QrBeamEngine engine = new QrBeamEngine(
                EngineConfig.defaults().withStateDir(work.resolve("state-r")), new WireJson(), new SecureRandom())) {
            long relayCpu0 = cpuNanos(relay.process);
            long ownCpu0 = ownCpuNanos();
            long start = System.nanoTime();
            TransferProgress end = engine.receive(code, work.resolve("out"), p -> {
                        if (firstData[0] == 0 && p.bytesDone() > 0) {
                            firstData[0] = System.nanoTime();
                        }
                    })
                    .completion()
                    .get(30, TimeUnit.MINUTES);
            long done = System.nanoTime();
            double gib = size / (double) (1L << 30);
            double sendCpu = (cpuNanos(sender.process) - sendCpu0) / 1e9 / gib;
            double relayCpu = (cpuNanos(relay.process) - relayCpu0) / 1e9 / gib;
            double recvCpu = (ownCpuNanos() - ownCpu0) / 1e9 / gib;
            if (end.state() != TransferState.DONE) {
                throw new IllegalStateException(mode + " failed: " + end.failure());
            }
            double e2e = size / ((done - start) / 1e9) / 1e6;
            double data = size / ((done - firstData[0]) / 1e9) / 1e6;
            String got = TestFiles.sha256(work.resolve("out").resolve(file.getFileName()));
            System.out.printf(
                    Locale.ROOT,
                    "QRBeam %-6s %7.1f MB/s end-to-end, %7.1f MB/s data phase, %d chunks re-sent, hash %s%n",
                    mode,
                    e2e,
                    data,
                    end.chunksResent(),
                    got.equals(sha) ? "ok" : "MISMATCH");
            System.out.printf(
                    Locale.ROOT,
                    "       CPU-s per GiB: sender %.2f (after hashing), relay %.2f, receiver %.2f%n",
                    sendCpu,
                    relayCpu,
                    recvCpu);
            sender.process.waitFor(30, TimeUnit.SECONDS);
            return new double[] {e2e, data};
        } finally {
            sender.process.destroyForcibly();
            deleteTree(work);
        }
    }

    private double wormhole(Path file, String sha) throws Exception {
        Path work = Files.createDirectories(dir.resolve("run-wormhole-" + System.nanoTime()));
        int mailbox = freePort();
        int transit = freePort();
        Child mb = exec(
                work,
                List.of(
                        "twistd3",
                        "-n",
                        "--pidfile=",
                        "wormhole-mailbox",
                        "--port",
                        "tcp:" + mailbox + ":interface=127.0.0.1",
                        "--channel-db",
                        work.resolve("relay.sqlite").toString()));
        Child tr = exec(
                work,
                List.of(
                        "twistd3",
                        "-n",
                        "--pidfile=",
                        "transitrelay",
                        "--port",
                        "tcp:" + transit + ":interface=127.0.0.1"));
        awaitPort(mailbox);
        awaitPort(transit);
        List<String> common = List.of(
                "wormhole",
                "--relay-url",
                "ws://127.0.0.1:" + mailbox + "/v1",
                "--transit-helper",
                "tcp:127.0.0.1:" + transit);
        String code = "7-qrbeam-bench";
        List<String> send = new ArrayList<>(common);
        send.addAll(List.of("send", "--no-listen", "--code", code, file.toString()));
        Child sender = exec(work, send);
        sender.await("On the other computer");
        Path out = Files.createDirectories(work.resolve("out"));
        List<String> recv = new ArrayList<>(common);
        recv.addAll(List.of(
                "receive",
                "--no-listen",
                "--accept-file",
                "-o",
                out.resolve(file.getFileName()).toString(),
                code));
        long start = System.nanoTime();
        Child receiver = exec(work, recv);
        if (!receiver.process.waitFor(30, TimeUnit.MINUTES) || receiver.process.exitValue() != 0) {
            throw new IllegalStateException("wormhole receive failed:\n" + receiver.output());
        }
        long done = System.nanoTime();
        double mbs = Files.size(file) / ((done - start) / 1e9) / 1e6;
        String got = TestFiles.sha256(out.resolve(file.getFileName()));
        System.out.printf(
                Locale.ROOT,
                "wormhole      %7.1f MB/s end-to-end (receiver process start to exit), hash %s%n",
                mbs,
                got.equals(sha) ? "ok" : "MISMATCH");
        sender.process.waitFor(30, TimeUnit.SECONDS);
        for (Child c : List.of(sender, mb, tr)) {
            c.process.destroy();
            c.process.waitFor(10, TimeUnit.SECONDS);
        }
        deleteTree(work);
        return mbs;
    }

    /** CPU time of a child process so far (Linux /proc; 0 elsewhere). */
    private static long cpuNanos(Process p) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L; // utime + stime, 100 Hz ticks
        } catch (IOException | RuntimeException e) {
            return p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
        }
    }

    /** CPU time of this JVM (the receiver) so far. */
    private static long ownCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static void awaitScanned(Path sendState) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            try (var s = Files.walk(sendState)) {
                for (Path p : s.filter(x -> x.getFileName().toString().equals("session.properties"))
                        .toList()) {
                    if (Files.readString(p).contains("scanned=true")) {
                        return;
                    }
                }
            } catch (IOException ignored) {
                // being written
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("sender did not finish hashing");
    }

    private static void awaitPort(int port) throws Exception {
        for (int i = 0; i < 300; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nothing listens on " + port);
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private Child java(Path work, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-Xmx256m"));
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-jar", jar.toString()));
        cmd.addAll(args);
        return exec(work, cmd);
    }

    private Child exec(Path work, List<String> cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().put("QRBEAM_LOOPBACK", "1");
        Process p = pb.start();
        processes.add(p);
        return new Child(p);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static void deleteTree(Path p) throws IOException {
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }

    /** A child process whose output lines can be awaited. */
    private static final class Child {
        final Process process;
        URI uri;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final StringBuilder all = new StringBuilder();

        Child(Process process) {
            this.process = process;
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        synchronized (all) {
                            all.append(line).append('\n');
                        }
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // ended
                }
            });
            t.setDaemon(true);
            t.start();
        }

        String await(String prefix) throws InterruptedException {
            while (true) {
                String l = lines.poll(120, TimeUnit.SECONDS);
                if (l == null) {
                    throw new IllegalStateException("no '" + prefix + "' from "
                            + process.info().commandLine().orElse("?") + ":\n" + output());
                }
                if (l.contains(prefix)) {
                    return l.substring(l.indexOf(prefix));
                }
            }
        }

        String output() {
            synchronized (all) {
                return all.toString();
            }
        }
    }
}
