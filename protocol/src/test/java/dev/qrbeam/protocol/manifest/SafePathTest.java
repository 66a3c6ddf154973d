package dev.qrbeam.protocol.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SafePathTest {
    @TempDir
    Path root;

    static Stream<String> hostileNames() {
        return Stream.of(
                // traversal
                "..",
                "../x",
                "a/../../x",
                "a/..",
                "./a",
                "a/./b",
                ".",
                "../../../../etc/passwd",
                "..\\..\\windows\\system32",
                "a\\..\\..\\b",
                // absolute paths, drive letters, UNC
                "/etc/passwd",
                "/",
                "//server/share/x",
                "C:\\Windows\\x",
                "C:/Windows/x",
                "c:x",
                "C:",
                "\\\\server\\share\\x",
                "\\\\?\\C:\\x",
                "\\x",
                // empty components
                "",
                "a//b",
                "a/",
                "/a",
                // NUL and control characters, ANSI escapes
                "a\u0000b",
                "a\u0000",
                "\u0000",
                "line\nbreak",
                "tab\tname",
                "cr\rname",
                "bell\u0007",
                "del\u007f",
                "c1\u0085x",
                "c1\u009bx",
                "\u001b[31mred\u001b[0m.txt",
                "\u001b]0;title\u0007x",
                "x\u001b[2J",
                // bidi overrides and invisible format characters
                "invoice\u202Efdp.exe",
                "\u202Dx",
                "a\u202Ab",
                "a\u202Bb",
                "a\u202Cb",
                "a\u2066b",
                "a\u2067b",
                "a\u2068b",
                "a\u2069b",
                "a\u200Eb",
                "a\u200Fb",
                "a\u061Cb",
                "zero\u200Bwidth",
                "\uFEFFbom",
                "a\u2028b",
                "a\u2029b",
                // Windows reserved device names
                "CON",
                "con",
                "Con.txt",
                "PRN",
                "AUX",
                "NUL",
                "nul.tar.gz",
                "NUL .txt",
                "COM1",
                "com9.log",
                "COM0",
                "LPT1",
                "lpt9.txt",
                "LPT1.anything.here",
                "COM\u00b9",
                "LPT\u00b2.txt",
                "CONIN$",
                "conout$.x",
                "folder/CON",
                "AUX/file",
                // trailing dots and spaces
                "name.",
                "name ",
                "name. ",
                "dir./x",
                "dir /x",
                "...",
                " ",
                // NTFS alternate data streams and other Windows-forbidden characters
                "file.txt:stream",
                "file:stream:$DATA",
                "a:b",
                "a<b",
                "a>b",
                "a\"b",
                "a|b",
                "a?b",
                "a*b",
                // unpaired surrogates
                "bad\uD800",
                "bad\uDC00x",
                // over-long names and paths
                "x".repeat(256),
                "é".repeat(128),
                "dir/" + "y".repeat(300),
                "a/".repeat(70) + "a",
                ("d".repeat(200) + "/").repeat(21) + "f");
    }

    @ParameterizedTest
    @MethodSource("hostileNames")
    void refusesHostileNames(String hostile) {
        assertThatThrownBy(() -> SafePath.resolve(root, hostile))
                .isInstanceOf(ManifestException.class)
                .satisfies(e -> assertThat(((ManifestException) e).code()).isEqualTo("unsafe-path"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b", "\u202E", "\u0000"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a.txt",
                "dir/sub/file.tar.gz",
                ".bashrc",
                "..hidden",
                "a..b",
                "résumé.pdf",
                "日本語/ファイル.txt",
                "emoji 👨\u200D👩\u200D👧.png",
                "CONSOLE.txt",
                "COM10",
                "LPTX",
                "nullable",
                "with space.txt",
                " leading space",
                "x",
                "name-with_[brackets]&(parens)#%!.txt"
            })
    void acceptsOrdinaryNamesAndKeepsThemUnderRoot(String name) {
        Path p = SafePath.resolve(root, name);
        assertThat(p.startsWith(root.toAbsolutePath().normalize())).isTrue();
        assertThat(root.toAbsolutePath().normalize().relativize(p).toString().replace('\\', '/'))
                .isEqualTo(name);
    }

    @Test
    void maximumLengthComponentIsAccepted() {
        assertThat(SafePath.resolve(root, "x".repeat(255)).getParent())
                .isEqualTo(root.toAbsolutePath().normalize());
        assertThat(SafePath.check("é".repeat(127) + "a")).hasSize(1);
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> SafePath.check(null)).isInstanceOf(ManifestException.class);
    }

    @Test
    void printableEscapesEverythingDangerous() {
        assertThat(SafePath.printable("a\u001b[31m\u202Eb\u0000")).isEqualTo("a\\u001B[31m\\u202Eb\\u0000");
    }

    @Test
    void uniqueNameAddsCounterBeforeTheExtension() throws IOException {
        Path target = root.resolve("photo.jpg");
        assertThat(SafePath.uniqueName(target)).isEqualTo(target);
        Files.createFile(target);
        assertThat(SafePath.uniqueName(target)).isEqualTo(root.resolve("photo (1).jpg"));
        Files.createFile(root.resolve("photo (1).jpg"));
        assertThat(SafePath.uniqueName(target)).isEqualTo(root.resolve("photo (2).jpg"));
        Path dotfile = Files.createFile(root.resolve(".bashrc"));
        assertThat(SafePath.uniqueName(dotfile)).isEqualTo(root.resolve(".bashrc (1)"));
        Path noExt = Files.createFile(root.resolve("README"));
        assertThat(SafePath.uniqueName(noExt)).isEqualTo(root.resolve("README (1)"));
    }

    @Test
    void uniqueNameCountsADanglingSymlinkAsExisting() throws IOException {
        Path link = root.resolve("link.txt");
        Files.createSymbolicLink(link, root.resolve("nowhere"));
        assertThat(SafePath.uniqueName(link)).isEqualTo(root.resolve("link (1).txt"));
    }

    @Test
    void uniqueNameStaysWithin255Bytes() throws IOException {
        Path target = Files.createFile(root.resolve("n".repeat(251) + ".txt"));
        Path unique = SafePath.uniqueName(target);
        assertThat(unique.getFileName().toString()).endsWith(" (1).txt");
        assertThat(unique.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .hasSizeLessThanOrEqualTo(255);
    }

    @Test
    void symlinkedFolderInTheWayIsRefused() throws IOException {
        Path outside = Files.createTempDirectory("qrbeam-outside");
        try {
            Files.createSymbolicLink(root.resolve("docs"), outside);
            Path target = SafePath.resolve(root, "docs/evil.txt");
            assertThatThrownBy(() -> SafePath.checkNoSymlinks(root, target))
                    .isInstanceOf(ManifestException.class)
                    .extracting(e -> ((ManifestException) e).code())
                    .isEqualTo("unsafe-path");
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void symlinkAtTheTargetItselfIsRefused() throws IOException {
        Files.createSymbolicLink(root.resolve("authorized_keys"), root.resolve("elsewhere"));
        Path target = SafePath.resolve(root, "authorized_keys");
        assertThatThrownBy(() -> SafePath.checkNoSymlinks(root, target)).isInstanceOf(ManifestException.class);
    }

    @Test
    void plainFoldersPassTheSymlinkCheck() throws IOException {
        Files.createDirectories(root.resolve("a/b"));
        SafePath.checkNoSymlinks(root, SafePath.resolve(root, "a/b/c.txt"));
        assertThatThrownBy(() -> SafePath.checkNoSymlinks(root, root.getParent()))
                .isInstanceOf(ManifestException.class);
    }
}
