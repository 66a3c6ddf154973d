package dev.qrbeam.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * "Computers" for tests: Linux network namespaces with random unique names, joined by veth pairs, addresses that
 * exist only inside them. {@link #close()} deletes every namespace it made (their interfaces go with them), also
 * after a failure. Needs root and iproute2; {@link #available()} says why not.
 */
public final class NetnsLab implements AutoCloseable {
    private final String prefix = "qb"
            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    private final Deque<String> namespaces = new ArrayDeque<>();
    private int links;

    /** Null when namespaces can be made here, else the reason (for a JUnit assumption). */
    public static String available() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "network namespace tests need root (CI runs them as root); skipped as "
                    + System.getProperty("user.name");
        }
        try {
            Process p = new ProcessBuilder("ip", "netns", "list")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? null : "'ip netns' does not work here";
        } catch (IOException | InterruptedException e) {
            return "iproute2 ('ip') is not installed";
        }
    }

    /** A new namespace with its loopback up; returns its name. */
    public String computer(String role) throws IOException {
        String ns = prefix + "-" + role;
        run("ip", "netns", "add", ns);
        namespaces.push(ns);
        in(ns, "ip", "link", "set", "lo", "up");
        return ns;
    }

    /** A veth pair: {@code aName} in {@code a}, {@code bName} in {@code b}, both up, no addresses yet. */
    public void wire(String a, String aName, String b, String bName) throws IOException {
        String x = prefix + "x" + links;
        String y = prefix + "y" + links++;
        run("ip", "link", "add", x, "type", "veth", "peer", "name", y);
        run("ip", "link", "set", x, "netns", a);
        run("ip", "link", "set", y, "netns", b);
        in(a, "ip", "link", "set", x, "name", aName);
        in(b, "ip", "link", "set", y, "name", bName);
        in(a, "ip", "link", "set", aName, "up");
        in(b, "ip", "link", "set", bName, "up");
    }

    /** Adds an address ({@code 10.77.0.1/24} or {@code fd00:77::1/64}, the latter without duplicate detection). */
    public void address(String ns, String dev, String cidr) throws IOException {
        if (cidr.contains(":")) {
            in(ns, "ip", "-6", "addr", "add", cidr, "dev", dev, "nodad");
        } else {
            in(ns, "ip", "addr", "add", cidr, "dev", dev);
        }
    }

    /** Runs {@code ip ...} style commands inside {@code ns}; throws with the output if it fails. */
    public String in(String ns, String... cmd) throws IOException {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        all.addAll(List.of(cmd));
        return run(all.toArray(String[]::new));
    }

    /** The command that runs {@code cmd} inside {@code ns}. */
    public static List<String> exec(String ns, List<String> cmd) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        all.addAll(cmd);
        return all;
    }

    private static String run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }

    @Override
    public void close() {
        while (!namespaces.isEmpty()) {
            String ns = namespaces.pop();
            try {
                // processes still inside (a child JVM of a failed test) are ended first
                for (String pid : run("ip", "netns", "pids", ns).split("\\s+")) {
                    if (!pid.isBlank()) {
                        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
                run("ip", "netns", "del", ns);
            } catch (IOException | RuntimeException e) {
                System.err.println("could not delete network namespace " + ns + ": " + e.getMessage());
            }
        }
    }
}
