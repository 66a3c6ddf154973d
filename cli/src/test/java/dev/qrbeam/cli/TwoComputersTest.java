package dev.qrbeam.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.qrbeam.core.testing.NetnsLab;
import dev.qrbeam.core.testing.TestFiles;
import dev.qrbeam.protocol.pairing.PairingCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two (or three) computers made of network namespaces joined by veth pairs, the CLI running in each with no
 * loopback switch: what issue 12 saw (docker0 and a full-tunnel wg0 on the sender), an IPv6-only LAN, a blocked LAN
 * with an internet relay on a third machine, and nothing reachable. Skipped without root.
 */
@Timeout(150)
class TwoComputersTest {
    private static final Pattern ENDPOINT = Pattern.compile("code: http://([^/]+)/r/");

    @TempDir
    Path tmp;

    private NetnsLab lab;
    private String sender;
    private String receiver;

    @BeforeEach
    void lab() throws IOException {
        String why = NetnsLab.available();
        assumeTrue(why == null, why);
        lab = new NetnsLab();
        sender = lab.computer("s");
        receiver = lab.computer("r");
        lab.wire(sender, "eth0", receiver, "eth0");
    }

    @AfterEach
    void cleanUp() {
        if (lab != null) {
            lab.close();
        }
    }

    /** docker0 as on a real machine: created after the LAN, a bridge with no ports. */
    private void docker() throws IOException {
        lab.in(sender, "ip", "link", "add", "docker0", "type", "bridge");
        lab.address(sender, "docker0", "172.17.0.1/16");
        lab.in(sender, "ip", "link", "set", "docker0", "up");
    }

    private void lan4() throws IOException {
        lab.address(sender, "eth0", "10.77.0.1/24");
        lab.address(receiver, "eth0", "10.77.0.2/24");
    }

    /** The sender answers nothing the receiver sends over the LAN (a firewall that drops). */
    private void blockLan() throws IOException {
        lab.in(sender, "ip", "route", "add", "blackhole", "10.77.0.2/32");
    }

    private ChildJvm send(Path file, String... flags) throws IOException {
        String[] args = new String[flags.length + 6];
        args[0] = "send";
        System.arraycopy(flags, 0, args, 1, flags.length);
        int i = flags.length + 1;
        args[i++] = "--plain";
        args[i++] = "--no-qr";
        args[i++] = "--state-dir";
        args[i++] = tmp.resolve("state-s").toString();
        args[i] = file.toString();
        return ChildJvm.cliIn(sender, tmp, args);
    }

    private static String code(ChildJvm send) throws InterruptedException {
        String line = send.await(l -> l.startsWith("code: "), 60);
        assertThat(line).as("sender output: %s", send.output()).isNotNull();
        return line;
    }

    private ChildJvm receive(String codeLine) throws IOException {
        return ChildJvm.cliIn(
                receiver,
                tmp,
                "receive",
                "--plain",
                "--state-dir",
                tmp.resolve("state-r").toString(),
                "--out",
                tmp.resolve("out").toString(),
                codeLine.substring("code: ".length()).trim());
    }

    private void receivedIdentically(Path file, ChildJvm rec) throws Exception {
        assertThat(rec.waitFor(90)).as("receiver output: %s", rec.output()).isZero();
        assertThat(Files.mismatch(file, tmp.resolve("out").resolve(file.getFileName())))
                .isEqualTo(-1L);
    }

    @Test
    void senderWithDockerAndFullTunnelVpnIsReceivedOverTheLanWithNoFlags() throws Exception {
        lan4();
        docker();
        lab.in(sender, "ip", "link", "add", "wg0", "type", "veth", "peer", "name", "wg0peer");
        lab.address(sender, "wg0", "10.200.0.2/24");
        lab.in(sender, "ip", "link", "set", "wg0peer", "up");
        lab.in(sender, "ip", "link", "set", "wg0", "up");
        lab.in(sender, "ip", "route", "add", "default", "dev", "wg0");
        Path file = TestFiles.random(tmp.resolve("f50.bin"), 3 << 20, 7);
        try (ChildJvm send = send(file)) {
            String line = code(send);
            Matcher m = ENDPOINT.matcher(line);
            assertThat(m.find()).isTrue();
            // the URL host (what the app's Send page shows as "Relay") is the LAN address, the others ride along
            assertThat(m.group(1)).startsWith("10.77.0.1:");
            PairingCode code = PairingCode.parse(line.substring("code: ".length()));
            assertThat(code.routes())
                    .extracting(r -> r.webSocketUri().getHost())
                    .containsExactly("10.77.0.1", "10.200.0.2", "172.17.0.1");
            try (ChildJvm rec = receive(line)) {
                receivedIdentically(file, rec);
            }
            assertThat(send.waitFor(30)).isZero();
        }
    }

