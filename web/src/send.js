// The page as sender to a code-less desktop `receive` (docs/protocol-transfer.md §6b), a role of Session: the
// computer's first record is {"type":"receive","chunksize":N}; the page hashes the picked files (File.slice pieces),
// sends the manifest in parts, waits for `resume` (missing ranges, suite), streams chunk records of File.slice
// within the window, answers `stalled`, `progress` and Acknowledge like SendSession, and ends on `done`.
// Reload: the manifest and the files' (name, size, lastModified) stay in sessionStorage; the same files picked
// again continue the same transfer, sending only what the computer's `resume` lists.
import { toBase64, toBase64Url, randomBytes } from './bytes.js';
import { envelope, encodeFrame } from './wire.js';
import { ChunkCipher, SUITE, chunkHash } from './records.js';
import { ChunkLayout } from './layout.js';
import { parseManifest, writeManifest, manifestParts } from './manifest.js';
import { uniqueNames } from './names.js';
import { hashFile, readSlice, PIECE } from './hash.js';
import { SendPlan } from './plan.js';
import { saveUpload, loadUpload, clearUpload } from './storage.js';
import { State, printable } from './session.js';
import { formatBytes } from './limits.js';

const WINDOW_BYTES = 3 * 1024 * 1024; // as the engine's default (EngineConfig windowBytes)
const MAX_BUFFERED = 4 * 1024 * 1024; // WebSocket bytes the browser may hold before the page waits
const MAX_RESENDS = 20;
const MIN_CHUNK = 4096;
const MAX_CHUNK = 16 * 1024 * 1024;

/**
 * @param session the paired Session
 * @param listener { pick(saved), hashing(done, total), progress(verified, total, sent), done(), mismatch(sentence) }
 */
export class Sending {
  constructor(session, listener) {
    this.s = session;
    this.l = listener;
    this.saved = loadUpload(session.code.senderId); // a reloaded page: the transfer to continue
    this.chunkSize = 0;
    this.files = null;
    this.json = null;
    this.layout = null;
    this.plan = null;
    this.cipher = null;
    this.epoch = 0;
    this.awaiting = false;
    this.answered = false;
    this.syncedGeneration = -1;
    this.syncAt = 0;
    this.syncAttempts = 0;
    this.lastSend = 0;
    this.pumping = false;
    this.piece = null;
    this.verified = 0;
    this.sentFirst = 0;
  }

  /** The files of the transfer to continue after a reload ({ name, size } each), or null. */
  savedFiles() {
    return this.saved ? this.saved.files : null;
  }

  // ---- user action

  /**
   * Starts sending {@code picked} (File objects). After a reload they must be the files picked before (matched by
   * name, size and last-modified time); otherwise the listener's mismatch() says which, and nothing starts.
   */
  async send(picked) {
    if (this.files || this.s.isTerminal()) return;
    const list = [...picked];
    if (this.saved && parseManifest(this.saved.manifest).chunkSize !== this.chunkSize) {
      this.saved = null; // the computer now asks for other pieces (another relay): this is a new transfer
    }
    if (this.saved) {
      const order = matchFiles(this.saved.files, list);
      if (typeof order === 'string') {
        if (this.l.mismatch) this.l.mismatch(order);
        return;
      }
      this.files = order;
      this.useManifest(this.saved.manifest);
    } else {
      if (list.length === 0) return;
      this.files = list;
      this.s.setState(State.HASHING);
      const total = list.reduce((n, f) => n + f.size, 0);
      let before = 0;
      const entries = [];
      const paths = uniqueNames(list.map((f) => f.name));
      for (let i = 0; i < list.length; i++) {
        let hex;
        try {
          hex = await hashFile(list[i], (n) => { if (this.l.hashing) this.l.hashing(before + n, total); }, () => this.s.isTerminal());
        } catch (e) {
          this.unreadable(list[i]);
          return;
        }
        if (hex === null) return;
        before += list[i].size;
        entries.push({ path: paths[i], size: list[i].size, sha256: hex, mtime: list[i].lastModified || 0 });
      }
      const json = writeManifest(toBase64Url(randomBytes(16)), this.chunkSize, entries);
      saveUpload(this.s.code.senderId, {
        manifest: json, files: list.map((f) => ({ name: f.name, size: f.size, lastModified: f.lastModified })),
      });
      this.useManifest(json);
    }
    this.s.setState(State.SENDING);
    if (this.s.ready()) this.requestSync();
  }

