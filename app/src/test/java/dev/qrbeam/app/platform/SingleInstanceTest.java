package dev.qrbeam.app.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(20)
class SingleInstanceTest {
    @TempDir
    Path home;

    @Test
    void aSecondLaunchHandsItsFilesToTheFirst() throws Exception {
        BlockingQueue<List<Path>> received = new LinkedBlockingQueue<>();
        AppPaths paths = new AppPaths(home);
        try (SingleInstance first = new SingleInstance(paths); SingleInstance second = new SingleInstance(paths)) {
            assertThat(first.becomePrimary(received::add)).isTrue();
            assertThat(second.becomePrimary(f -> { })).isFalse();
            assertThat(second.handOff(List.of(Path.of("/tmp/a b.txt"), Path.of("/tmp/dir")))).isTrue();
            assertThat(received.poll(10, TimeUnit.SECONDS)).containsExactly(Path.of("/tmp/a b.txt"), Path.of("/tmp/dir"));
        }
    }

    @Test
    void aClientWithoutTheTokenIsIgnoredAndTheListenerKeepsWorking() throws Exception {
        BlockingQueue<List<Path>> received = new LinkedBlockingQueue<>();
        AppPaths paths = new AppPaths(home);
        try (SingleInstance first = new SingleInstance(paths); SingleInstance second = new SingleInstance(paths)) {
            first.becomePrimary(received::add);
            int port = Integer.parseInt(Files.readAllLines(paths.instancePortFile()).get(0));
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port); OutputStream out = s.getOutputStream()) {
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
        assertThat(new SingleInstance(new AppPaths(home)).handOff(List.of(Path.of("/tmp/x")))).isFalse();
    }

    @Test
    void closingReleasesTheLockForTheNextLaunch() throws Exception {
        AppPaths paths = new AppPaths(home);
        try (SingleInstance first = new SingleInstance(paths)) {
            assertThat(first.becomePrimary(f -> { })).isTrue();
        }
        assertThat(paths.instancePortFile()).doesNotExist();
        try (SingleInstance again = new SingleInstance(paths)) {
            assertThat(again.becomePrimary(f -> { })).isTrue();
        }
    }
}
