package dev.qrbeam.app.history;

import dev.qrbeam.app.platform.AppPaths;
import dev.qrbeam.app.platform.JsonFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Past transfers, newest first, persisted as {@code history.json} in the app's data folder.
 * Writes go to disk synchronously: call off the FX thread. Listeners run on the caller's thread.
 */
public final class HistoryStore {
    static final int MAX_ENTRIES = 500;

    private final Path file;
    private final JsonFiles json;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<HistoryEntry> entries = new ArrayList<>();

    public HistoryStore(AppPaths paths, JsonFiles json) {
        this.file = paths.historyFile();
        this.json = json;
        try {
            HistoryFile read = json.read(file, HistoryFile.class);
            if (read != null && read.entries() != null) {
                entries.addAll(read.entries());
            }
        } catch (IOException e) {
            // an unreadable history starts empty; the broken file is replaced on the next write
        }
    }

    public synchronized List<HistoryEntry> entries() {
        List<HistoryEntry> copy = new ArrayList<>(entries);
        copy.sort(Comparator.comparingLong(HistoryEntry::startedAtMillis).reversed());
        return copy;
    }

    /** Adds or replaces (same id) an entry and saves. */
    public void put(HistoryEntry entry) throws IOException {
        synchronized (this) {
            entries.removeIf(e -> e.id().equals(entry.id()));
            entries.add(entry);
            entries.sort(Comparator.comparingLong(HistoryEntry::startedAtMillis).reversed());
            while (entries.size() > MAX_ENTRIES) {
                entries.remove(entries.size() - 1);
            }
            json.write(file, new HistoryFile(1, List.copyOf(entries)));
        }
        listeners.forEach(Runnable::run);
    }

    public void clear() throws IOException {
        synchronized (this) {
            entries.clear();
            json.write(file, new HistoryFile(1, List.of()));
        }
        listeners.forEach(Runnable::run);
    }

    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /** The file's JSON shape. */
    record HistoryFile(int version, List<HistoryEntry> entries) {}
}
