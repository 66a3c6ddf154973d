package dev.qrbeam.app.platform;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds helper programs (notify-send, gsettings, gdbus) the way a shell would. */
public final class Executables {
    private Executables() {}

    /**
     * Whether a D-Bus session bus is there to talk to (its address in the environment, or systemd's per-user
     * socket). Without one, D-Bus tools would try to autolaunch a bus of their own that outlives the app.
     */
    public static boolean sessionBus(java.util.Map<String, String> env) {
        String address = env.get("DBUS_SESSION_BUS_ADDRESS");
        if (address != null && !address.isBlank()) {
            return true;
        }
        String runtime = env.get("XDG_RUNTIME_DIR");
        return runtime != null && !runtime.isBlank() && Files.exists(Path.of(runtime, "bus"));
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