  useManifest(json) {
    const m = parseManifest(json);
    this.json = json;
    this.manifest = m;
    this.layout = new ChunkLayout(m.files.map((f) => f.size), m.chunkSize);
    this.plan = new SendPlan(this.layout.chunkTotal, WINDOW_BYTES);
    this.total = m.totalBytes;
  }

  // ---- from the session

  keysDropped() {
    this.cipher = null;
    this.awaiting = false;
    this.answered = false;
  }

  control(m) {
    switch (m.type) {
      case 'receive':
        if (!this.chunkSize) {
          this.chunkSize = offeredChunkSize(m.chunksize);
          if (!this.chunkSize) {
            this.s.fail('The computer asked for pieces of an unusable size (' + printable(m.chunksize)
              + '). Update QRBeam on the computer.');
            return;
          }
        }
        if (!this.announced) {
          this.announced = true;
          this.s.setState(this.files ? this.s.state : State.PICK);
          if (this.l.pick) this.l.pick(this.savedFiles());
        }
        // an offer repeated while our manifest is on its way needs no second manifest
        if (this.json && !(this.awaiting && this.syncedGeneration === this.s.generation && Date.now() - this.syncAt < 1000)) {
          this.requestSync();
        }
        break;
      case 'resume': this.onResume(m); break;
      case 'progress':
        if (Number.isInteger(m.chunk) && this.plan) this.plan.reached(m.chunk);
        if (Number.isSafeInteger(m.bytes)) this.verified = Math.max(this.verified, m.bytes);
        this.report();
        this.pump();
        break;
      case 'stalled': this.requestSync(); break;
      case 'done':
        if (!this.json) break;
        this.s.sendControl({ type: 'bye' });
        this.verified = this.total;
        this.report();
        clearUpload(this.s.code.senderId);
        this.s.setState(State.DONE);
        break;
      default: break;
    }
  }

  acknowledge(ids) {
    if (!this.plan || !ids.every((id) => Number.isInteger(id) && id >= 0 && id < this.layout.chunkTotal) || ids.length > 1024) return;
    const worst = this.plan.request(ids);
    if (worst > MAX_RESENDS) {
      this.s.fail('The computer kept refusing a piece of a file (' + worst + ' times); the transfer was stopped.');
      return;
    }
    this.pump();
  }

  onResume(m) {
    if (!this.plan || m.epoch !== this.epoch || !this.awaiting || !Array.isArray(m.missing)) return;
    if (!this.cipher) { // the session's first resume fixes the chunk suite (protocol-transfer.md §3)
      const suite = m.suite === SUITE.CHACHA ? SUITE.CHACHA : SUITE.AES_GCM;
      this.cipher = new ChunkCipher(suite, this.s.keys.tx, this.s.keys.rx, this.manifest.transferId);
      this.cipherGeneration = this.s.generation;
    }
    this.plan.reset(m.missing, m.truncated === true);
    this.awaiting = false;
    this.answered = true;
    this.syncAttempts = 0;
    this.pump();
  }

  /** Asks the computer what it lacks: the whole manifest until it answered one under these keys, else a `sync`. */
  requestSync() {
    if (!this.json || !this.s.ready()) return;
    this.epoch++;
    this.awaiting = true;
    this.syncAt = Date.now();
    this.syncAttempts++;
    this.syncedGeneration = this.s.generation;
    if (!this.answered) {
      const parts = manifestParts(this.json);
      parts.forEach((data, index) => this.s.sendControl({ type: 'manifest', epoch: this.epoch, index, count: parts.length, data }));
    } else {
      this.s.sendControl({ type: 'sync', epoch: this.epoch });
    }
  }

  tick(now) {
    if (!this.json || this.s.state === State.DONE) return;
    if (this.syncedGeneration !== this.s.generation) {
      if (now - this.s.claimSentAt > 1000) this.requestSync(); // admitted, but its `receive` got lost
      return;
    }
    if (this.awaiting) {
      if (now - this.syncAt > Math.min(15000, 1000 * 2 ** Math.min(this.syncAttempts, 4))) this.requestSync();
    } else if ((!this.plan.hasWork() || !this.plan.windowOpen()) && now - this.lastSend > 2000 && now - this.syncAt > 2000) {
      this.requestSync();
    } else {
      this.pump();
    }
  }

