package dev.qrbeam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class CliTest {
    @TempDir
    Path tmp;

    @Test
    void aMalformedCodeExitsWithCode3AndOneErrorLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = QrBeamCli.run(
                new String[] {
                    "receive",
                    "--plain",
                    "--state-dir",
                    tmp.toString(),
                    "--out",
                    tmp.resolve("out").toString(),
                    "http://127.0.0.1:1/not-a-code"
                },
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(rc).isEqualTo(ExitCode.CODE.code);
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("error: ").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void sendWithoutFilesIsAUsageError() {
        int rc = QrBeamCli.run(
                new String[] {"send", "--state-dir", tmp.toString()},
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));
        assertThat(rc).isEqualTo(ExitCode.USAGE.code);
    }

    @Test
    void theCodeIsReadFromStandardInputSoItNeverAppearsInTheProcessList() {
        String code = dev.qrbeam.protocol.pairing.PairingCode.create(
                        java.net.URI.create("http://127.0.0.1:1"),
                        "AAAAAAAAAAAAAAAAAAAAAA",
                        new java.security.SecureRandom())
                .format();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = QrBeamCli.run(
                new String[] {
                    "receive",
                    "--plain",
                    "--state-dir",
                    tmp.toString(),
                    "--out",
                    tmp.resolve("out").toString(),
                    "-"
                },
                new java.io.ByteArrayInputStream((code + "\n").getBytes(StandardCharsets.UTF_8)),
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(rc)
                .as("the code from stdin was used: its relay is unreachable")
                .isEqualTo(ExitCode.NETWORK.code);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("127.0.0.1:1");
    }

    @Test
    void helpSaysArgumentsAreVisibleToOtherUsers() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        QrBeamCli.run(
                new String[] {"receive", "--help"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()));
        assertThat(out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " "))
                .contains("visible to other users")
                .contains("standard input");
    }

    /** One parser for the CLI's relay and the standalone relay (issue 15): its options, TLS included, work here. */
    @Test
    void relayUsesTheStandaloneRelaysOptions() {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        assertThat(QrBeamCli.run(new String[] {"relay", "--help"}, quiet, quiet))
                .isZero();
        assertThat(QrBeamCli.run(
                        new String[] {
                            "relay", "--tls-cert", tmp.resolve("c.pem").toString()
                        },
                        quiet,
                        quiet))
                .as("--tls-cert without --tls-key")
                .isEqualTo(ExitCode.USAGE.code);
        assertThat(QrBeamCli.run(
                        new String[] {
                            "relay",
                            "--port",
                            "0",
                            "--tls-cert",
                            tmp.resolve("c.pem").toString(),
                            "--tls-key",
                            tmp.resolve("k.pem").toString()
                        },
                        quiet,
                        quiet))
                .as("missing PEM files")
                .isEqualTo(ExitCode.USAGE.code);
    }
}
