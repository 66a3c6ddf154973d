package dev.qrbeam.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The small part of a receiver's resume state: which manifest it belongs to, the chunk size, the {@code .part}
 * name chosen for each file and the final name of each finished file. Chunk progress lives in the {@link Journal}.
 *
 * <p>A snapshot ({@code state.properties}, rewritten only by {@link #reset} and on open) plus an append-only log
 * ({@code state.log}, one properties line per {@link #put}): a change costs one small write, not a rewrite of
 * every file's entry, so the cost of a transfer stays linear in its number of files. Each put reaches the OS at
 * once (it survives the process); {@link #force} makes the log durable. A torn last line is ignored. Both files
 * are owner-only ({@link PrivateFiles}).
 */
final class StoreState implements AutoCloseable {
    private final Path snapshot;
    private final Path logFile;
    private final Properties props = new Properties();
    private FileChannel log;

    StoreState(Path dir) throws IOException {
        this.snapshot = dir.resolve("state.properties");
        this.logFile = dir.resolve("state.log");
        if (Files.isRegularFile(snapshot, LinkOption.NOFOLLOW_LINKS)) {
            try (InputStream in = Files.newInputStream(snapshot, LinkOption.NOFOLLOW_LINKS)) {
                props.load(in);
            }
        }
        if (Files.isRegularFile(logFile, LinkOption.NOFOLLOW_LINKS) && Files.size(logFile) > 0) {
            // cut after the last complete line first, in bytes: a line torn inside a multi-byte character (a
            // non-ASCII file name) must be dropped like any torn line, not make decoding fail
            byte[] bytes = Files.readAllBytes(logFile);
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
            props.load(new StringReader(new String(bytes, 0, end, StandardCharsets.UTF_8)));
            writeSnapshot();
        }
    }

    String get(String key) {
        return props.getProperty(key);
    }

    /** Records one entry: appended to the log and handed to the OS before this returns. */
    void put(String key, String value) throws IOException {
        props.setProperty(key, value);
        ByteBuffer line = ByteBuffer.wrap(line(key, value).getBytes(StandardCharsets.UTF_8));
        FileChannel ch = log();
        while (line.hasRemaining()) {
            ch.write(line);
        }
    }

    java.util.List<String> keys(String prefix) {
        return props.stringPropertyNames().stream()
                .filter(k -> k.startsWith(prefix))
                .sorted()
                .toList();
    }

    /** Replaces the whole state with {@code entries} (atomically) and empties the log. */
    void reset(Map<String, String> entries) throws IOException {
        props.clear();
        entries.forEach(props::setProperty);
        writeSnapshot();
    }

    /** Makes every put so far durable. */
    void force() throws IOException {
        if (log != null) {
            log.force(false);
        }
    }

    private void writeSnapshot() throws IOException {
        PrivateFiles.write(snapshot, out -> props.store(out, "qrbeam receive state"));
        log().truncate(0);
        log.force(false);
    }

    private FileChannel log() throws IOException {
        if (log == null) {
            log = PrivateFiles.openAppendable(logFile);
            log.position(log.size());
        }
        return log;
    }

    private static String line(String key, String value) {
        Properties one = new Properties();
        one.setProperty(key, value);
        StringWriter w = new StringWriter();
        try {
            one.store(w, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String s = w.toString();
        return s.substring(s.indexOf('\n') + 1);
    }

    @Override
    public void close() throws IOException {
        if (log != null) {
            log.close();
            log = null;
        }
    }
}
