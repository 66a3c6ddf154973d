package dev.qrbeam.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The small, atomically rewritten part of a receiver's resume state: which manifest it belongs to, the chunk size,
 * the {@code .part} name chosen for each file and the final name of each finished file. Chunk progress lives in
 * the {@link Journal}.
 */
final class StoreState {
    private final Path file;
    private final Properties props = new Properties();

    StoreState(Path dir) throws IOException {
        this.file = dir.resolve("state.properties");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                props.load(in);
            }
        }
    }

    String get(String key) {
        return props.getProperty(key);
    }

    void put(String key, String value) {
        props.setProperty(key, value);
    }

    java.util.List<String> keys(String prefix) {
        return props.stringPropertyNames().stream().filter(k -> k.startsWith(prefix)).sorted().toList();
    }

    void clear() {
        props.clear();
    }

    void save() throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            props.store(out, "qrbeam receive state");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
