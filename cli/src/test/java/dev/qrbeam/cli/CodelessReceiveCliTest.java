package dev.qrbeam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.core.testing.TestFiles;
import dev.qrbeam.core.testing.TestScanner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code receive} without a code (issue 13 item 4): one line {@code code: <url>}, the QR, exit 0 once verified. */
@Timeout(90)
class CodelessReceiveCliTest {
    @TempDir
    Path tmp;

    @Test
    void receiveWithoutACodeShowsOneAndExitsZeroOnceTheFilesAreVerified() throws Exception {
        Path a = TestFiles.random(tmp.resolve("phone/IMG_0001.jpg"), 2_500_000, 11);
        Path b = TestFiles.random(tmp.resolve("phone/note.txt"), 1234, 12);
        Path out = tmp.resolve("out");
        try (ChildJvm cli = ChildJvm.cli(
                tmp, "receive", "--plain", "--state-dir", tmp.resolve("state").toString(), "--out", out.toString())) {
            String line = cli.await(l -> l.startsWith("code: "), 30);
            assertThat(line).as(cli.output()).isNotNull();
            try (TestScanner phone =
                    new TestScanner(line.substring("code: ".length()), List.of(a, b), new TestScanner.Identity())) {
                assertThat(phone.outcome().get(60, TimeUnit.SECONDS)).isEqualTo("done");
            }
            assertThat(cli.waitFor(30)).as(cli.output()).isZero();
            assertThat(cli.output().lines().filter(l -> l.startsWith("code: "))).hasSize(1);
            assertThat(cli.output()).as("the QR is drawn with half blocks").containsAnyOf("\u2580", "\u2584", "\u2588");
        }
        assertThat(TestFiles.sha256(out.resolve("IMG_0001.jpg"))).isEqualTo(TestFiles.sha256(a));
        assertThat(TestFiles.sha256(out.resolve("note.txt"))).isEqualTo(TestFiles.sha256(b));
    }

    @Test
    void helpExplainsTheCodelessReceiveAndHowToBeAsked() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        QrBeamCli.run(
                new String[] {"receive", "--help"},
                new PrintStream(text, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()));
        assertThat(text.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " "))
                .contains("Without a code: shows a code")
                .contains("--ask")
                .contains("for a phone");
    }
}
