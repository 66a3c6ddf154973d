package dev.qrbeam.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs the CLI in a separate JVM on the test class path (a real process that can be killed), collecting its
 * stdout and stderr lines so a test can wait for one.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());

    private ChildJvm(Process process) {
        this.process = process;
        pump(process.getInputStream());
        pump(process.getErrorStream());
    }

    /** {@code java -cp <test class path> dev.qrbeam.cli.QrBeamCli args...} with the loopback switch on. */
    public static ChildJvm cli(Path workDir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dqrbeam.loopback=true",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.qrbeam.cli.QrBeamCli"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().put("QRBEAM_LOOPBACK", "1");
        return new ChildJvm(pb.start());
    }

    /**
     * The CLI inside network namespace {@code ns} ({@code ip netns exec ns java ...}), without the loopback switch:
     * it binds and advertises the namespace's own addresses.
     */
    public static ChildJvm cliIn(String ns, Path workDir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                "ip",
                "netns",
                "exec",
                ns,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-Dqrbeam.warmup=false",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.qrbeam.cli.QrBeamCli"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().remove("QRBEAM_LOOPBACK");
        return new ChildJvm(pb.start());
    }

    private void pump(java.io.InputStream in) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            all.add(line);
                            lines.add(line);
                        }
                    } catch (IOException ignored) {
                        // process ended
                    }
                },
                "child-output");
        t.setDaemon(true);
        t.start();
    }

    /** Waits for the first line matching {@code p}; null on timeout. */
    public String await(Predicate<String> p, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            String line = lines.poll(left, TimeUnit.NANOSECONDS);
            if (line != null && p.test(line)) {
                return line;
            }
        }
    }

    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Exit code, or -1 if it did not exit in time. */
    public int waitFor(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    public String output() {
        synchronized (all) {
            return String.join("\n", all);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
