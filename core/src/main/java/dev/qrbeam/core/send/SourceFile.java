package dev.qrbeam.core.send;

import java.nio.file.Path;

/**
 * One file to send, as snapshotted for the manifest.
 *
 * @param path where it is on disk
 * @param relativePath '/'-separated name under the transfer root (top-level source name first)
 * @param size bytes at snapshot time
 * @param modifiedMillis last-modified time at snapshot time
 * @param sha256 whole-file SHA-256 computed at snapshot time
 */
public record SourceFile(Path path, String relativePath, long size, long modifiedMillis, byte[] sha256) {}
