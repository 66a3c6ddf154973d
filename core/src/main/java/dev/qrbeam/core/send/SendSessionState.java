package dev.qrbeam.core.send;

import dev.qrbeam.core.store.PrivateFiles;
import dev.qrbeam.protocol.pairing.Base64Url;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * What a killed sender needs to continue with the same code: the pairing secret, relay address, its connection id's
 * resume token, the code's creation time and lifetime, the paired receiver's token, the transfer id and chunk size,
 * and the file snapshot of the manifest. Stored as {@code <stateDir>/send/<senderId>/session.properties}, readable
 * by the owner only (it holds the secret). Deleted once the transfer is done.
 */
public final class SendSessionState {
    private final Path file;
    private final Properties p = new Properties();

    private SendSessionState(Path file) {
        this.file = file;
    }

    public static Path dirFor(Path stateDir, String senderId) {
        return stateDir.resolve("send").resolve(senderId);
    }

    public static SendSessionState create(Path stateDir, String senderId) {
        return new SendSessionState(dirFor(stateDir, senderId).resolve("session.properties"));
    }

    /** Loads the state of {@code senderId}, or null if there is none. */
    public static SendSessionState load(Path stateDir, String senderId) throws IOException {
        Path f = dirFor(stateDir, senderId).resolve("session.properties");
        if (!Files.isRegularFile(f)) {
            return null;
        }
        SendSessionState s = new SendSessionState(f);
        try (InputStream in = Files.newInputStream(f)) {
            s.p.load(in);
        }
        return s;
    }

    public String get(String key) {
        return p.getProperty(key);
    }

    public void put(String key, String value) {
        if (value == null) {
            p.remove(key);
        } else {
            p.setProperty(key, value);
        }
    }

    public byte[] bytes(String key) {
        String v = p.getProperty(key);
        return v == null ? null : Base64Url.decodeOrNull(v);
    }

    public void putBytes(String key, byte[] value) {
        put(key, value == null ? null : Base64Url.encode(value));
    }

    public void files(List<SourceFile> files, List<String> dirs) {
        p.stringPropertyNames().stream()
                .filter(k -> k.startsWith("file.") || k.startsWith("dir."))
                .forEach(p::remove);
        for (int i = 0; i < files.size(); i++) {
            SourceFile f = files.get(i);
            p.setProperty("file." + i + ".path", f.path().toString());
            p.setProperty("file." + i + ".rel", f.relativePath());
            p.setProperty("file." + i + ".size", Long.toString(f.size()));
            p.setProperty("file." + i + ".mtime", Long.toString(f.modifiedMillis()));
            p.setProperty("file." + i + ".sha256", HexFormat.of().formatHex(f.sha256()));
        }
        for (int i = 0; i < dirs.size(); i++) {
            p.setProperty("dir." + i, dirs.get(i));
        }
    }

    /** The stored snapshot, or null if the sender died before it finished hashing. */
    public SourceScanner.Scan scan() {
        if (p.getProperty("file.0.path") == null && p.getProperty("scanned") == null) {
            return null;
        }
        List<SourceFile> files = new ArrayList<>();
        for (int i = 0; p.getProperty("file." + i + ".path") != null; i++) {
            files.add(new SourceFile(
                    Path.of(p.getProperty("file." + i + ".path")),
                    p.getProperty("file." + i + ".rel"),
                    Long.parseLong(p.getProperty("file." + i + ".size")),
                    Long.parseLong(p.getProperty("file." + i + ".mtime")),
                    HexFormat.of().parseHex(p.getProperty("file." + i + ".sha256"))));
        }
        List<String> dirs = new ArrayList<>();
        for (int i = 0; p.getProperty("dir." + i) != null; i++) {
            dirs.add(p.getProperty("dir." + i));
        }
        return new SourceScanner.Scan(files, dirs);
    }

    /** Writes atomically, owner-only ({@link PrivateFiles}). */
    public synchronized void save() throws IOException {
        PrivateFiles.write(file, out -> p.store(out, "qrbeam send session (contains the pairing secret)"));
    }

    public void delete() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(file.getParent());
    }
}
