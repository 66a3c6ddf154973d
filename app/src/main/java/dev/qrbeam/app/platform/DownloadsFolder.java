package dev.qrbeam.app.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user's Downloads folder, the default place for received files, as each OS names it.
 * <ul>
 *   <li>Linux and other XDG desktops: {@code $XDG_DOWNLOAD_DIR}, else {@code XDG_DOWNLOAD_DIR} from
 *       {@code $XDG_CONFIG_HOME/user-dirs.dirs} (the file {@code xdg-user-dirs} writes, localised names such as
 *       {@code ~/Téléchargements}), else {@code ~/Downloads};</li>
 *   <li>Windows: the Downloads known folder ({@code FOLDERID_Downloads}, which users can move) from the registry,
 *       else {@code %USERPROFILE%\Downloads};</li>
 *   <li>macOS: {@code ~/Downloads}.</li>
 * </ul>
 * The folder need not exist yet: the receive store creates its destination when the first transfer starts.
 */
public final class DownloadsFolder {

    /** {@code FOLDERID_Downloads}, the value name under the Explorer "User Shell Folders" key. */
    static final String WINDOWS_KNOWN_FOLDER = "{374DE290-123F-4565-9164-39C4925E467B}";

    private static final String WINDOWS_KEY =
            "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders";
    private static final Pattern XDG_LINE = Pattern.compile("^\\s*XDG_DOWNLOAD_DIR\\s*=\\s*\"(.*)\"\\s*$");
    private static final Pattern WINDOWS_ENV = Pattern.compile("%([^%]+)%");

    private DownloadsFolder() {}

    /** Resolves for the running system. */
    public static Path ofSystem() {
        return resolve(
                System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.home")),
                System.getenv(),
                DownloadsFolder::queryRegistry);
    }

    /**
     * The Downloads folder for {@code osName}, without touching the disk except to read {@code user-dirs.dirs}.
     *
     * @param windowsRegistry the known folder's registry value (unexpanded), if it can be read
     */
    static Path resolve(String osName, Path home, Map<String, String> env, Supplier<Optional<String>> windowsRegistry) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return windowsRegistry
                    .get()
                    .map(v -> expandWindows(v, env))
                    .filter(v -> !v.contains("%"))
                    .map(Path::of)
                    .orElseGet(() -> Path.of(env.getOrDefault("USERPROFILE", home.toString()), "Downloads"));
        }
        if (os.startsWith("mac")) {
            return home.resolve("Downloads");
        }
        return xdgDownloadDir(home, env).orElse(home.resolve("Downloads"));
    }

    /** {@code $XDG_DOWNLOAD_DIR} or its line in {@code user-dirs.dirs}; {@code $HOME} expanded, relative refused. */
    static Optional<Path> xdgDownloadDir(Path home, Map<String, String> env) {
        String fromEnv = env.get("XDG_DOWNLOAD_DIR");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return xdgPath(fromEnv, home);
        }
        String configHome = env.get("XDG_CONFIG_HOME");
        Path config =
                configHome != null && Path.of(configHome).isAbsolute() ? Path.of(configHome) : home.resolve(".config");
        Path dirs = config.resolve("user-dirs.dirs");
        try {
            if (!Files.isRegularFile(dirs) || Files.size(dirs) > 64 * 1024) {
                return Optional.empty();
            }
            for (String line : Files.readAllLines(dirs, StandardCharsets.UTF_8)) {
                Matcher m = XDG_LINE.matcher(line);
                if (m.matches()) {
                    return xdgPath(m.group(1), home);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<Path> xdgPath(String value, Path home) {
        String v = value.replace("\\\"", "\"");
        if (v.equals("$HOME") || v.equals("$HOME/")) {
            return Optional.empty(); // xdg-user-dirs' way of saying "disabled": the home folder itself
        }
        if (v.startsWith("$HOME/")) {
            return Optional.of(home.resolve(v.substring("$HOME/".length())));
        }
        Path p = Path.of(v);
        return p.isAbsolute() ? Optional.of(p) : Optional.empty();
    }

    static String expandWindows(String value, Map<String, String> env) {
        Matcher m = WINDOWS_ENV.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = env.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(m.group(1)))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Parses {@code reg query} output: {@code    {374DE290-…}    REG_EXPAND_SZ    %USERPROFILE%\Downloads}. */
    static Optional<String> parseRegQuery(String output) {
        for (String line : output.split("\\R")) {
            String t = line.strip();
            if (t.regionMatches(true, 0, WINDOWS_KNOWN_FOLDER, 0, WINDOWS_KNOWN_FOLDER.length())) {
                String[] parts = t.split("\\s{2,}|\\t", 3);
                if (parts.length == 3 && parts[1].startsWith("REG_") && !parts[2].isBlank()) {
                    return Optional.of(parts[2].strip());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> queryRegistry() {
        try {
            Process p = new ProcessBuilder(List.of("reg", "query", WINDOWS_KEY, "/v", WINDOWS_KNOWN_FOLDER))
                    .redirectErrorStream(true)
                    .start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(16 * 1024);
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? parseRegQuery(new String(out, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
