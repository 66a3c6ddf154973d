package dev.qrbeam.core.store;

import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.TransferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Creates directories under a root without following symlinks. A last line of defence behind the manifest name
 * sanitizer: any segment that is empty, "." or ".." or contains a separator is refused, and every existing
 * component must be a real directory.
 */
final class SafeDirs {
    private SafeDirs() {}

    /** Resolves {@code relative} ('/'-separated) under {@code root}, checking each segment. */
    static Path resolve(Path root, String relative) throws TransferException {
        Path p = root;
        for (String seg : relative.split("/", -1)) {
            if (seg.isEmpty()
                    || seg.equals(".")
                    || seg.equals("..")
                    || seg.indexOf('\\') >= 0
                    || seg.indexOf('\0') >= 0
                    || seg.contains(root.getFileSystem().getSeparator())) {
                throw new TransferException(
                        FailureCode.PROTOCOL, "refused unsafe path in manifest: " + printable(relative));
            }
            p = p.resolve(seg);
        }
        if (!p.normalize().startsWith(root.normalize()) || p.equals(root)) {
            throw new TransferException(
                    FailureCode.PROTOCOL, "refused path outside the folder: " + printable(relative));
        }
        return p;
    }

    /** Creates {@code dir} and its parents up to {@code root}; refuses if any of them is a symlink or a file. */
    static void create(Path root, Path dir) throws IOException {
        Path rel = root.relativize(dir);
        Path p = root;
        for (Path seg : rel) {
            p = p.resolve(seg);
            if (Files.isSymbolicLink(p)) {
                throw new TransferException(FailureCode.IO, "refused to write through a symbolic link: " + p);
            }
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(p);
            } else if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new TransferException(FailureCode.IO, "a file is in the way of folder " + p);
            }
        }
    }

    static String printable(String s) {
        return dev.qrbeam.protocol.manifest.SafePath.printable(s);
    }
}
