// The receiver's side of QRBeam's handshake v2 (docs/protocol-transfer.md §2; ReceiverHandshake.java):
// msg1 = Noise e + payload 0x02 ‖ mode (0 new, 1 resuming); msg2 = e, ee + 0x00 ‖ seed, or a refusal byte;
// keys = HKDF(seed, salt h, "qrbeam s2r v1" / "qrbeam r2s v1"); then the claim, the receiver's first control
// record: 0x00 ‖ token (new) or 0x01 ‖ HMAC(token, "qrbeam resume v1" ‖ h) (resuming).
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { Initiator } from './noise.js';
import { concat, utf8 } from './bytes.js';

export const TOKEN_BYTES = 16;
const PAYLOAD_VERSION = 2;
export const MODE = Object.freeze({ NEW: 0, RESUME: 1 });

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

const REFUSALS = {
  1: ['code-expired', 'This code has expired. Ask for a new one.'],
  2: ['code-used', 'This code was already used by another device. Ask for a new one.'],
  3: ['resume-unknown', 'The computer does not know this page yet.'],
};

/**
 * One handshake attempt of the receiver (Noise initiator). {@code message1()} → Request.qrhash;
 * {@code readMessage2(bytes)} → session keys { tx, rx, hash } or a HandshakeError; then {@code claim()} is the
 * plaintext of the first control record. {@code ephemeral} is for test vectors only.
 */
export class ReceiverHandshake {
  constructor(code, receiverId, token, mode, ephemeral) {
    this.token = token;
    this.mode = mode;
    this.noise = new Initiator(psk(code.secret), prologue(code, receiverId), ephemeral);
  }

  message1() {
    return this.noise.writeMessage1(Uint8Array.of(PAYLOAD_VERSION, this.mode));
  }

  readMessage2(message) {
    let payload;
    try {
      payload = this.noise.readMessage2(message);
    } catch (e) {
      throw new HandshakeError('handshake-failed',
        'The computer could not verify this code. Scan the whole QR code again, or ask for a new code.');
    }
    if (payload.length === 1 && REFUSALS[payload[0]]) {
      throw new HandshakeError(...REFUSALS[payload[0]]);
    }
    if (payload.length !== 33 || payload[0] !== 0) {
      throw new HandshakeError('handshake-malformed', 'The computer runs a QRBeam this page does not understand. Update QRBeam.');
    }
    const seed = payload.subarray(1);
    this.hash = this.noise.handshakeHash();
    return {
      hash: this.hash,
      tx: hkdf(sha256, seed, this.hash, utf8('qrbeam r2s v1'), 32),
      rx: hkdf(sha256, seed, this.hash, utf8('qrbeam s2r v1'), 32),
    };
  }

  /** The claim's plaintext (seal it as the first control record of the session). */
  claim() {
    if (this.mode === MODE.NEW) return concat(Uint8Array.of(0), this.token);
    return concat(Uint8Array.of(1), hmac(sha256, this.token, concat(utf8('qrbeam resume v1'), this.hash)));
  }
}
