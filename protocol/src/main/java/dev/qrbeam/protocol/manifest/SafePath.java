package dev.qrbeam.protocol.manifest;

import dev.qrbeam.protocol.message.ForeignText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Receiver safety for names from a manifest. A manifest path is relative, uses {@code /} between components, and
 * each component must be a name every desktop OS can hold without surprises. Anything else is <b>refused</b>
 * (never silently rewritten), with {@code unsafe-path}:
 * <ul>
 *   <li>empty components (leading, trailing or double {@code /}: also catches absolute paths), {@code .}, {@code ..};</li>
 *   <li>{@code \} (Windows separator, UNC {@code \\server\share}), {@code :} (drive letters {@code C:}, NTFS
 *       streams {@code name:stream}), and {@code < > " | ? *};</li>
 *   <li>control characters (C0 incl. NUL and ESC — so no ANSI escapes —, DEL, C1), line/paragraph separators,
 *       unpaired surrogates, and Unicode format characters (bidi overrides such as U+202E, isolates, zero-width
 *       spaces, BOM) except ZWJ/ZWNJ, which emoji and several scripts need;</li>
 *   <li>Windows reserved device names, also with an extension or trailing spaces: CON, PRN, AUX, NUL, CONIN$,
 *       CONOUT$, COM0–9, LPT0–9 (and the superscript-digit forms);</li>
 *   <li>a trailing dot or space; a component over 255 UTF-8 bytes; more than {@value #MAX_DEPTH} components or
 *       {@value #MAX_PATH_BYTES} bytes in all.</li>
 * </ul>
 * The sender applies the same {@link #check} to its own files so that a problem shows up before sending.
 */
public final class SafePath {
    public static final int MAX_COMPONENT_BYTES = 255;
    public static final int MAX_PATH_BYTES = 4096;
    public static final int MAX_DEPTH = 64;
    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$");
    private static final String FORBIDDEN = "\\:<>\"|?*";

    private SafePath() {}

    /**
     * Validates a manifest path and returns its components.
     *
     * @throws ManifestException {@code unsafe-path} with a message naming the rule and the escaped name
     */
    public static List<String> check(String manifestPath) {
        if (manifestPath == null || manifestPath.isEmpty()) {
            throw unsafe(manifestPath, "it is empty");
        }
        if (manifestPath.length() > MAX_PATH_BYTES || utf8Length(manifestPath) > MAX_PATH_BYTES) {
            throw unsafe(manifestPath, "it is longer than " + MAX_PATH_BYTES + " bytes");
        }
        String[] parts = manifestPath.split("/", -1);
        if (parts.length > MAX_DEPTH) {
            throw unsafe(manifestPath, "it is nested deeper than " + MAX_DEPTH + " folders");
        }
        for (String part : parts) {
            checkComponent(manifestPath, part);
        }
        return List.of(parts);
    }

    /**
     * Resolves a manifest path under {@code root}: the result is guaranteed to be inside {@code root} (checked again
     * after normalisation). Does not touch the file system; use {@link #checkNoSymlinks} before writing.
     */
    public static Path resolve(Path root, String manifestPath) {
        Path base = root.toAbsolutePath().normalize();
        Path p = base;
        for (String part : check(manifestPath)) {
            p = p.resolve(part);
        }
        Path normal = p.normalize();
        if (!normal.startsWith(base)
                || normal.equals(base)
                || normal.getNameCount() != base.getNameCount() + manifestPath.split("/", -1).length) {
            throw unsafe(manifestPath, "it does not stay inside the target folder");
        }
        return normal;
    }

    /**
     * Refuses if any existing path element from {@code root} (exclusive) down to {@code target} (inclusive) is a
     * symbolic link (or, on Windows, a junction reported as "other"), so that no write follows a link planted in
     * the target folder. Call right before creating files or folders.
     */
    public static void checkNoSymlinks(Path root, Path target) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        Path t = target.toAbsolutePath().normalize();
        if (!t.startsWith(base)) {
            throw unsafe(t.toString(), "it is outside the target folder");
        }
        Path p = base;
        for (Path part : base.relativize(t)) {
            p = p.resolve(part);
            if (Files.isSymbolicLink(p)
                    || (Files.exists(p, LinkOption.NOFOLLOW_LINKS)
                            && Files.readAttributes(
                                            p,
                                            java.nio.file.attribute.BasicFileAttributes.class,
                                            LinkOption.NOFOLLOW_LINKS)
                                    .isOther())) {
                throw unsafe(base.relativize(p).toString(), "a symbolic link is in the way");
            }
        }
    }

    /**
     * A name for a new file that does not exist yet: {@code target} itself, else {@code name (1).ext},
     * {@code name (2).ext}, … (a symlink counts as existing). The engine must still create the final file without
     * replacing anything (e.g. {@code Files.createLink} or {@code CREATE_NEW}), since another process may race it.
     */
    public static Path uniqueName(Path target) {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return target;
        }
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int i = 1; i < 100_000; i++) {
            String suffix = " (" + i + ")" + ext;
            String s = stem;
            while (utf8Length(s + suffix) > MAX_COMPONENT_BYTES && !s.isEmpty()) {
                s = s.substring(0, s.offsetByCodePoints(s.length(), -1));
            }
            Path candidate = target.resolveSibling(s + suffix);
            if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return candidate;
            }
        }
        throw new ManifestException(ManifestException.UNSAFE_PATH, "No free name for " + printable(name));
    }

    /** The name through {@link ForeignText#printable}, with backslashes also shown as {@code \\u005C}. */
    public static String printable(String name) {
        return name == null ? "(none)" : ForeignText.printable(name.replace("\\", "\\u005C"), ForeignText.MAX);
    }

    private static void checkComponent(String path, String c) {
        if (c.isEmpty()) {
            throw unsafe(path, "it has an empty name part (absolute path, leading, trailing or double '/')");
        }
        if (c.equals(".") || c.equals("..")) {
            throw unsafe(path, "it contains '" + c + "'");
        }
        for (int i = 0; i < c.length(); ) {
            int cp = c.codePointAt(i);
            if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
                throw unsafe(path, "it contains a control character");
            }
            if (Character.isSurrogate((char) cp) && cp <= 0xffff) {
                throw unsafe(path, "it contains an invalid character (unpaired surrogate)");
            }
            if (isFormatOrSeparator(cp)) {
                throw unsafe(path, "it contains an invisible formatting character such as a direction override");
            }
            if (FORBIDDEN.indexOf(cp) >= 0) {
                throw unsafe(path, "it contains '" + (char) cp + "', which is not allowed in file names");
            }
            i += Character.charCount(cp);
        }
        char lastChar = c.charAt(c.length() - 1);
        if (lastChar == '.' || lastChar == ' ') {
            throw unsafe(path, "a name ends with a dot or space");
        }
        if (isReserved(c)) {
            throw unsafe(path, "it uses a reserved Windows device name");
        }
        if (utf8Length(c) > MAX_COMPONENT_BYTES) {
            throw unsafe(path, "a name is longer than " + MAX_COMPONENT_BYTES + " bytes");
        }
    }

    private static boolean isFormatOrSeparator(int cp) {
        int type = Character.getType(cp);
        if (type == Character.FORMAT) {
            return cp != 0x200C && cp != 0x200D;
        }
        return type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static boolean isReserved(String component) {
        int dot = component.indexOf('.');
        String stem = (dot >= 0 ? component.substring(0, dot) : component)
                .stripTrailing()
                .toUpperCase(Locale.ROOT);
        if (RESERVED.contains(stem)) {
            return true;
        }
        if (stem.length() == 4 && (stem.startsWith("COM") || stem.startsWith("LPT"))) {
            char d = stem.charAt(3);
            return (d >= '0' && d <= '9') || d == '\u00b9' || d == '\u00b2' || d == '\u00b3';
        }
        return false;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static ManifestException unsafe(String path, String why) {
        return new ManifestException(
                ManifestException.UNSAFE_PATH, "Refused file name \"" + printable(path) + "\": " + why);
    }
}
