package dev.qrbeam.app.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one hand-over from a local client, with hard bounds: the token line first (compared in constant time),
 * then at most {@value #MAX_FILES} absolute paths of at most {@value #MAX_LINE} bytes each, at most
 * {@value #MAX_BYTES} bytes in all, ended by an empty line. Anything else is refused as a whole.
 */
final class HandOverReader {
    static final int MAX_LINE = 32 * 1024;
    static final int MAX_BYTES = 4 * 1024 * 1024;
    static final int MAX_FILES = 10_000;

    private final InputStream in;
    private int total;

    HandOverReader(InputStream in) {
        this.in = in;
    }

    /** The handed-over paths, or null when the token is wrong or the client broke a bound or the format. */
    List<Path> read(String token) throws IOException {
        String first = line();
        if (first == null
                || !MessageDigest.isEqual(
                        first.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        List<Path> files = new ArrayList<>();
        for (String line = line(); ; line = line()) {
            if (line == null || files.size() >= MAX_FILES) {
                return null;
            }
            if (line.isEmpty()) {
                return files;
            }
            try {
                Path p = Path.of(line);
                if (!p.isAbsolute()) {
                    return null;
                }
                files.add(p);
            } catch (InvalidPathException e) {
                return null;
            }
        }
    }

    /** One '\n'-terminated UTF-8 line, or null at end of stream or past a bound. */
    private String line() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0 || ++total > MAX_BYTES || buf.size() >= MAX_LINE) {
                return null;
            }
            if (b == '\n') {
                return buf.toString(StandardCharsets.UTF_8);
            }
            buf.write(b);
        }
    }
}
