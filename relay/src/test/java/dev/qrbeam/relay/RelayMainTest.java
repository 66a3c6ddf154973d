package dev.qrbeam.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.relay.testing.TestWsClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The standalone relay as a separate process: one stdout line once listening, clean stop on SIGTERM. */
@Timeout(60)
class RelayMainTest {

    @Test
    void printsOneListeningLineServesAndStopsOnSigterm(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("relay.key");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.qrbeam.relay.RelayMain",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        "0",
                        "--key-file",
                        key.toString()))
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            Matcher m = Pattern.compile("listening on (ws://127\\.0\\.0\\.1:(\\d+)/)")
                    .matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            try (TestWsClient c = TestWsClient.connect(URI.create(m.group(1)))) {
                assertThat(c.connectId()).hasSize(22);
                assertThat(p.toHandle().destroy()).isTrue(); // SIGTERM, keeping our end of stdout open
                assertThat(c.awaitClose(TestWsClient.TIMEOUT)).isEqualTo(1001);
            }
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(out.readLine()).as("nothing else on stdout").isNull();
        } finally {
            p.destroyForcibly();
        }
        assertThat(Files.size(key)).isEqualTo(32);
        String log = Files.readString(dir.resolve("stderr.txt"));
        assertThat(log).contains("connect ").contains("relay stopped");
    }

    @Test
    void badOptionsExitWithUsage() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.qrbeam.relay.RelayMain",
                        "--port",
                        "nope"))
                .redirectErrorStream(true)
                .start();
        String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(all).contains("--port needs a number").contains("usage:");
    }

    @Test
    void servesWssFromThePemFilesGivenOnTheCommandLine(@TempDir Path dir) throws Exception {
        dev.qrbeam.relay.testing.SelfSignedCert cert =
                dev.qrbeam.relay.testing.SelfSignedCert.generate(dir, "main", "EC");
        cert.writePem(dir.resolve("fullchain.pem"), dir.resolve("privkey.pem"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.qrbeam.relay.RelayMain",
                        "--port",
                        "0",
                        "--tls-cert",
                        dir.resolve("fullchain.pem").toString(),
                        "--tls-key",
                        dir.resolve("privkey.pem").toString()))
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            Matcher m = Pattern.compile("listening on (wss://127\\.0\\.0\\.1:(\\d+)/)")
                    .matcher(String.valueOf(line));
            assertThat(m.matches()).as(line).isTrue();
            HttpClient http = HttpClient.newBuilder()
                    .sslContext(dev.qrbeam.relay.testing.SelfSignedCert.trusting(cert.certificate()))
                    .build();
            try (TestWsClient c = TestWsClient.connect(http, URI.create(m.group(1)))) {
                assertThat(c.connectId()).hasSize(22);
            }
        } finally {
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }
}
