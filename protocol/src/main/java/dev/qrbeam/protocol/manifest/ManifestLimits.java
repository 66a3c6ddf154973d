package dev.qrbeam.protocol.manifest;

/**
 * Bounds a receiver applies to an untrusted manifest (a sender applies them to what it is about to send).
 *
 * @param maxFiles most files per transfer
 * @param maxFolders most folder entries per transfer
 * @param maxTotalBytes most bytes in all files together
 */
public record ManifestLimits(int maxFiles, int maxFolders, long maxTotalBytes) {
    /** 100,000 files, 100,000 folders, 4 TiB. Paths are bounded by {@link SafePath} (255 bytes a name, 4096 in all). */
    public static final ManifestLimits DEFAULT = new ManifestLimits(100_000, 100_000, 4L << 40);
}
