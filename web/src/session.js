// The phone as receiver of a desktop `send` code (ReceiveSession/ChunkIntake in the engine): handshake, manifest,
// resume with exactly the chunks of the files the user asked for, authenticated chunks kept in memory per file,
// whole-file SHA-256 check, done. Reconnects (resuming the relay id) with a new handshake and the same token.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { fromBase64, toBase64, toBase64Url, utf8, fromUtf8, randomBytes } from './bytes.js';
import { loadReceiver, saveReceiver } from './storage.js';
import { ReceiverHandshake, HandshakeError, TOKEN_BYTES, MODE } from './handshake.js';
import { ControlCipher, ChunkCipher, SUITE, checkChunkHash } from './records.js';
import { ChunkLayout } from './layout.js';
import { parseManifest } from './manifest.js';
import { envelope, parseFrame } from './wire.js';

const HANDSHAKE_RETRY_MS = 5000;
const CLAIM_WAIT_MS = 10000;
const FIRST_PAIRING_MS = 30000;
const CREDIT_BYTES = 768 * 1024;
const MAX_CHUNK_FAILURES = 8;
const MAX_ACK_IDS = 1024;
const MAX_RECONNECTS = 8;

/** Session states, mirrored on <body data-state>. */
export const State = Object.freeze({
  CONNECTING: 'connecting', PAIRING: 'pairing', READY: 'ready', RECEIVING: 'receiving', DONE: 'done', ERROR: 'error',
});

/**
 * @param code parsed pairing code (code.js)
 * @param listener { state(s), manifest(m), progress(fileIndex, bytes), file(fileIndex, blob), error(sentence),
 *                   refused(count) } — all optional
 */
export class ReceiveSession {
  constructor(code, listener, options = {}) {
    this.code = code;
    this.l = listener;
    this.WebSocket = options.WebSocket || globalThis.WebSocket;
    const saved = loadReceiver(code.senderId);
    this.token = saved ? saved.token : randomBytes(TOKEN_BYTES);
    this.claimed = saved ? saved.claimed : false; // once a claim left, always resume (protocol-transfer.md §2.2)
    this.state = null;
    this.ws = null;
    this.ownId = null;
    this.resumeToken = null;
    this.reconnects = 0;
    this.pending = null;
    this.controls = null;
    this.chunks = null;
    this.keys = null;
    this.manifest = null;
    this.layout = null;
    this.parts = null;
    this.partsEpoch = -1;
    this.epoch = null;
    this.wanted = new Set();
    this.files = [];
    this.requests = new Set();
    this.failures = new Map();
    this.credit = 0;
    this.lastChunk = -1;
    this.verified = 0;
    this.refused = 0;
    this.everPaired = false;
    this.senderMissing = 0;
    this.startedAt = Date.now();
    this.timer = null;
  }

  start() {
    this.setState(State.CONNECTING);
    this.connect();
    this.timer = setInterval(() => this.housekeeping(), 100);
  }

  // ---- user actions

  /** Asks the sender for file {@code i} (already checked against the memory limit by the UI). */
  want(i) {
    if (this.state === State.ERROR || this.files[i].blob || this.wanted.has(i)) return;
    this.wanted.add(i);
    this.setState(State.RECEIVING);
    this.sendControl({ type: 'stalled' }); // the sender answers with a sync, and we with the new wants
  }

  /** The page became visible again (screen unlocked): reconnect at once if the connection was lost meanwhile. */
  resumeVisible() {
    if (!this.isTerminal() && !this.ws) {
      this.reconnects = 0;
      this.connect();
    }
  }

  close() {
    clearInterval(this.timer);
    if (this.ws) this.ws.close();
  }

  // ---- connection

  connect() {
    const ws = new this.WebSocket(this.code.webSocketUrl);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onopen = () => {
      ws.send(this.ownId && this.resumeToken
        ? envelope('Connect', { connectionid: this.ownId, resumetoken: this.resumeToken })
        : envelope('Connect'));
    };
    ws.onmessage = (ev) => {
      if (ws !== this.ws) return;
      try {
        if (typeof ev.data === 'string') this.onText(ev.data); else this.onBinary(ev.data);
      } catch (e) {
        this.fail('Something went wrong in this page: ' + e.message);
      }
    };
    ws.onclose = () => {
      if (ws !== this.ws || this.isTerminal()) return;
      this.controls = null;
      this.chunks = null;
      this.pending = null;
      this.ws = null;
      if (++this.reconnects > MAX_RECONNECTS) {
        if (globalThis.document && document.visibilityState === 'hidden') return; // screen locked: see resumeVisible
        this.fail('The connection to the computer was lost. Check the Wi-Fi and scan the code again.');
        return;
      }
      setTimeout(() => { if (!this.isTerminal() && !this.ws) this.connect(); }, Math.min(4000, 250 * 2 ** this.reconnects));
    };
  }

