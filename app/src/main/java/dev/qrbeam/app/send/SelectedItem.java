package dev.qrbeam.app.send;

import java.nio.file.Path;

/**
 * A file or folder the user picked to send.
 *
 * @param path absolute path
 * @param folder whether it is a folder
 * @param size total bytes (a folder's sum), or -1 while still being measured
 */
public record SelectedItem(Path path, boolean folder, long size) {
    public String name() {
        Path n = path.getFileName();
        return n == null ? path.toString() : n.toString();
    }
}
