// The Noise state machine of QRBeam's handshake (initiator side), built on noble's audited primitives.
// Noise name "NoisePSK_NN_25519_ChaChaPoly_SHA256" as noise-java 0.1.1 implements it (revision-30 PSK mode):
//   h = SHA-256(name) (the name is longer than 32 bytes), ck = h; MixHash(prologue);
//   MixPreSharedKey(psk): ck, temp = HKDF(ck, psk); MixHash(temp);
//   every ephemeral public key written or read: MixHash(e) and, because a PSK is in use, MixKey(e).
// HKDF here is Noise's HKDF (HMAC-SHA256 chain), not RFC 5869 with info. ChaChaPoly nonce = 4 zero bytes ||
// little-endian 64-bit n; associated data = h.
import { x25519 } from '@noble/curves/ed25519.js';
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { hmac } from '@noble/hashes/hmac.js';
import { concat, utf8 } from './bytes.js';

export const PROTOCOL_NAME = 'NoisePSK_NN_25519_ChaChaPoly_SHA256';

/** Noise HKDF with two outputs. */
export function noiseHkdf(ck, ikm) {
  const temp = hmac(sha256, ck, ikm);
  const o1 = hmac(sha256, temp, Uint8Array.of(1));
  const o2 = hmac(sha256, temp, concat(o1, Uint8Array.of(2)));
  return [o1, o2];
}

function nonce(n) {
  const b = new Uint8Array(12);
  let v = n;
  for (let i = 4; i < 12; i++) { b[i] = v & 0xff; v = Math.floor(v / 256); }
  return b;
}

/** Noise SymmetricState (h, ck, k, n). */
export class SymmetricState {
  constructor(name) {
    const bytes = utf8(name);
    this.h = bytes.length <= 32 ? concat(bytes, new Uint8Array(32 - bytes.length)) : sha256(bytes);
    this.ck = this.h;
    this.k = null;
    this.n = 0;
  }

  mixHash(data) {
    this.h = sha256(concat(this.h, data));
  }

  mixKey(ikm) {
    const [ck, k] = noiseHkdf(this.ck, ikm);
    this.ck = ck;
    this.k = k;
    this.n = 0;
  }

  /** Revision-30 PSK mode (noise-java's NoisePSK_ prefix). */
  mixPreSharedKey(psk) {
    const [ck, temp] = noiseHkdf(this.ck, psk);
    this.ck = ck;
    this.mixHash(temp);
  }

  encryptAndHash(plaintext) {
    const c = this.k === null ? plaintext : chacha20poly1305(this.k, nonce(this.n++), this.h).encrypt(plaintext);
    this.mixHash(c);
    return c;
  }

  /** Throws NoiseAuthError when the ciphertext does not authenticate. */
  decryptAndHash(ciphertext) {
    let p = ciphertext;
    if (this.k !== null) {
      try {
        p = chacha20poly1305(this.k, nonce(this.n), this.h).decrypt(ciphertext);
      } catch (e) {
        throw new NoiseAuthError();
      }
      this.n++;
    }
    this.mixHash(ciphertext);
    return p;
  }
}

export class NoiseAuthError extends Error {
  constructor() {
    super('Noise message failed authentication');
    this.name = 'NoiseAuthError';
  }
}

/**
 * The initiator (the receiver of a QRBeam code) of NoisePSK_NN: message 1 = e + payload, message 2 = e, ee + payload.
 * {@code ephemeralPrivate} is for test vectors only; normally a fresh key is drawn.
 */
export class Initiator {
  constructor(psk, prologue, ephemeralPrivate) {
    this.ss = new SymmetricState(PROTOCOL_NAME);
    this.ss.mixHash(prologue);
    this.ss.mixPreSharedKey(psk);
    this.e = ephemeralPrivate || x25519.utils.randomSecretKey();
    this.step = 'write1';
  }

  writeMessage1(payload) {
    this.expect('write1');
    const pub = x25519.getPublicKey(this.e);
    this.ss.mixHash(pub);
    this.ss.mixKey(pub);
    const c = this.ss.encryptAndHash(payload);
    this.step = 'read2';
    return concat(pub, c);
  }

  readMessage2(message) {
    this.expect('read2');
    this.step = 'failed';
    if (!(message instanceof Uint8Array) || message.length < 48 || message.length > 512) {
      throw new Error('Handshake message 2 has an impossible length');
    }
    const re = message.subarray(0, 32);
    this.ss.mixHash(re);
    this.ss.mixKey(re);
    this.ss.mixKey(x25519.getSharedSecret(this.e, re));
    const payload = this.ss.decryptAndHash(message.subarray(32));
    this.step = 'done';
    return payload;
  }

  /** The handshake hash (after message 2). */
  handshakeHash() {
    this.expect('done');
    return this.ss.h;
  }

  expect(step) {
    if (this.step !== step) throw new Error('Handshake step ' + step + ' called in state ' + this.step);
  }
}