  onText(text) {
    const m = JSON.parse(text);
    const body = m.message || {};
    switch (m.action) {
      case 'Connect':
        this.reconnects = 0;
        if (this.ownId && body.connectionid !== this.ownId) this.everPairedIdChanged = true;
        this.ownId = body.connectionid;
        this.resumeToken = body.resumetoken;
        this.handshake();
        break;
      case 'Error':
        this.onRelayError(body.code);
        break;
      case 'Handshake':
        if (body.connectionid === this.code.senderId) this.onHandshake(body);
        break;
      case 'Control':
        if (body.connectionid === this.code.senderId) this.onControl(fromBase64(body.data));
        break;
      case 'Transfer':
        if (body.connectionid === this.code.senderId) {
          const data = fromBase64(body.data);
          if (data) this.onChunk(body.chunkid, body.chunktotal, body.chunkhash, data);
        }
        break;
      default:
        break;
    }
  }

  onBinary(buf) {
    const f = parseFrame(buf);
    if (f && f.from === this.code.senderId) this.onChunk(f.chunkId, f.chunkTotal, f.chunkHash, f.data);
  }

  onRelayError(code) {
    if ((code === 'unknown-target' || code === 'peer-gone') && !this.everPaired && ++this.senderMissing >= 2) {
      this.fail('No computer is waiting for this code: it expired, was cancelled, or the sender closed QRBeam.');
    }
  }

  // ---- handshake

  handshake() {
    this.setState(this.everPaired ? this.state : State.PAIRING);
    this.controls = null;
    this.chunks = null;
    this.admitted = false;
    this.pending = new ReceiverHandshake(this.code, this.ownId, this.token, this.claimed ? MODE.RESUME : MODE.NEW);
    this.pendingAt = Date.now();
    const m1 = this.pending.message1();
    this.sendText(envelope('Request', { connectionid: this.code.senderId, qrhash: toBase64Url(m1), message: '' }));
  }

  onHandshake(body) {
    const hs = this.pending;
    if (!hs) return;
    if (body.error) {
      if (body.error === 'handshake-version' || body.error === 'handshake-malformed') {
        this.fail('The computer runs a QRBeam version this page does not work with. Update QRBeam on the computer.');
      } else if (!this.everPaired) {
        this.fail('The computer could not verify this code. Scan the whole QR code again, or ask for a new code.');
      }
      return;
    }
    try {
      this.keys = hs.readMessage2(fromBase64(body.data || ''));
    } catch (e) {
      this.pending = null;
      if (e instanceof HandshakeError && e.code === 'resume-unknown') { // our claim never arrived: pair as new
        this.claimed = false;
        saveReceiver(this.code.senderId, this.token, false);
        this.handshake();
      } else if (e instanceof HandshakeError && (e.code === 'code-used' || e.code === 'code-expired' || !this.everPaired)) {
        this.fail(e.message);
      }
      return;
    }
    this.pending = null;
    this.controls = new ControlCipher(SUITE.AES_GCM, this.keys.tx, this.keys.rx);
    this.claimed = true;
    saveReceiver(this.code.senderId, this.token, true); // before the claim leaves
    this.sendText(envelope('Control', { connectionid: this.code.senderId, data: toBase64(this.controls.seal(hs.claim())) }));
    this.claimSentAt = Date.now();
    this.parts = null;
    this.lastData = Date.now();
  }

  // ---- control

  onControl(record) {
    if (!this.controls || !record) return;
    let m;
    try {
      m = JSON.parse(fromUtf8(this.controls.open(record)));
    } catch (e) {
      return; // a record that does not authenticate is dropped (as the engine does)
    }
    this.lastData = Date.now();
    if (m.type === 'refused') {
      this.fail(m.code === 'code-expired' ? 'This code has expired. Ask for a new one.'
        : 'This code was already used by another device. Ask for a new one.');
      return;
    }
    if (!this.admitted) { // the first authenticated record after our claim: we are the receiver
      this.admitted = true;
      this.everPaired = true;
    }
    switch (m.type) {
      case 'direct': this.onDirect(m); break;
      case 'replaced': this.fail('This transfer continued in another page or on another device.'); break;
      case 'manifest': this.onManifestPart(m); break;
      case 'sync': if (Number.isInteger(m.epoch)) this.resume(m.epoch); break;
      case 'bye': if (this.allSaved()) this.setState(State.DONE); break;
      case 'cancel': this.fail('The sender cancelled the transfer.'); break;
      case 'failure': this.fail('The sender stopped the transfer: ' + (m.message || m.code) + '.'); break;
      default: break;
    }
  }

