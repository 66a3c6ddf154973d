package dev.qrbeam.app.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class SingleInstanceTest {
    @TempDir
    Path home;

    @Test
    void aSecondLaunchHandsItsFilesToTheFirst() throws Exception {
        BlockingQueue<List<Path>> received = new LinkedBlockingQueue<>();
        AppPaths paths = new AppPaths(home);
        try (SingleInstance first = new SingleInstance(paths);
                SingleInstance second = new SingleInstance(paths)) {
            assertThat(first.becomePrimary(received::add)).isTrue();
            assertThat(second.becomePrimary(f -> {})).isFalse();
            assertThat(second.handOff(List.of(Path.of("/tmp/a b.txt"), Path.of("/tmp/dir"))))
                    .isTrue();
            assertThat(received.poll(10, TimeUnit.SECONDS))
                    .containsExactly(Path.of("/tmp/a b.txt"), Path.of("/tmp/dir"));
        }
    }

    @Test
    void aClientWithoutTheTokenIsIgnoredAndTheListenerKeepsWorking() throws Exception {
        BlockingQueue<List<Path>> received = new LinkedBlockingQueue<>();
        AppPaths paths = new AppPaths(home);
        try (SingleInstance first = new SingleInstance(paths);
                SingleInstance second = new SingleInstance(paths)) {
            first.becomePrimary(received::add);
            int port = Integer.parseInt(
                    Files.readAllLines(paths.instancePortFile()).get(0));
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                    OutputStream out = s.getOutputStream()) {
                out.write("wrong-token\n/etc/passwd\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(second.handOff(List.of(Path.of("/tmp/x")))).isTrue();
            assertThat(received.poll(10, TimeUnit.SECONDS)).containsExactly(Path.of("/tmp/x"));
            assertThat(received).isEmpty();
        }
    }

    @Test
    void handOffFailsCleanlyWhenNothingRuns() {
        assertThat(new SingleInstance(new AppPaths(home)).handOff(List.of(Path.of("/tmp/x"))))
                .isFalse();
    }

    @Test
    void closingReleasesTheLockForTheNextLaunch() throws Exception {
        AppPaths paths = new AppPaths(home);
        try (SingleInstance first = new SingleInstance(paths)) {
            assertThat(first.becomePrimary(f -> {})).isTrue();
        }
        assertThat(paths.instancePortFile()).doesNotExist();
        try (SingleInstance again = new SingleInstance(paths)) {
            assertThat(again.becomePrimary(f -> {})).isTrue();
        }
    }

    @Test
    void theInstanceFileWithItsTokenIsReadableByTheOwnerOnly() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                home.getFileSystem().supportedFileAttributeViews().contains("posix"));
        AppPaths paths = new AppPaths(home.resolve("qrbeam"));
        try (SingleInstance first = new SingleInstance(paths)) {
            first.becomePrimary(f -> {});
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(paths.instancePortFile())))
                    .isEqualTo("rw-------");
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(paths.home())))
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void anEndlessLineAndASilentConnectionDoNotStopTheListener() throws Exception {
        BlockingQueue<List<Path>> received = new LinkedBlockingQueue<>();
        AppPaths paths = new AppPaths(home);
        try (SingleInstance first = new SingleInstance(paths);
                SingleInstance second = new SingleInstance(paths)) {
            first.becomePrimary(received::add);
            int port = Integer.parseInt(
                    Files.readAllLines(paths.instancePortFile()).get(0));
            try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), port);
                    Socket endless = new Socket(InetAddress.getLoopbackAddress(), port)) {
                Thread flood = new Thread(
                        () -> {
                            byte[] junk = new byte[64 * 1024];
                            java.util.Arrays.fill(junk, (byte) 'x');
                            try (OutputStream out = endless.getOutputStream()) {
                                for (int i = 0; i < 4096; i++) { // 256 MiB without a newline, unless cut off first
                                    out.write(junk);
                                }
                            } catch (java.io.IOException e) {
                                // cut off by the listener: expected
                            }
                        },
                        "endless-line");
                flood.setDaemon(true);
                flood.start();
                assertThat(second.handOff(List.of(Path.of("/tmp/x"))))
                        .as("a real launch is still heard")
                        .isTrue();
                assertThat(received.poll(10, TimeUnit.SECONDS)).containsExactly(Path.of("/tmp/x"));
                flood.join(TimeUnit.SECONDS.toMillis(10));
                assertThat(flood.isAlive()).as("the endless line was cut off").isFalse();
                silent.setSoTimeout(10_000);
                assertThat(silent.getInputStream().read())
                        .as("the silent connection was closed")
                        .isEqualTo(-1);
            }
        }
    }
}
