package dev.qrbeam.protocol.manifest;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One file of a transfer.
 *
 * @param path relative, '/'-separated path under the transfer root (checked with {@link SafePath#check})
 * @param size bytes
 * @param sha256 SHA-256 of the whole file, 64 lower-case hex digits
 * @param mtime last-modified time, milliseconds since the epoch (informational; the receiver may apply it)
 */
public record ManifestFile(
        @JsonProperty(value = "path", required = true) String path,
        @JsonProperty(value = "size", required = true) long size,
        @JsonProperty(value = "sha256", required = true) String sha256,
        @JsonProperty("mtime") long mtime) {}
