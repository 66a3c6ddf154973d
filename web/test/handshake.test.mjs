// The page's handshake v2 against the Java one, through protocol/src/test/resources/vectors/handshake-v2.json
// (written and checked by HandshakeVectorsTest.java).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { hexToBytes, bytesToHex } from '@noble/hashes/utils.js';
import { toBase64Url, toBase64, fromBase64 } from '../src/bytes.js';
import { parseCode } from '../src/code.js';
import { ReceiverHandshake, prologue, psk, MODE } from '../src/handshake.js';
import { ControlCipher, SUITE } from '../src/records.js';

const v = JSON.parse(readFileSync(new URL('../../protocol/src/test/resources/vectors/handshake-v2.json', import.meta.url)));
const code = parseCode(v.code);
const token = hexToBytes(v.token_hex);

test('code, PSK and prologue equal Java', () => {
  assert.equal(code.relayBase, v.relay_base);
  assert.equal(code.senderId, v.sender_id);
  assert.equal(bytesToHex(code.secret), v.secret_hex);
  assert.equal(bytesToHex(psk(code.secret)), v.psk_hex);
  assert.equal(bytesToHex(prologue(code, v.receiver_id)), v.prologue_hex);
});

for (const c of v.cases) {
  test('handshake v2: ' + c.name, () => {
    const hs = new ReceiverHandshake(code, v.receiver_id, token, c.mode, hexToBytes(c.receiver_ephemeral_private_hex));
    const m1 = hs.message1();
    assert.equal(bytesToHex(m1), c.msg1_hex);
    assert.equal(toBase64Url(m1), c.msg1_b64url);
    if (c.refusal) {
      assert.throws(() => hs.readMessage2(fromBase64(c.msg2_b64url)), (e) => e.code === c.refusal);
      return;
    }
    const keys = hs.readMessage2(fromBase64(c.msg2_b64url));
    assert.equal(bytesToHex(keys.hash), c.handshake_hash_hex);
    assert.equal(bytesToHex(keys.tx), c.k_r2s_hex);
    assert.equal(bytesToHex(keys.rx), c.k_s2r_hex);
    const claim = hs.claim();
    assert.equal(bytesToHex(claim), c.claim_plaintext_hex);
    const record = new ControlCipher(SUITE.AES_GCM, keys.tx, keys.rx).seal(claim);
    assert.equal(bytesToHex(record), c.claim_record_hex);
    assert.equal(toBase64(record), c.claim_record_b64);
  });
}

test('a changed receiver id or secret fails message 2 with handshake-failed', () => {
  const c = v.cases[0];
  const other = new ReceiverHandshake(code, 'AAAAAAAAAAAAAAAAAAAAAA', token, MODE.NEW, hexToBytes(c.receiver_ephemeral_private_hex));
  other.message1();
  assert.throws(() => other.readMessage2(fromBase64(c.msg2_b64url)), (e) => e.code === 'handshake-failed');
});
