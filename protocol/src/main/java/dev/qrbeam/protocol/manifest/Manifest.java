package dev.qrbeam.protocol.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.qrbeam.protocol.chunk.ChunkLayout;
import dev.qrbeam.protocol.pairing.Base64Url;
import java.util.List;

/**
 * What a transfer contains; sent first, encrypted, in {@code Control} messages (never in the clear).
 *
 * <pre>
 * {"version":1,"transferid":"&lt;22 base64url&gt;","chunksize":1048576,
 *  "folders":["photos","photos/empty"],
 *  "files":[{"path":"photos/a.jpg","size":123,"sha256":"&lt;64 hex&gt;","mtime":1764150000000}]}
 * </pre>
 *
 * <p>File index = position in {@code files}; chunk ids follow {@link #layout()}. {@code folders} lists folders to
 * create (needed for empty ones; parents of files are implied). The transfer id (16 random bytes) stays the same
 * across reconnects and restarts, and is bound into every chunk's AEAD associated data. Validate untrusted
 * manifests with {@link ManifestCodec#read} or {@link ManifestValidator}.
 */
public record Manifest(
        @JsonProperty(value = "version", required = true) int version,
        @JsonProperty(value = "transferid", required = true) String transferId,
        @JsonProperty(value = "chunksize", required = true) int chunkSize,
        @JsonProperty("folders") List<String> folders,
        @JsonProperty(value = "files", required = true) List<ManifestFile> files) {
    public static final int VERSION = 1;

    public Manifest {
        folders = folders == null ? List.of() : List.copyOf(folders);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** The 16-byte transfer id (for {@code ChunkCipher}); throws {@code bad-manifest} if not 22 base64url chars. */
    @JsonIgnore
    public byte[] transferIdBytes() {
        byte[] id = Base64Url.decodeOrNull(transferId);
        if (id == null || id.length != 16) {
            throw new ManifestException(ManifestException.BAD, "transferid must be 22 base64url characters");
        }
        return id;
    }

    /** Sum of all file sizes (saturating at {@code Long.MAX_VALUE}). */
    @JsonIgnore
    public long totalBytes() {
        long sum = 0;
        for (ManifestFile f : files) {
            sum = f.size() > Long.MAX_VALUE - sum ? Long.MAX_VALUE : sum + f.size();
        }
        return sum;
    }

    /** The chunk layout of this transfer (global chunk ids in file order). */
    @JsonIgnore
    public ChunkLayout layout() {
        long[] sizes = new long[files.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = files.get(i).size();
        }
        return new ChunkLayout(sizes, chunkSize);
    }
}
