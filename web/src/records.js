// Encrypted records, exactly as protocol/crypto (GcmRecords, ChunkCipher, ControlCipher):
//   record = counter (8, big-endian) || ciphertext || tag (16); nonce = domain (4, big-endian) || counter (8).
// Domains: 1 chunks, 2 control. Suites: AES-256-GCM (desktop default) or ChaCha20-Poly1305 (negotiated by phones).
import { gcm } from '@noble/ciphers/aes.js';
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concat, getI64, putU64, toBase64Url, utf8, equalBytes, fromBase64 } from './bytes.js';

export const OVERHEAD = 24;
export const DOMAIN = Object.freeze({ CHUNK: 1, CONTROL: 2 });
export const SUITE = Object.freeze({ AES_GCM: 'aes-256-gcm', CHACHA: 'chacha20-poly1305' });
const WINDOW = 4096;
const MAX_RECORDS = 2 ** 48;
const CONTROL_AD = utf8('qrbeam control v1');

/** A refused record; {@code code} is the Java RecordError's wire code. */
export class RecordError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** The 4096-record sliding replay window of one (key, domain), as ReplayWindow.java. */
export class ReplayWindow {
  constructor() {
    this.highest = -1;
    this.seen = new Set();
  }

  accept(counter) {
    if (counter > this.highest) {
      this.highest = counter;
      this.seen.add(counter);
      if (this.seen.size > 2 * WINDOW) {
        for (const c of this.seen) if (this.highest - c >= WINDOW) this.seen.delete(c);
      }
      return;
    }
    if (this.highest - counter >= WINDOW) throw new RecordError('record-too-old', 'Record ' + counter + ' is older than the replay window');
    if (this.seen.has(counter)) throw new RecordError('record-replay', 'Record ' + counter + ' was already received (replay)');
    this.seen.add(counter);
  }
}

function aead(suite, key, nonce, ad) {
  return suite === SUITE.CHACHA ? chacha20poly1305(key, nonce, ad) : gcm(key, nonce, ad);
}

function nonceOf(domain, counter) {
  const n = new Uint8Array(12);
  const v = new DataView(n.buffer);
  v.setUint32(0, domain);
  putU64(v, 4, counter);
  return n;
}

/** Records of one direction and one domain. Holds the counter (sealing) or the replay window (opening). */
export class Records {
  constructor(suite, key, domain) {
    this.suite = suite;
    this.key = key;
    this.domain = domain;
    this.counter = 0;
    this.window = new ReplayWindow();
  }

  seal(ad, plaintext) {
    if (this.counter >= MAX_RECORDS) throw new RecordError('record-exhausted', 'Session used up its nonces');
    const c = this.counter++;
    const head = new Uint8Array(8);
    putU64(new DataView(head.buffer), 0, c);
    return concat(head, aead(this.suite, this.key, nonceOf(this.domain, c), ad).encrypt(plaintext));
  }

  open(ad, record) {
    if (record.length < OVERHEAD) throw new RecordError('record-malformed', 'Record shorter than its overhead');
    const c = getI64(new DataView(record.buffer, record.byteOffset, 8), 0);
    if (!(c >= 0 && c < MAX_RECORDS)) throw new RecordError('record-malformed', 'Record counter out of range');
    let plain;
    try {
      plain = aead(this.suite, this.key, nonceOf(this.domain, c), ad).decrypt(record.subarray(8));
    } catch (e) {
      throw new RecordError('record-auth', 'Record failed authentication (tampered, moved, or not from this session)');
    }
    this.window.accept(c);
    return plain;
  }
}

/** Control records (AD "qrbeam control v1"). */
export class ControlCipher {
  constructor(suite, txKey, rxKey) {
    this.tx = new Records(suite, txKey, DOMAIN.CONTROL);
    this.rx = new Records(suite, rxKey, DOMAIN.CONTROL);
  }

  seal(plaintext) {
    return this.tx.seal(CONTROL_AD, plaintext);
  }

  open(record) {
    return this.rx.open(CONTROL_AD, record);
  }
}

/**
 * The 49-byte chunk associated data "QRB1" || transferId (16) || fileIndex (4) || chunkId (8) || chunkTotal (8) ||
 * offset (8) || last (1), from the receiver's own layout (never from the wire).
 */
export function chunkAd(transferId, ref) {
  const ad = new Uint8Array(49);
  const v = new DataView(ad.buffer);
  ad.set([0x51, 0x52, 0x42, 0x31], 0);
  ad.set(transferId, 4);
  v.setInt32(20, ref.fileIndex);
  putU64(v, 24, ref.chunkId);
  putU64(v, 32, ref.chunkTotal);
  putU64(v, 40, ref.offset);
  ad[48] = ref.last ? 1 : 0;
  return ad;
}

/** The chunk key of a suite: the direction key itself for AES-GCM, HKDF(key, "qrbeam chunk chacha20-poly1305 v1") for ChaCha. */
export function chunkKey(suite, key) {
  return suite === SUITE.CHACHA ? hkdf(sha256, key, undefined, utf8('qrbeam chunk chacha20-poly1305 v1'), 32) : key;
}

/** Chunk records of one session: decrypt (receiving) and encrypt (sending) with the chunk domain's nonces. */
export class ChunkCipher {
  constructor(suite, txKey, rxKey, transferId) {
    if (!(transferId instanceof Uint8Array) || transferId.length !== 16) throw new Error('transfer id must be 16 bytes');
    this.tx = new Records(suite, chunkKey(suite, txKey), DOMAIN.CHUNK);
    this.rx = new Records(suite, chunkKey(suite, rxKey), DOMAIN.CHUNK);
    this.transferId = transferId;
  }

  encrypt(ref, plaintext) {
    if (plaintext.length !== ref.length) throw new Error('plaintext length differs from the chunk length');
    return this.tx.seal(chunkAd(this.transferId, ref), plaintext);
  }

  /** Checks the record's length and authenticates it against the chunk the receiver expects at this id. */
  decrypt(ref, record) {
    if (record.length !== ref.length + OVERHEAD) {
      throw new RecordError('record-malformed', 'Chunk ' + ref.chunkId + ' record has ' + record.length
        + ' bytes, expected ' + (ref.length + OVERHEAD));
    }
    return this.rx.open(chunkAd(this.transferId, ref), record);
  }
}

/** The wire chunkhash: base64url of the record's 16-byte tag. */
export function chunkHash(record) {
  return toBase64Url(record.subarray(record.length - 16));
}

export function checkChunkHash(hash, record) {
  if (record.length < OVERHEAD) throw new RecordError('record-malformed', 'Chunk record too short');
  if (!equalBytes(fromBase64(hash), record.subarray(record.length - 16))) {
    throw new RecordError('record-hash', 'chunkhash does not match the chunk data');
  }
}
