package dev.qrbeam.relay.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The standalone relay in its own JVM (as users run it), on 127.0.0.1 with a free port. */
final class RelayProcess implements AutoCloseable {
    private final Process process;
    private final URI uri;

    RelayProcess(String heap, String... relayArgs) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "-Xmx" + heap,
                "-Xms" + heap,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.qrbeam.relay.RelayMain",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--max-connections-per-address",
                "0"));
        cmd.addAll(List.of(relayArgs));
        process = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        Matcher m = Pattern.compile("listening on (ws://.*)").matcher(line == null ? "" : line);
        if (!m.matches()) {
            process.destroyForcibly();
            throw new IOException("relay did not start: " + line);
        }
        uri = URI.create(m.group(1));
    }

    URI uri() {
        return uri;
    }

    long pid() {
        return process.pid();
    }

    /** CPU time the relay process has used so far. */
    Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Heap in use after a full GC, in bytes (via jcmd). */
    long heapUsedAfterGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher m = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
        if (!m.find()) {
            throw new IOException("unexpected GC.heap_info: " + info);
        }
        return Long.parseLong(m.group(2)) * 1024;
    }

    /** Resident set size in bytes. */
    long rss() throws IOException {
        for (String l : java.nio.file.Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid()), command)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
