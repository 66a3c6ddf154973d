package dev.qrbeam.core.api;

/**
 * Progress of one file of a transfer.
 *
 * @param relativePath the sanitized path relative to the transfer root, with '/' separators
 * @param size declared size in bytes
 * @param bytesDone bytes verified (receiver) or acknowledged (sender)
 * @param state per-file state; DONE only once the whole-file hash verified and the file is in place
 */
public record FileProgress(String relativePath, long size, long bytesDone, TransferState state) {}
