package dev.qrbeam.core.api;

import java.time.Duration;
import java.util.List;

/**
 * An immutable snapshot of a transfer, delivered to {@link TransferListener}s.
 *
 * @param state overall state
 * @param totalBytes sum of all file sizes from the manifest (0 before the manifest is known)
 * @param bytesDone bytes verified/acknowledged so far
 * @param bytesPerSecond moving-average rate
 * @param eta estimated remaining time, or null when unknown
 * @param chunksResent chunks sent (or requested) again after loss
 * @param bytesResent data bytes sent more than once (sender), or bytes of records that failed and had to come
 *     again (receiver); pieces (docs/protocol-transfer.md §5) keep this far below {@code chunksResent × chunk size}
 * @param files per-file progress, in manifest order
 * @param failure the reason when state is FAILED or CANCELLED, otherwise null
 */
public record TransferProgress(
        TransferState state,
        long totalBytes,
        long bytesDone,
        double bytesPerSecond,
        Duration eta,
        long chunksResent,
        long bytesResent,
        List<FileProgress> files,
        TransferFailure failure) {
    public TransferProgress {
        files = List.copyOf(files);
    }

    public double fraction() {
        return totalBytes <= 0 ? 0 : Math.min(1.0, (double) bytesDone / totalBytes);
    }
}
