package dev.qrbeam.app.send;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Measures files and folders (walking folders, not following links). Disk work: off the FX thread. */
final class Sizes {
    private Sizes() {}

    static SelectedItem measure(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return new SelectedItem(path, false, Files.size(path));
        }
        long[] total = {0};
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    total[0] += attrs.size();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        return new SelectedItem(path, true, total[0]);
    }
}
