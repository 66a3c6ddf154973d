package dev.qrbeam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.core.control.Control;
import dev.qrbeam.core.control.ControlType;
import dev.qrbeam.core.testing.RogueSender;
import dev.qrbeam.relay.Relay;
import dev.qrbeam.relay.RelayHandle;
import dev.qrbeam.relay.core.RelayLimits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Text from a hostile sender reaches the receiver's terminal only as one printable line; it never picks the exit code. */
@Timeout(60)
class HostilePeerTextTest {
    /** Sets the window title, clears the screen, homes the cursor and prints a fake success line. */
    private static final String ESCAPES =
            "\u001b]0;pwned\u0007\u001b[2J\u001b[H\rreceived secret.txt OK\n\u202Etxt.exe";

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path tmp;

    @Test
    void aSenderFailureMessageCannotWriteEscapesOrChooseTheExitCode() throws Exception {
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
                RogueSender rogue = new RogueSender(relay.uri())) {
            CompletableFuture<Integer> rc = receive(rogue.code());
            rogue.awaitPaired();
            rogue.control(Control.failure(ControlType.FAILURE, "CANCELLED_LOCALLY", ESCAPES));
            assertThat(rc.get(30, TimeUnit.SECONDS)).as(text()).isEqualTo(ExitCode.PEER_FAILED.code);
        }
        assertThat(text()).contains("error: sender").contains("received secret.txt OK");
        assertNothingRaw();
    }

    @Test
    void theUnauthenticatedHandshakeErrorFieldCannotWriteEscapes() throws Exception {
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
                RogueSender rogue = new RogueSender(relay.uri())) {
            rogue.refuseWith = ESCAPES;
            CompletableFuture<Integer> rc = receive(rogue.code());
            assertThat(rc.get(30, TimeUnit.SECONDS)).as(text()).isEqualTo(ExitCode.SECURITY.code);
        }
        assertThat(text()).contains("could not verify");
        assertNothingRaw();
    }

    private CompletableFuture<Integer> receive(String code) {
        String[] args = {
            "receive",
            "--plain",
            "--state-dir",
            tmp.resolve("state").toString(),
            "--out",
            tmp.resolve("out").toString(),
            code
        };
        return CompletableFuture.supplyAsync(() -> QrBeamCli.run(
                args,
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    private String text() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private void assertNothingRaw() {
        String text = text();
        assertThat(text.chars()
                        .filter(c -> c == 0x1b || c == 0x07 || c == '\r' || c == 0x202E)
                        .count())
                .as("raw control characters in: %s", text)
                .isZero();
        for (String line : text.split("\n")) {
            assertThat(line).doesNotStartWith("received");
        }
    }
}
