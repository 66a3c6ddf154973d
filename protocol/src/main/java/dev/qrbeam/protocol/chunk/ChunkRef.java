package dev.qrbeam.protocol.chunk;

/**
 * Where one chunk lives: its global id, the file it belongs to and the byte range in that file. Produced by
 * {@link ChunkLayout}; the same values are bound into each chunk's AEAD associated data, so a chunk cannot be
 * moved to another position, file or transfer.
 *
 * @param fileIndex index of the file in the manifest's file list
 * @param chunkId global chunk id, {@code 0 <= chunkId < chunkTotal}
 * @param chunkTotal number of chunks in the whole transfer (the seed's {@code chunktotal})
 * @param offset byte offset of the chunk in its file
 * @param length plaintext length ({@code 0} only for the single chunk of an empty file)
 * @param last whether this is the last chunk of its file
 */
public record ChunkRef(int fileIndex, long chunkId, long chunkTotal, long offset, int length, boolean last) {
    public ChunkRef {
        if (fileIndex < 0 || chunkId < 0 || chunkTotal <= 0 || chunkId >= chunkTotal || offset < 0 || length < 0) {
            throw new IllegalArgumentException(
                    "Invalid chunk reference " + fileIndex + "/" + chunkId + "/" + chunkTotal);
        }
    }
}