  onManifestPart(m) {
    if (!Number.isInteger(m.epoch) || !Number.isInteger(m.index) || !Number.isInteger(m.count) || typeof m.data !== 'string'
        || m.count < 1 || m.count > 10000 || m.index < 0 || m.index >= m.count) return;
    if (!this.parts || this.partsEpoch !== m.epoch || this.parts.length !== m.count) {
      this.parts = new Array(m.count).fill(null);
      this.partsEpoch = m.epoch;
    }
    this.parts[m.index] = m.data;
    if (this.parts.some((p) => p === null)) return;
    const json = this.parts.join('');
    this.parts = null;
    let man;
    try {
      man = parseManifest(json);
    } catch (e) {
      this.fail(e.message);
      return;
    }
    if (this.manifest && this.manifest.transferIdText !== man.transferIdText) {
      this.fail('The computer switched to a different transfer.');
      return;
    }
    if (!this.manifest) {
      this.manifest = man;
      this.layout = new ChunkLayout(man.files.map((f) => f.size), man.chunkSize);
      this.files = man.files.map((f, i) => ({ ...f, index: i, chunks: new Array(this.layout.count(i)).fill(null),
        have: 0, bytes: 0, blob: null }));
      this.setState(State.READY);
      if (this.l.manifest) this.l.manifest(man);
    }
    this.chunks = new ChunkCipher(SUITE.CHACHA, this.keys.tx, this.keys.rx, man.transferId);
    this.resume(m.epoch);
  }

  /** Tells the sender exactly which chunks to send: the missing ones of the wanted files. */
  resume(epoch) {
    if (!this.layout) return;
    this.epoch = epoch;
    const missing = [];
    for (const i of [...this.wanted].sort((a, b) => a - b)) {
      const f = this.files[i];
      if (f.blob) continue;
      const first = this.layout.first[i];
      let start = -1;
      for (let k = 0; k <= f.chunks.length; k++) {
        const gap = k < f.chunks.length && f.chunks[k] === null;
        if (gap && start < 0) start = k;
        if (!gap && start >= 0) { missing.push([first + start, first + k]); start = -1; }
      }
    }
    this.requests.clear();
    this.credit = 0;
    this.lastSync = Date.now();
    // suite: chunks of this session in ChaCha20-Poly1305 (pure-JS AES is several times slower); the sender fixes
    // it at the session's first resume
    const truncated = missing.length > 1000;
    this.sendControl({ type: 'resume', epoch, missing: missing.slice(0, 1000), truncated, suite: SUITE.CHACHA });
  }

  // ---- chunks

  onChunk(id, total, hash, record) {
    if (!this.chunks || this.isTerminal() || total !== this.layout.chunkTotal || !Number.isInteger(id) || id < 0 || id >= total) return;
    this.lastData = Date.now();
    const ref = this.layout.ref(id);
    const f = this.files[ref.fileIndex];
    const k = id - this.layout.first[ref.fileIndex];
    if (f.blob || f.chunks[k] !== null || !this.wanted.has(ref.fileIndex)) {
      this.creditFor(id, 0);
      return;
    }
    let plain;
    try {
      checkChunkHash(hash, record);
      plain = this.chunks.decrypt(ref, record);
    } catch (e) {
      if (e.code !== 'record-replay') this.refuse(id);
      return;
    }
    f.chunks[k] = plain;
    f.have++;
    f.bytes += plain.length;
    this.verified += plain.length;
    if (this.l.progress) this.l.progress(ref.fileIndex, f.bytes, this.wantedProgress());
    this.creditFor(id, plain.length);
    if (f.have === f.chunks.length) this.complete(f);
  }

  /** [received, total] bytes over the files asked for and not yet saved. */
  wantedProgress() {
    let have = 0;
    let total = 0;
    for (const i of this.wanted) {
      have += this.files[i].bytes;
      total += this.files[i].size;
    }
    return [have, total];
  }

  refuse(id) {
    this.refused++;
    if (this.l.refused) this.l.refused(this.refused);
    const n = (this.failures.get(id) || 0) + 1;
    this.failures.set(id, n);
    if (n > MAX_CHUNK_FAILURES) {
      this.fail('A piece of a file failed its integrity check ' + MAX_CHUNK_FAILURES + ' times; nothing was saved from it.');
      return;
    }
    this.requests.add(id);
  }

  creditFor(id, bytes) {
    this.lastChunk = id;
    this.credit += Math.max(bytes, 1);
    if (this.credit >= CREDIT_BYTES) this.sendCredit();
  }

  sendCredit() {
    this.credit = 0;
    this.sendControl({ type: 'progress', chunk: this.lastChunk, bytes: this.verified });
  }

