// One page's session with the computer that shows the code: WebSocket to the relay (resuming its relay id),
// handshake v2 and claim (docs/protocol-transfer.md §2; the page is always the Noise initiator and claimer),
// admission, reconnects with a new handshake and the same token. What flows after admission depends on the code:
// the computer's first record is the manifest (it sends: a Receiving role, receive.js) or {"type":"receive"}
// (it receives: a Sending role, send.js, §6b). The role gets every other control record, chunk and Acknowledge.
import { fromBase64, toBase64, toBase64Url, utf8, fromUtf8, randomBytes } from './bytes.js';
import { loadReceiver, saveReceiver } from './storage.js';
import { ReceiverHandshake, HandshakeError, TOKEN_BYTES, MODE } from './handshake.js';
import { ControlCipher, SUITE } from './records.js';
import { envelope, parseFrame } from './wire.js';

const HANDSHAKE_RETRY_MS = 5000;
const CLAIM_WAIT_MS = 10000;
const FIRST_PAIRING_MS = 30000;
const MAX_RECONNECTS = 8;

/** Session states, mirrored on <body data-state>. */
export const State = Object.freeze({
  CONNECTING: 'connecting', PAIRING: 'pairing', PICK: 'pick', HASHING: 'hashing', SENDING: 'sending',
  READY: 'ready', RECEIVING: 'receiving', DONE: 'done', ERROR: 'error',
});

/**
 * @param code parsed pairing code (code.js)
 * @param roles { manifest(session) → Receiving, receive(session) → Sending }: made on the computer's first record
 * @param listener { state(s), error(sentence), role(kind, role) } — all optional
 */