  // ---- streaming

  /** Sends wanted chunks while the window is open; one loop at a time, stopped by anything that changes the session. */
  async pump() {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.cipher && !this.awaiting && this.plan.hasWork() && this.plan.windowOpen() && this.s.ready()
          && !this.s.isTerminal()) {
        if (this.s.buffered() > MAX_BUFFERED) {
          await new Promise((r) => setTimeout(r, 5));
          continue;
        }
        const id = this.plan.take();
        const ref = this.layout.ref(id);
        const generation = this.s.generation;
        let plain;
        try {
          plain = await this.read(ref);
        } catch (e) {
          this.unreadable(this.files[ref.fileIndex]);
          return;
        }
        if (generation !== this.s.generation || !this.cipher || this.cipherGeneration !== generation || this.awaiting) {
          this.plan.putBack(id);
          return;
        }
        this.sendChunk(ref, this.cipher.encrypt(ref, plain));
        this.lastSend = Date.now();
        if (!this.plan.sent(id, ref.length)) this.sentFirst += ref.length;
      }
    } finally {
      this.pumping = false;
    }
  }

  sendChunk(ref, record) {
    const to = this.s.code.senderId;
    const hash = chunkHash(record);
    if (this.s.binary) {
      this.s.sendBytes(encodeFrame(to, ref.chunkId, ref.chunkTotal, hash, record));
    } else {
      this.s.sendText(envelope('Transfer', { connectionid: to, chunkid: ref.chunkId, chunktotal: ref.chunkTotal,
        chunkhash: hash, data: toBase64(record) }));
    }
  }

  /** The chunk's bytes from its file, through one read-ahead piece (memory: one piece, whatever the file size). */
  async read(ref) {
    const file = this.files[ref.fileIndex];
    const p = this.piece;
    if (p && p.index === ref.fileIndex && ref.offset >= p.start && ref.offset + ref.length <= p.end) {
      return p.bytes.subarray(ref.offset - p.start, ref.offset - p.start + ref.length);
    }
    const size = Math.max(ref.length, Math.floor(PIECE / this.layout.chunkSize) * this.layout.chunkSize);
    const end = Math.min(file.size, ref.offset + size);
    const bytes = await readSlice(file, ref.offset, end);
    if (bytes.length !== end - ref.offset) throw new Error('short read');
    this.piece = { index: ref.fileIndex, start: ref.offset, end, bytes };
    return bytes.subarray(0, ref.length);
  }

  unreadable(file) {
    this.s.fail('"' + file.name + '" can no longer be read on this phone (changed, moved or deleted). Nothing incomplete'
      + ' was saved on the computer; pick the files again to send them.');
  }

  report() {
    if (this.l.progress && this.total !== undefined) this.l.progress(this.verified, this.total, this.sentFirst);
  }
}

/**
 * The chunk size of the computer's {"type":"receive","chunksize":N} (ReceiveOffer.chunkSize: a multiple of 4096 from
 * 4 KiB to 16 MiB, which the manifest must use), or 0 if it is not one.
 */
export function offeredChunkSize(n) {
  return Number.isInteger(n) && n >= MIN_CHUNK && n <= MAX_CHUNK && n % 4096 === 0 ? n : 0;
}

/**
 * Orders a new pick by the files of a saved transfer (name, size and lastModified equal); returns the ordered files,
 * or a sentence naming what is missing.
 */
export function matchFiles(saved, picked) {
  const left = [...picked];
  const out = [];
  const missing = [];
  for (const s of saved) {
    const k = left.findIndex((f) => f.name === s.name && f.size === s.size && f.lastModified === s.lastModified);
    if (k < 0) missing.push(s.name + ' (' + formatBytes(s.size) + ')');
    else out.push(left.splice(k, 1)[0]);
  }
  if (missing.length > 0) {
    return 'These files are not the ones this transfer started with. Pick exactly these again: ' + missing.join(', ') + '.';
  }
  if (left.length > 0) {
    return 'Pick only the ' + saved.length + (saved.length === 1 ? ' file' : ' files') + ' this transfer started with: '
      + saved.map((s) => s.name).join(', ') + '.';
  }
  return out;
}

