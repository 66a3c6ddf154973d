// The page as receiver of a desktop `send` code (ReceiveSession/ChunkIntake in the engine), a role of Session:
// manifest, resume with exactly the chunks of the files the user asked for, authenticated chunks kept in memory per
// file, whole-file SHA-256 check, done.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { envelope } from './wire.js';
import { ChunkCipher, SUITE, checkChunkHash } from './records.js';
import { ChunkLayout } from './layout.js';
import { parseManifest } from './manifest.js';
import { State } from './session.js';

const CREDIT_BYTES = 768 * 1024;
const MAX_CHUNK_FAILURES = 8;
const MAX_ACK_IDS = 1024;

/**
 * @param session the paired Session
 * @param listener { manifest(m), progress(fileIndex, bytes, [have, total]), file(fileIndex, blob), refused(count),
 *                   directAvailable(), direct(fileIndex, path) } — all optional
 */
export class Receiving {
  constructor(session, listener) {
    this.s = session;
    this.l = listener;
    this.chunks = null;
    this.manifest = null;
    this.layout = null;
    this.parts = null;
    this.partsEpoch = -1;
    this.wanted = new Set();
    this.files = [];
    this.requests = new Set();
    this.failures = new Map();
    this.credit = 0;
    this.lastChunk = -1;
    this.verified = 0;
    this.refused = 0;
  }

  // ---- user actions

  /** Asks the sender for file {@code i} (already checked against the memory limit by the UI). */
  want(i) {
    if (this.s.isTerminal() || this.files[i].blob || this.wanted.has(i)) return;
    this.wanted.add(i);
    this.s.setState(State.RECEIVING);
    this.s.sendControl({ type: 'stalled' }); // the sender answers with a sync, and we with the new wants
  }

  /** Asks the sender to offer file {@code i} as a native download from its built-in relay (not end-to-end encrypted). */
  wantDirect(i) {
    if (this.directAvailable && !this.files[i].blob) this.s.sendControl({ type: 'direct', index: i });
  }

  /** The UI saved a file another way (direct download): it counts as received. */
  markSaved(i) {
    this.files[i].blob = this.files[i].blob || true;
    this.files[i].chunks = null;
    if (this.allSaved()) this.sendDone();
  }

  allSaved() {
    return this.files.length > 0 && this.files.every((f) => f.blob);
  }

  // ---- from the session

  keysDropped() {
    this.chunks = null;
    this.parts = null;
  }

  control(m) {
    switch (m.type) {
      case 'direct': this.onDirect(m); break;
      case 'manifest': this.onManifestPart(m); break;
      case 'sync': if (Number.isInteger(m.epoch)) this.resume(m.epoch); break;
      case 'bye': if (this.allSaved()) this.s.setState(State.DONE); break;
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
      this.s.fail(e.message);
      return;
    }
    if (this.manifest && this.manifest.transferIdText !== man.transferIdText) {
      this.s.fail('The computer switched to a different transfer.');
      return;
    }
    if (!this.manifest) {
      this.manifest = man;
      this.layout = new ChunkLayout(man.files.map((f) => f.size), man.chunkSize);
      this.files = man.files.map((f, i) => ({ ...f, index: i, chunks: new Array(this.layout.count(i)).fill(null),
        have: 0, bytes: 0, blob: null }));
      this.s.setState(State.READY);
      if (this.l.manifest) this.l.manifest(man);
    }
    this.chunks = new ChunkCipher(SUITE.CHACHA, this.s.keys.tx, this.s.keys.rx, man.transferId);
    this.resume(m.epoch);
  }

  /** Tells the sender exactly which chunks to send: the missing ones of the wanted files. */
  resume(epoch) {
    if (!this.layout || !this.chunks) return;
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
    this.s.sendControl({ type: 'resume', epoch, missing: missing.slice(0, 1000), truncated, suite: SUITE.CHACHA });
  }

  chunk(id, total, hash, record) {
    if (!this.chunks || this.s.isTerminal() || total !== this.layout.chunkTotal || !Number.isInteger(id) || id < 0 || id >= total) return;
    this.s.lastData = Date.now();
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
      this.s.fail('A piece of a file failed its integrity check ' + MAX_CHUNK_FAILURES + ' times; nothing was saved from it.');
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
    this.s.sendControl({ type: 'progress', chunk: this.lastChunk, bytes: this.verified });
  }

  /** A file's chunks are all in: whole-file SHA-256 against the manifest before it is offered. */
  complete(f) {
    const h = sha256.create();
    for (const c of f.chunks) h.update(c);
    if (bytesToHex(h.digest()) !== f.sha256) {
      this.s.fail('"' + f.name + '" did not match its checksum after download; it was not saved.');
      return;
    }
    f.blob = new Blob(f.chunks, { type: 'application/octet-stream' });
    f.chunks = null;
    this.wanted.delete(f.index);
    if (this.l.file) this.l.file(f.index, f.blob);
    if (this.allSaved()) {
      this.sendDone();
    } else if (this.wanted.size === 0) {
      this.s.setState(State.READY);
      if (this.l.idle) this.l.idle();
    }
  }

  sendDone() {
    this.s.sendControl({ type: 'done' });
    this.doneSentAt = Date.now();
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

  /** Session timer (admitted keys only): credit, re-requests, stalls, the end after done. */
  tick(now) {
    if (this.doneSentAt) {
      if (now - this.doneSentAt > 3000) this.s.setState(State.DONE); // no bye: the sender got it or is gone
      return;
    }
    if (this.credit > 0 && this.lastChunk >= 0) this.sendCredit();
    if (this.requests.size > 0) {
      const ids = [...this.requests].sort((a, b) => a - b).slice(0, MAX_ACK_IDS);
      ids.forEach((id) => this.requests.delete(id));
      this.s.sendText(envelope('Acknowledge', { connectionid: this.s.code.senderId, success: false, missingchunkids: ids }));
    }
    if (this.wanted.size > 0 && now - (this.s.lastData || 0) > 5000 && now - (this.lastSync || 0) > 5000) {
      this.lastSync = now;
      this.s.sendControl({ type: 'stalled' });
    }
  }
}