export class Session {
  constructor(code, roles, listener, options = {}) {
    this.code = code;
    this.roles = roles;
    this.l = listener;
    this.WebSocket = options.WebSocket || globalThis.WebSocket;
    const saved = loadReceiver(code.senderId);
    this.token = saved ? saved.token : randomBytes(TOKEN_BYTES);
    this.claimed = saved ? saved.claimed : false; // once a claim left, always resume (protocol-transfer.md §2.2)
    this.state = null;
    this.ws = null;
    this.ownId = null;
    this.resumeToken = null;
    this.binary = false;
    this.reconnects = 0;
    this.pending = null;
    this.controls = null;
    this.keys = null;
    this.generation = 0;
    this.role = null;
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

  /** The page became visible again (screen unlocked): reconnect at once if the connection was lost meanwhile. */
  resumeVisible() {
    if (this.isTerminal()) return;
    if (!this.ws || this.ws.readyState > 1) {
      this.ws = null;
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
      this.dropKeys();
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
    const fromPeer = body.connectionid === this.code.senderId;
    switch (m.action) {
      case 'Connect':
        this.reconnects = 0;
        this.ownId = body.connectionid;
        this.resumeToken = body.resumetoken;
        this.binary = !!(body.limits && body.limits.binary);
        this.limits = body.limits || {};
        this.handshake();
        break;
      case 'Error':
        this.onRelayError(body.code);
        break;
      case 'Handshake':
        if (fromPeer) this.onHandshake(body);
        break;
      case 'Control':
        if (fromPeer) this.onControl(fromBase64(body.data));
        break;
      case 'Transfer':
        if (fromPeer && this.role && this.role.chunk) {
          const data = fromBase64(body.data);
          if (data) this.role.chunk(body.chunkid, body.chunktotal, body.chunkhash, data);
        }
        break;
      case 'Acknowledge':
        if (fromPeer && this.role && this.role.acknowledge && Array.isArray(body.missingchunkids)) {
          this.role.acknowledge(body.missingchunkids);
        }
        break;
      default:
        break;
    }
  }

  onBinary(buf) {
    const f = parseFrame(buf);
    if (f && f.from === this.code.senderId && this.role && this.role.chunk) {
      this.role.chunk(f.chunkId, f.chunkTotal, f.chunkHash, f.data);
    }
  }

  onRelayError(code) {
    if ((code === 'unknown-target' || code === 'peer-gone') && !this.everPaired && ++this.senderMissing >= 2) {
      this.fail('No computer is waiting for this code: it expired, was cancelled, or QRBeam was closed on the computer.');
    }
  }

  // ---- handshake

  /** Forgets the session keys (connection lost, new handshake): the role drops its chunk cipher too. */
  dropKeys() {
    this.controls = null;
    this.keys = null;
    this.pending = null;
    this.admitted = false;
    this.generation++;
    if (this.role && this.role.keysDropped) this.role.keysDropped();
  }

  handshake() {
    this.setState(this.everPaired ? this.state : State.PAIRING);
    this.dropKeys();
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
    let keys;
    try {
      keys = hs.readMessage2(fromBase64(body.data || ''));
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
    this.keys = keys;
    this.controls = new ControlCipher(SUITE.AES_GCM, keys.tx, keys.rx);
    this.claimed = true;
    saveReceiver(this.code.senderId, this.token, true); // before the claim leaves
    this.sendText(envelope('Control', { connectionid: this.code.senderId, data: toBase64(this.controls.seal(hs.claim())) }));
    this.claimSentAt = Date.now();
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
    this.admitted = true; // the first authenticated record after our claim: we are the paired device
    this.everPaired = true;
    switch (m.type) {
      case 'admitted': return;
      case 'replaced': this.fail('This transfer continued in another page or on another device.', false); return;
      case 'cancel': this.fail('The transfer was cancelled on the computer.', false); return;
      case 'failure': this.fail('The computer stopped the transfer: ' + printable(m.message || m.code) + '.', false); return;
      default: break;
    }
    if (!this.role && this.roles[m.type]) {
      this.role = this.roles[m.type](this);
      if (this.l.role) this.l.role(m.type, this.role);
    }
    if (this.role) this.role.control(m);
  }

  // ---- timers

  housekeeping() {
    if (this.isTerminal()) return;
    const now = Date.now();
    if (this.pending && this.ws && this.ws.readyState === 1) {
      if (!this.everPaired && now - this.startedAt > FIRST_PAIRING_MS) {
        this.fail('No computer answered for this code. It may have expired, or QRBeam was closed on the computer.');
        return;
      }
      if (now - this.pendingAt > HANDSHAKE_RETRY_MS) this.handshake();
    }
    if (this.controls && !this.admitted && now - this.claimSentAt > CLAIM_WAIT_MS && this.ws && this.ws.readyState === 1) {
      this.handshake(); // the claim or its answer got lost: pair again (as resuming: the claim may have arrived)
      return;
    }
    if (this.role && this.controls && this.admitted) this.role.tick(now);
  }

  // ---- plumbing for the roles

  /** True when records may be sent under admitted keys. */
  ready() {
    return !!(this.controls && this.admitted && this.ws && this.ws.readyState === 1);
  }

  sendControl(m) {
    if (!this.controls) return;
    const rec = this.controls.seal(utf8(JSON.stringify(m)));
    this.sendText(envelope('Control', { connectionid: this.code.senderId, data: toBase64(rec) }));
  }

  sendText(s) {
    if (this.ws && this.ws.readyState === 1) this.ws.send(s);
  }

  sendBytes(b) {
    if (this.ws && this.ws.readyState === 1) this.ws.send(b);
  }

  /** Bytes the browser still holds for the socket (0 without one). */
  buffered() {
    return this.ws ? this.ws.bufferedAmount : 0;
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

  /** Ends with a sentence for the user; tells the computer why (encrypted) if paired. */
  fail(sentence, tellPeer = true) {
    if (this.isTerminal()) return;
    if (tellPeer && this.controls && this.admitted) this.sendControl({ type: 'failure', code: 'PROTOCOL', message: sentence });
    this.error = sentence;
    if (this.l.error) this.l.error(sentence);
    this.setState(State.ERROR);
  }
}

/** Text from the other side, shown in the page: control characters and bidi overrides removed, capped. */
export function printable(s) {
  return String(s).replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '?').slice(0, 300);
}
