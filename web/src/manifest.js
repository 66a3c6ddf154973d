// The sender's manifest (ManifestCodec/ManifestValidator): checked again here before anything is shown or saved.
import { fromBase64 } from './bytes.js';

const MAX_FILES = 100000;
const MAX_TOTAL = 4 * 2 ** 40;

/** Parses and validates manifest JSON; throws an Error with a sentence on anything unusable. */
export function parseManifest(json) {
  let m;
  try {
    m = JSON.parse(json);
  } catch (e) {
    throw new Error('The file list from the computer is not readable.');
  }
  const bad = (why) => new Error('The file list from the computer was refused: ' + why + '.');
  if (!m || typeof m !== 'object' || m.version !== 1) throw bad('unknown version');
  const transferId = fromBase64(m.transferid);
  if (!transferId || transferId.length !== 16) throw bad('bad transfer id');
  if (!Number.isInteger(m.chunksize) || m.chunksize <= 0 || m.chunksize > 64 * 2 ** 20) throw bad('bad chunk size');
  if (!Array.isArray(m.files) || m.files.length > MAX_FILES) throw bad('bad file list');
  let total = 0;
  const seen = new Set();
  const files = m.files.map((f) => {
    if (!f || typeof f.path !== 'string' || !Number.isSafeInteger(f.size) || f.size < 0
        || typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256)) {
      throw bad('a file entry is incomplete');
    }
    if (f.path.length === 0 || f.path.length > 4096 || /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\\:]/.test(f.path)
        || f.path.split('/').some((p) => p === '' || p === '.' || p === '..')) {
      throw bad('unsafe file name');
    }
    const key = f.path.toLowerCase();
    if (seen.has(key)) throw bad('duplicate file name');
    seen.add(key);
    total += f.size;
    return { path: f.path, name: f.path.split('/').pop(), size: f.size, sha256: f.sha256 };
  });
  if (total > MAX_TOTAL) throw bad('too large');
  return { transferId, transferIdText: m.transferid, chunkSize: m.chunksize, files, totalBytes: total };
}

/**
 * The manifest JSON a sender writes (ManifestCodec.write: the same fields in the same order, so the Java side reads
 * exactly what it would have written). {@code files}: [{ path, size, sha256, mtime }] with safe, unique paths.
 */
export function writeManifest(transferIdText, chunkSize, files, folders = []) {
  return JSON.stringify({
    version: 1, transferid: transferIdText, chunksize: chunkSize, folders,
    files: files.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256, mtime: f.mtime })),
  });
}

export const MANIFEST_PART_CHARS = 16 * 1024;

/** Cuts manifest JSON into parts of at most 16 Ki UTF-16 units (as SendPump), never inside a surrogate pair. */
export function manifestParts(json) {
  const parts = [];
  let i = 0;
  do {
    let end = Math.min(json.length, i + MANIFEST_PART_CHARS);
    const c = json.charCodeAt(end - 1);
    if (end < json.length && c >= 0xd800 && c <= 0xdbff) end--;
    parts.push(json.slice(i, end));
    i = end;
  } while (i < json.length);
  return parts;
}
