// The receiver's side of QRBeam's handshake (protocol/crypto/Handshake.java): PSK = HKDF(secret, "qrbeam psk v1"),
// prologue = length-prefixed "qrbeam handshake", version, relay base, sender id, receiver id.
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { Initiator } from './noise.js';
import { concat, utf8 } from './bytes.js';

export const TOKEN_BYTES = 16;

/** A refusal or failure the user should read; {@code code} matches the Java HandshakeError codes. */
export class HandshakeError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

export function prologue(code, receiverId) {
  const fields = ['qrbeam handshake', String(code.version), code.relayBase, code.senderId, receiverId].map(utf8);
  return concat(...fields.map((f) => concat(Uint8Array.of(f.length >> 8, f.length & 0xff), f)));
}

export function psk(secret) {
  return hkdf(sha256, secret, undefined, utf8('qrbeam psk v1'), 32);
}

/**
 * One handshake attempt of the receiver (Noise initiator). {@code message1()} → Request.qrhash;
 * {@code readMessage2(bytes)} → session keys { tx, rx, hash } or a HandshakeError.
 */
export class ReceiverHandshake {
  constructor(code, receiverId, token, ephemeral) {
    this.token = token;
    this.noise = new Initiator(psk(code.secret), prologue(code, receiverId), ephemeral);
  }

  message1() {
    return this.noise.writeMessage1(concat(Uint8Array.of(1), this.token));
  }

  readMessage2(message) {
    let payload;
    try {
      payload = this.noise.readMessage2(message);
    } catch (e) {
      throw new HandshakeError('handshake-failed',
        'The computer did not accept this code: it does not match (was the whole code scanned?).');
    }
    if (payload.length === 1 && payload[0] === 1) {
      throw new HandshakeError('code-expired', 'This code has expired. Ask for a new one.');
    }
    if (payload.length === 1 && payload[0] === 2) {
      throw new HandshakeError('code-used', 'This code was already used by another device. Ask for a new one.');
    }
    if (payload.length !== 33 || payload[0] !== 0) {
      throw new HandshakeError('handshake-malformed', 'The computer answered with something this page does not understand.');
    }
    const seed = payload.subarray(1);
    const h = this.noise.handshakeHash();
    return {
      hash: h,
      tx: hkdf(sha256, seed, h, utf8('qrbeam r2s v1'), 32),
      rx: hkdf(sha256, seed, h, utf8('qrbeam s2r v1'), 32),
    };
  }
}
