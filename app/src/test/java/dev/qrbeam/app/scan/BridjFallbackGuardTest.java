package dev.qrbeam.app.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * webcam-capture falls back to its BridJ driver (no Apple Silicon natives, crashes on current Windows JDKs) when
 * {@code Webcam.getDefault()}/{@code getDriver()}/{@code getWebcams()} run before a driver is set. Guard: only
 * {@link CameraDrivers} sets the driver, only {@link WebcamCatalog} lists cameras (after the composition root
 * installed the driver), and nothing in the app asks for the default camera or driver.
 */
class BridjFallbackGuardTest {
    private static final Path MAIN = Path.of("src/main/java");

    @Test
    void nothingReachesTheBridjFallback() throws IOException {
        assertThat(filesCalling("Webcam.getDefault(")).isEmpty();
        assertThat(filesCalling("Webcam.getDriver(")).isEmpty();
        assertThat(filesCalling("Webcam.getWebcams(")).containsExactly("WebcamCatalog.java");
        assertThat(filesCalling("Webcam.setDriver(")).containsExactly("CameraDrivers.java");
        assertThat(filesCalling("WebcamDefaultDriver")).isEmpty();
    }

    private static List<String> filesCalling(String call) throws IOException {
        assertThat(MAIN).isDirectory();
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> read(f).lines()
                            .anyMatch(l -> l.contains(call) && !l.trim().startsWith("*")))
                    .map(f -> f.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
