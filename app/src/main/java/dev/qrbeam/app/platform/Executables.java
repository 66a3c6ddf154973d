package dev.qrbeam.app.platform;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds helper programs (notify-send, gsettings, gdbus) the way a shell would. */
public final class Executables {
    private Executables() {
    }

    /** The first executable file {@code name} in the directories of {@code path} (a PATH value, may be null). */
    public static Optional<Path> onPath(String name, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
