package dev.qrbeam.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.relay.testing.TestRelays;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 11 finding 10: upgrade requests sent a byte at a time kept resetting the idle timer and stayed open past
 * the idle timeout. A deadline from accept to the completed upgrade closes them (default 10 s).
 */
@Timeout(90)
class SlowlorisTest {
    private static final int CONNECTIONS = 300;

    @Test
    void halfSentUpgradeRequestsAreClosedAtTheUpgradeDeadline() throws Exception {
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, TestRelays.limits())) {
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    Socket s = new Socket();
                    s.connect(new InetSocketAddress("127.0.0.1", relay.address().getPort()), 10_000);
                    s.setSoTimeout(1);
                    s.getOutputStream()
                            .write("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                                    .getBytes(StandardCharsets.US_ASCII));
                    sockets.add(s);
                }
                long start = System.nanoTime();
                long bound = 25_000_000_000L; // the 10 s deadline + lingering close + a busy machine
                int open = CONNECTIONS;
                // trickle one header byte per connection every 500 ms, well inside the 30 s ping interval
                while (open > 0 && System.nanoTime() - start < bound) {
                    open = 0;
                    for (Socket s : sockets) {
                        if (!s.isClosed() && trickle(s)) {
                            open++;
                        }
                    }
                    Thread.sleep(500); // the trickle's pace, not a wait for a condition
                }
                assertThat(open)
                        .as("connections still open %d s after accept", (System.nanoTime() - start) / 1_000_000_000L)
                        .isZero();
                assertThat(relay.stats().closed("upgrade-timeout")).isEqualTo(CONNECTIONS);
            } finally {
                for (Socket s : sockets) {
                    s.close();
                }
            }
        }
    }

    /** Sends one more header byte; false once the relay has closed the connection (EOF or reset). */
    private static boolean trickle(Socket s) throws IOException {
        try {
            if (s.getInputStream().read() < 0) {
                s.close();
                return false;
            }
        } catch (SocketTimeoutException stillOpen) {
            // nothing to read: the relay still holds the connection
        } catch (IOException reset) {
            s.close();
            return false;
        }
        try {
            s.getOutputStream().write('X');
            return true;
        } catch (IOException closed) {
            s.close();
            return false;
        }
    }
}
