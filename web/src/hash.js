// SHA-256 of a picked file, read in File.slice pieces: memory stays at one piece however large the file is.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export const PIECE = 4 * 1024 * 1024;

/** Reads bytes [start, end) of a Blob/File. */
export async function readSlice(file, start, end) {
  return new Uint8Array(await file.slice(start, end).arrayBuffer());
}

/**
 * Hex SHA-256 of {@code file}; {@code onBytes(n)} after each piece; {@code cancelled()} stops it (returns null).
 * Throws if the file cannot be read (removed, permission withdrawn).
 */
export async function hashFile(file, onBytes, cancelled = () => false) {
  const h = sha256.create();
  for (let off = 0; off < file.size; off += PIECE) {
    if (cancelled()) return null;
    h.update(await readSlice(file, off, Math.min(file.size, off + PIECE)));
    if (onBytes) onBytes(Math.min(file.size, off + PIECE));
  }
  return bytesToHex(h.digest());
}
