package dev.qrbeam.app.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Opens a folder or reveals a file in the OS file manager. Call from a background thread. */
public interface FileOpener {

    void openFolder(Path folder) throws IOException;

    void showFile(Path file) throws IOException;

    /** The OS's own tools: xdg-open, open (-R), explorer (/select). */
    static FileOpener system() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return new FileOpener() {
            @Override
            public void openFolder(Path folder) throws IOException {
                start(
                        os.startsWith("windows")
                                ? List.of("explorer.exe", folder.toString())
                                : os.startsWith("mac")
                                        ? List.of("open", folder.toString())
                                        : List.of("xdg-open", folder.toString()));
            }

            @Override
            public void showFile(Path file) throws IOException {
                if (os.startsWith("windows")) {
                    start(List.of("explorer.exe", "/select," + file));
                } else if (os.startsWith("mac")) {
                    start(List.of("open", "-R", file.toString()));
                } else {
                    openFolder(file.toAbsolutePath().getParent());
                }
            }

            private void start(List<String> command) throws IOException {
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
            }
        };
    }
}
