package dev.qrbeam.app.settings;

import dev.qrbeam.app.platform.AppPaths;
import dev.qrbeam.app.platform.JsonFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * The one place settings are read and written. Holds the current value; {@link #update} persists and
 * notifies listeners (on the caller's thread). A missing or unreadable file yields defaults.
 */
public final class SettingsStore {
    private final Path file;
    private final JsonFiles json;
    private final List<Consumer<Settings>> listeners = new CopyOnWriteArrayList<>();
    private volatile Settings current;

    public SettingsStore(AppPaths paths, JsonFiles json, Path defaultDownloads) {
        this.file = paths.settingsFile();
        this.json = json;
        this.current = load(defaultDownloads);
    }

    private Settings load(Path defaultDownloads) {
        Settings fallback = Settings.defaults(defaultDownloads.toString());
        try {
            Settings read = json.read(file, Settings.class);
            if (read == null) {
                return fallback;
            }
            return read.downloadFolder() == null || read.downloadFolder().isBlank()
                    ? read.withDownloadFolder(fallback.downloadFolder())
                    : read;
        } catch (IOException e) {
            LoggerFactory.getLogger(SettingsStore.class)
                    .warn("unreadable {}, using the defaults: {}", file, e.getMessage());
            return fallback;
        }
    }

    public Settings current() {
        return current;
    }

    /** Saves {@code next} (disk write: call off the FX thread) and tells listeners. */
    public synchronized void update(Settings next) throws IOException {
        json.write(file, next);
        current = next;
        listeners.forEach(l -> l.accept(next));
    }

    /** Applies {@code change} to the current settings atomically and saves the result (off the FX thread). */
    public synchronized Settings modify(java.util.function.UnaryOperator<Settings> change) throws IOException {
        Settings next = change.apply(current);
        update(next);
        return next;
    }

    public void addListener(Consumer<Settings> listener) {
        listeners.add(listener);
    }
}
