package dev.qrbeam.protocol.manifest;

import dev.qrbeam.protocol.chunk.ChunkException;
import dev.qrbeam.protocol.chunk.ChunkSizing;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an untrusted {@link Manifest}: version, transfer id, chunk size, limits, every path with
 * {@link SafePath#check}, sizes, hashes, and that no two entries collide — compared case-insensitively and after
 * Unicode NFC normalisation, since Windows and macOS file systems would merge them — and that no file is also used
 * as a folder. Case is compared with full Unicode case folding ({@link #fold}).
 */
public final class ManifestValidator {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private ManifestValidator() {}

    /** @throws ManifestException {@code bad-manifest}, {@code manifest-limit} or {@code unsafe-path} */
    public static Manifest validate(Manifest m, ManifestLimits limits) {
        if (m.version() != Manifest.VERSION) {
            throw bad("Manifest version " + m.version() + " is not supported");
        }
        m.transferIdBytes();
        if (m.chunkSize() < ChunkSizing.MIN_CHUNK || m.chunkSize() > ChunkSizing.MAX_CHUNK) {
            throw bad("Chunk size " + m.chunkSize() + " out of range");
        }
        if (m.files().size() > limits.maxFiles()) {
            throw limit("The transfer has " + m.files().size() + " files; at most " + limits.maxFiles() + " allowed");
        }
        if (m.folders().size() > limits.maxFolders()) {
            throw limit(
                    "The transfer has " + m.folders().size() + " folders; at most " + limits.maxFolders() + " allowed");
        }
        Map<String, Boolean> entries = new HashMap<>(); // folded path -> isFile
        long total = 0;
        for (ManifestFile f : m.files()) {
            if (f == null || f.path() == null || f.sha256() == null) {
                throw bad("A file entry lacks its path or hash");
            }
            SafePath.check(f.path());
            if (f.size() < 0) {
                throw bad("Negative size for " + SafePath.printable(f.path()));
            }
            if (!SHA256_HEX.matcher(f.sha256()).matches()) {
                throw bad("sha256 of " + SafePath.printable(f.path()) + " must be 64 lower-case hex digits");
            }
            total += f.size();
            if (total < 0 || total > limits.maxTotalBytes()) {
                throw limit("The transfer is larger than " + limits.maxTotalBytes() + " bytes");
            }
            add(entries, f.path(), true);
        }
        for (String folder : m.folders()) {
            SafePath.check(folder);
            add(entries, folder, false);
        }
        Set<String> filePaths = new HashSet<>();
        entries.forEach((path, isFile) -> {
            if (isFile) {
                filePaths.add(path);
            }
        });
        for (String path : entries.keySet()) {
            for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
                if (filePaths.contains(path.substring(0, i))) {
                    throw bad("A file is also used as a folder: " + SafePath.printable(path.substring(0, i)));
                }
            }
        }
        try {
            m.layout();
        } catch (ChunkException e) {
            throw limit(e.getMessage());
        }
        return m;
    }

    private static void add(Map<String, Boolean> entries, String path, boolean isFile) {
        String folded = fold(path);
        if (entries.putIfAbsent(folded, isFile) != null) {
            throw bad("Two entries have the same name (ignoring case and Unicode normalisation): "
                    + SafePath.printable(path));
        }
    }

    /**
     * The name two file systems might merge this one with: NFC, then full Unicode case folding (upper then lower
     * case, so σ/ς/Σ, ſ/s/S, ı/i/I, the Kelvin sign and k, ß and ss all meet), then NFC again.
     */
    static String fold(String path) {
        String nfc = Normalizer.normalize(path, Normalizer.Form.NFC);
        return Normalizer.normalize(nfc.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
    }

    private static ManifestException bad(String message) {
        return new ManifestException(ManifestException.BAD, message);
    }

    private static ManifestException limit(String message) {
        return new ManifestException(ManifestException.LIMIT, message);
    }
}
