package dev.qrbeam.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.SendHandle;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.testing.TestFiles;
import dev.qrbeam.protocol.json.WireJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 4: with the built-in relay the sender is its own relay — its session is attached to the relay core
 * in-process, so no loopback WebSocket (client masking, relay unmasking, a second copy) sits between them. The
 * receiver still connects over a socket and the transfer, its hash check and the owner-only rule are unchanged.
 */
@Timeout(90)
class InProcessSenderTest {
    @TempDir
    Path tmp;

    @Test
    void sendersOwnRelayConnectionHasNoSocket() throws Exception {
        assertThat(transferAndCountSendersSockets("s"))
                .as("sockets the built-in relay accepted for its own sender")
                .isZero();
    }

    @Test
    void theSocketPathRemainsForComparison() throws Exception {
        System.setProperty(QrBeamEngine.SOCKET_PROPERTY, "true");
        try {
            assertThat(transferAndCountSendersSockets("s2")).isEqualTo(1);
        } finally {
            System.clearProperty(QrBeamEngine.SOCKET_PROPERTY);
        }
    }

    /** Sends 12 MB through the built-in relay; returns the sockets it had accepted before the receiver came. */
    private int transferAndCountSendersSockets(String name) throws Exception {
        Path file = TestFiles.random(tmp.resolve(name + "/a.bin"), 12_000_000, 11);
        Path out = tmp.resolve(name + "-out");
        int sockets;
        try (QrBeamEngine sender = engine(name);
                QrBeamEngine receiver = engine(name + "-r")) {
            SendHandle send = sender.send(List.of(file), p -> {});
            sockets = acceptedSockets(sender.embeddedRelay().port());
            TransferProgress r = receiver.receive(send.pairingCode(), out, p -> {})
                    .completion()
                    .get(60, TimeUnit.SECONDS);
            assertThat(r.failure()).isNull();
            assertThat(r.state()).isEqualTo(TransferState.DONE);
            assertThat(send.completion().get(10, TimeUnit.SECONDS).state()).isEqualTo(TransferState.DONE);
            assertThat(sender.embeddedRelay().handle().stats().binaryForwarded())
                    .as("chunks went through the relay core")
                    .isPositive();
        }
        assertThat(TestFiles.sha256(out.resolve("a.bin"))).isEqualTo(TestFiles.sha256(file));
        return sockets;
    }

    /** Established TCP connections whose local port is {@code port} (the relay's side of accepted sockets). */
    private static int acceptedSockets(int port) throws IOException {
        String local = String.format(Locale.ROOT, ":%04X ", port);
        int n = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.exists(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && (f[1] + " ").endsWith(local) && "01".equals(f[3])) {
                    n++;
                }
            }
        }
        return n;
    }

    private QrBeamEngine engine(String name) {
        return new QrBeamEngine(
                EngineConfig.defaults().withLoopback(true).withStateDir(tmp.resolve("state-" + name)),
                new WireJson(),
                new SecureRandom());
    }
}
