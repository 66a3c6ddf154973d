package dev.qrbeam.core.send;

import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.TransferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the sender's chosen files and folders into {@link SourceFile}s (streaming SHA-256, never a whole file in
 * memory) plus the list of empty folders. Symbolic links inside folders are skipped, not followed.
 */
public final class SourceScanner {
    private static final int BUFFER = 1 << 20;

    /** Files and empty directories of one transfer, in manifest order. */
    public record Scan(List<SourceFile> files, List<String> emptyDirs) {}

    private SourceScanner() {}

    public static Scan scan(List<Path> sources) throws IOException {
        List<SourceFile> files = new ArrayList<>();
        List<String> emptyDirs = new ArrayList<>();
        Set<String> topNames = new HashSet<>();
        ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        for (Path source : sources) {
            Path abs = source.toAbsolutePath().normalize();
            if (!Files.exists(abs)) {
                throw new TransferException(FailureCode.IO, "no such file or folder: " + source);
            }
            String top = abs.getFileName() == null ? "root" : abs.getFileName().toString();
            if (!topNames.add(top)) {
                throw new TransferException(FailureCode.IO, "two sources have the same name: " + top);
            }
            if (Files.isDirectory(abs)) {
                walk(abs, top, files, emptyDirs, buf);
            } else if (Files.isRegularFile(abs)) {
                files.add(snapshot(abs, top, buf));
            } else {
                throw new TransferException(FailureCode.IO, "not a regular file or folder: " + source);
            }
        }
        return new Scan(files, emptyDirs);
    }

    private static void walk(Path root, String top, List<SourceFile> files, List<String> emptyDirs, ByteBuffer buf)
            throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                try (var entries = Files.list(dir)) {
                    if (entries.findAny().isEmpty()) {
                        emptyDirs.add(relative(root, top, dir));
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    files.add(snapshot(file, relative(root, top, file), buf));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String relative(Path root, String top, Path p) {
        StringBuilder b = new StringBuilder(top);
        for (Path seg : root.relativize(p)) {
            if (!seg.toString().isEmpty()) {
                b.append('/').append(seg);
            }
        }
        return b.toString();
    }

    /** Hashes one file and records its size and modification time. */
    static SourceFile snapshot(Path file, String relative, ByteBuffer buf) throws IOException {
        long size = Files.size(file);
        long mtime = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis();
        MessageDigest md = sha256();
        long read = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            buf.clear();
            int n;
            while ((n = ch.read(buf)) >= 0) {
                read += n;
                if (!buf.hasRemaining()) {
                    buf.flip();
                    md.update(buf);
                    buf.clear();
                }
            }
            buf.flip();
            md.update(buf);
        }
        if (read != size
                || Files.size(file) != size
                || Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis() != mtime) {
            throw new TransferException(FailureCode.SOURCE_CHANGED, "file changed while it was being read: " + file);
        }
        return new SourceFile(file, relative, size, mtime, md.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
