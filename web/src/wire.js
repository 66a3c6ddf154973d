// The relay's wire format (docs/protocol.md): JSON envelopes and the binary Transfer frame (§7).
import { getI64, putU64 } from './bytes.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

export function envelope(action, message) {
  return message === undefined ? JSON.stringify({ action }) : JSON.stringify({ action, message });
}

/** Parses a binary Transfer frame; returns null for anything that is not one (the relay validated it already). */
export function parseFrame(buf) {
  const b = new Uint8Array(buf);
  if (b.length < 23 || b[0] !== 0x51 || b[1] !== 0x42 || b[2] !== 1 || b[3] !== 1) return null;
  const n = b[4];
  if (n < 1 || n > 64 || b.length < 22 + n) return null;
  const v = new DataView(b.buffer, b.byteOffset, b.length);
  const from = dec.decode(b.subarray(5, 5 + n));
  const chunkId = getI64(v, 5 + n);
  const chunkTotal = getI64(v, 13 + n);
  const m = b[21 + n];
  if (b.length < 22 + n + m) return null;
  const chunkHash = dec.decode(b.subarray(22 + n, 22 + n + m));
  return { from, chunkId, chunkTotal, chunkHash, data: b.subarray(22 + n + m) };
}

/** Builds a binary Transfer frame for {@code to} around {@code record}. */
export function encodeFrame(to, chunkId, chunkTotal, chunkHash, record) {
  const id = enc.encode(to);
  const hash = enc.encode(chunkHash);
  const out = new Uint8Array(22 + id.length + hash.length + record.length);
  const v = new DataView(out.buffer);
  out.set([0x51, 0x42, 1, 1, id.length]);
  out.set(id, 5);
  putU64(v, 5 + id.length, chunkId);
  putU64(v, 13 + id.length, chunkTotal);
  out[21 + id.length] = hash.length;
  out.set(hash, 22 + id.length);
  out.set(record, 22 + id.length + hash.length);
  return out;
}
