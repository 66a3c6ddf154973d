package dev.qrbeam.core.store;

/**
 * One file as the receiver stores it.
 *
 * @param relativePath sanitized, '/'-separated path under the destination
 * @param size declared size
 * @param sha256 declared whole-file SHA-256
 */
public record StoreFile(String relativePath, long size, byte[] sha256) {}