    @Test
    void ipv6OnlyLan() throws Exception {
        lab.address(sender, "eth0", "fd00:77::1/64");
        lab.address(receiver, "eth0", "fd00:77::2/64");
        docker();
        Path file = TestFiles.random(tmp.resolve("v6.bin"), 1 << 20, 8);
        try (ChildJvm send = send(file)) {
            String line = code(send);
            assertThat(line).startsWith("code: http://[fd00:77::1]:");
            try (ChildJvm rec = receive(line)) {
                receivedIdentically(file, rec);
            }
        }
    }

    @Test
    void aReceiverThatReachesOnlyAnotherAddressOfTheBuiltInRelayStillPairs() throws Exception {
        // the URL names 10.77.0.1, but the receiver has IPv6 only: the IPv6 candidate wins the race, and the
        // handshake still binds the code's primary identity on both sides
        lab.address(sender, "eth0", "10.77.0.1/24");
        lab.address(sender, "eth0", "fd00:77::1/64");
        lab.address(receiver, "eth0", "fd00:77::2/64");
        Path file = TestFiles.random(tmp.resolve("other.bin"), 1 << 20, 11);
        try (ChildJvm send = send(file)) {
            String line = code(send);
            assertThat(line).startsWith("code: http://10.77.0.1:").contains("~6_QAAdw");
            try (ChildJvm rec = receive(line)) {
                receivedIdentically(file, rec);
            }
        }
    }

    @Test
    void blockedLanFallsBackToTheInternetRelayAndCompletes() throws Exception {
        lan4();
        String internet = lab.computer("x");
        lab.wire(sender, "up0", internet, "s0");
        lab.wire(receiver, "up0", internet, "r0");
        lab.address(sender, "up0", "10.78.1.2/24");
        lab.address(internet, "s0", "10.78.1.1/24");
        lab.address(receiver, "up0", "10.78.2.2/24");
        lab.address(internet, "r0", "10.78.2.1/24");
        lab.in(receiver, "ip", "route", "add", "10.78.1.0/24", "via", "10.78.2.1");
        blockLan();
        Path file = TestFiles.random(tmp.resolve("fallback.bin"), 2 << 20, 9);
        try (ChildJvm relay = ChildJvm.cliIn(internet, tmp, "relay", "--host", "10.78.1.1", "--port", "0")) {
            String listening = relay.await(l -> l.startsWith("listening on "), 60);
            assertThat(listening).as("relay output: %s", relay.output()).isNotNull();
            String url = listening.substring("listening on ".length()).trim();
            try (ChildJvm send = send(file, "--relay", url)) {
                String line = code(send);
                PairingCode code = PairingCode.parse(line.substring("code: ".length()));
                assertThat(code.routes())
                        .extracting(r -> r.webSocketUri().getAuthority())
                        .contains(url.replaceAll("ws://([^/]+)/", "$1"))
                        .anyMatch(a -> a.startsWith("10.77.0.1:"));
                long t0 = System.nanoTime();
                try (ChildJvm rec = receive(line)) {
                    receivedIdentically(file, rec);
                }
                System.out.printf(
                        "LAN blocked: received through the internet relay in %d ms (JVM start included)%n",
                        (System.nanoTime() - t0) / 1_000_000);
            }
        }
    }

    @Test
    void nothingReachableListsEachAttemptWithinTenSeconds() throws Exception {
        lan4();
        docker();
        blockLan();
        Path file = TestFiles.random(tmp.resolve("none.bin"), 1 << 16, 10);
        try (ChildJvm send = send(file)) {
            String line = code(send);
            String port = line.replaceAll(".*http://10\\.77\\.0\\.1:([0-9]+)/.*", "$1");
            long t0 = System.nanoTime();
            try (ChildJvm rec = receive(line)) {
                int rc = rec.waitFor(30);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("nothing reachable: the receiver gave up after %d ms (JVM start included)%n", ms);
                String out = rec.output();
                assertThat(rc).as(out).isNotZero().isNotEqualTo(-1);
                assertThat(out)
                        .contains("Could not reach the sending computer.")
                        .contains("10.77.0.1:" + port + " timed out after 3 s")
                        .contains("172.17.0.1:" + port + ": network unreachable")
                        .contains("Likely causes:")
                        .contains("firewall")
                        .contains("send --relay");
                Matcher tried = Pattern.compile("Tried for ([0-9.]+) s").matcher(out);
                assertThat(tried.find()).isTrue();
                System.out.printf("nothing reachable: the race reported after %s s%n", tried.group(1));
                assertThat(Double.parseDouble(tried.group(1))).isLessThan(10.0);
                assertThat(ms).isLessThan(30_000);
            }
        }
    }
}
