// The page's connection rules (session.js) with a stand-in WebSocket: a screen lock that outlasts the reconnect
// attempts leaves the page waiting (not failed), and showing the page again reconnects at once, resuming its relay id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, State } from '../src/session.js';

class FakeSocket {
  static all = [];

  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    this.bufferedAmount = 0;
    FakeSocket.all.push(this);
  }

  open() {
    this.readyState = 1;
    this.onopen();
  }

  send(m) {
    this.sent.push(m);
  }

  drop() {
    this.readyState = 3;
    this.onclose();
  }

  close() {
    this.readyState = 3;
  }
}

const code = { version: 1, relayBase: 'http://127.0.0.1:1', senderId: 'SENDERxxxxxxxxxxxxxxxx', secret: new Uint8Array(32),
  webSocketUrl: 'ws://127.0.0.1:1/' };

test('a locked screen outlasting the reconnects waits; showing the page reconnects at once with the same relay id', () => {
  globalThis.document = { visibilityState: 'hidden' };
  const states = [];
  const s = new Session(code, {}, { state: (x) => states.push(x) }, { WebSocket: FakeSocket });
  s.connect();
  const first = FakeSocket.all.at(-1);
  first.open();
  assert.deepEqual(JSON.parse(first.sent[0]), { action: 'Connect' });
  first.onmessage({ data: JSON.stringify({ action: 'Connect', message: { connectionid: 'PAGE', resumetoken: 'T', limits: { binary: true } } }) });
  assert.equal(JSON.parse(first.sent[1]).action, 'Request'); // the handshake started
  s.reconnects = 8; // every quick retry used up while the screen was locked
  first.drop();
  assert.notEqual(s.state, State.ERROR);
  assert.equal(s.ws, null);
  const before = FakeSocket.all.length;
  globalThis.document.visibilityState = 'visible';
  s.resumeVisible();
  assert.equal(FakeSocket.all.length, before + 1);
  const again = FakeSocket.all.at(-1);
  again.open();
  assert.deepEqual(JSON.parse(again.sent[0]), { action: 'Connect', message: { connectionid: 'PAGE', resumetoken: 'T' } });
  s.close();
});

test('the same lost connection with the page visible ends in an error with a sentence', () => {
  globalThis.document = { visibilityState: 'visible' };
  let said = null;
  const s = new Session(code, {}, { error: (x) => { said = x; } }, { WebSocket: FakeSocket });
  s.connect();
  s.reconnects = 8;
  FakeSocket.all.at(-1).drop();
  assert.equal(s.state, State.ERROR);
  assert.match(said, /connection to the computer was lost/);
});