  /** A file's chunks are all in: whole-file SHA-256 against the manifest before it is offered. */
  complete(f) {
    const h = sha256.create();
    for (const c of f.chunks) h.update(c);
    if (bytesToHex(h.digest()) !== f.sha256) {
      this.fail('"' + f.name + '" did not match its checksum after download; it was not saved.');
      return;
    }
    f.blob = new Blob(f.chunks, { type: 'application/octet-stream' });
    f.chunks = null;
    this.wanted.delete(f.index);
    if (this.l.file) this.l.file(f.index, f.blob);
    if (this.allSaved()) {
      this.sendControl({ type: 'done' });
      this.doneSentAt = Date.now();
    } else if (this.wanted.size === 0) {
      this.setState(State.READY);
    }
  }

  /** The sender offers direct downloads (no index), or answers our request with the file's URL path. */
  onDirect(m) {
    if (!Number.isInteger(m.index)) {
      this.directAvailable = true;
      if (this.l.directAvailable) this.l.directAvailable();
      return;
    }
    const f = this.files[m.index];
    if (!f || f.blob || typeof m.data !== 'string' || !/^\/d\/[A-Za-z0-9_-]{22}$/.test(m.data)) return;
    if (this.l.direct) this.l.direct(m.index, m.data);
    this.markSaved(m.index);
  }

  /** Asks the sender to offer file {@code i} as a native download from its built-in relay (not end-to-end encrypted). */
  wantDirect(i) {
    if (this.directAvailable && !this.files[i].blob) this.sendControl({ type: 'direct', index: i });
  }

  /** The UI saved a file another way (direct download): it counts as received. */
  markSaved(i) {
    this.files[i].blob = this.files[i].blob || true;
    this.files[i].chunks = null;
    if (this.allSaved()) {
      this.sendControl({ type: 'done' });
      this.doneSentAt = Date.now();
    }
  }

  allSaved() {
    return this.files.length > 0 && this.files.every((f) => f.blob);
  }

  // ---- timers

  housekeeping() {
    if (this.isTerminal()) return;
    const now = Date.now();
    if (this.doneSentAt) {
      if (now - this.doneSentAt > 3000) this.setState(State.DONE); // no bye: the sender got it or is gone
      return;
    }
    if (this.pending && this.ws && this.ws.readyState === 1) {
      if (!this.everPaired && now - this.startedAt > FIRST_PAIRING_MS) {
        this.fail('No computer answered for this code. It may have expired, or the sender closed QRBeam.');
        return;
      }
      if (now - this.pendingAt > HANDSHAKE_RETRY_MS) this.handshake();
    }
    if (this.controls && !this.admitted && now - this.claimSentAt > CLAIM_WAIT_MS && this.ws && this.ws.readyState === 1) {
      this.handshake(); // the claim or its answer got lost: pair again (as resuming: the claim may have arrived)
      return;
    }
    if (this.controls && this.credit > 0 && this.lastChunk >= 0) this.sendCredit();
    if (this.controls && this.requests.size > 0) {
      const ids = [...this.requests].sort((a, b) => a - b).slice(0, MAX_ACK_IDS);
      ids.forEach((id) => this.requests.delete(id));
      this.sendText(envelope('Acknowledge', { connectionid: this.code.senderId, success: false, missingchunkids: ids }));
    }
    if (this.controls && this.wanted.size > 0 && now - (this.lastData || 0) > 5000 && now - (this.lastSync || 0) > 5000) {
      this.lastSync = now;
      this.sendControl({ type: 'stalled' });
    }
  }

  // ---- plumbing

  sendControl(m) {
    if (!this.controls) return;
    const rec = this.controls.seal(utf8(JSON.stringify(m)));
    this.sendText(envelope('Control', { connectionid: this.code.senderId, data: toBase64(rec) }));
  }

  sendText(s) {
    if (this.ws && this.ws.readyState === 1) this.ws.send(s);
  }

  isTerminal() {
    return this.state === State.DONE || this.state === State.ERROR;
  }

  setState(s) {
    if (this.state === s || this.isTerminal()) return;
    this.state = s;
    if (s === State.DONE || s === State.ERROR) {
      clearInterval(this.timer);
      const ws = this.ws;
      this.ws = null;
      if (ws) setTimeout(() => ws.close(), 200);
    }
    if (this.l.state) this.l.state(s);
  }

  fail(sentence) {
    if (this.isTerminal()) return;
    if (this.controls) this.sendControl({ type: 'failure', code: 'PROTOCOL', message: sentence });
    this.error = sentence;
    if (this.l.error) this.l.error(sentence);
    this.setState(State.ERROR);
  }
}
