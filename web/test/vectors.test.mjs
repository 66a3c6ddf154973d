// The page's protocol code against the Java protocol code, through the shared vector file that
// protocol/src/test/java/dev/qrbeam/protocol/crypto/PhoneVectorsTest.java computes and checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { fromBase64, toBase64, utf8, fromUtf8 } from '../src/bytes.js';
import { ControlCipher, ChunkCipher, SUITE, chunkHash, checkChunkHash, chunkKey } from '../src/records.js';
import { ChunkLayout } from '../src/layout.js';
import { parseManifest } from '../src/manifest.js';

const v = JSON.parse(readFileSync(new URL('../../protocol/src/test/resources/vectors/phone-records.json', import.meta.url)));
const s2r = fromBase64(v.s2r);
const r2s = fromBase64(v.r2s);
const transferId = fromBase64(v.transferid);

test('control records: the page opens what Java sealed, and seals the same bytes', () => {
  const page = new ControlCipher(SUITE.AES_GCM, r2s, s2r);
  const javaSide = new ControlCipher(SUITE.AES_GCM, s2r, r2s); // the sender's direction, to compare sealing
  for (const c of v.control) {
    assert.equal(fromUtf8(page.open(fromBase64(c.record))), c.plaintext);
    assert.equal(toBase64(javaSide.seal(utf8(c.plaintext))), c.record);
  }
  assert.throws(() => page.open(fromBase64(v.control[0].record)), /replay/);
});

for (const suite of [SUITE.AES_GCM, SUITE.CHACHA]) {
  test('chunk records (' + suite + '): AD, nonce, chunkhash and bytes equal Java', () => {
    const vs = v[suite];
    const layout = new ChunkLayout(vs.sizes, vs.chunksize);
    const receiver = new ChunkCipher(suite, r2s, s2r, transferId);
    const sender = new ChunkCipher(suite, s2r, r2s, transferId);
    for (const c of vs.chunks) {
      const ref = layout.ref(c.chunkid);
      const record = fromBase64(c.record);
      checkChunkHash(c.chunkhash, record);
      assert.equal(chunkHash(record), c.chunkhash);
      assert.equal(toBase64(receiver.decrypt(ref, record)), c.plaintext);
      assert.equal(toBase64(sender.encrypt(ref, fromBase64(c.plaintext))), c.record);
    }
  });

  test('chunk records (' + suite + '): moved, flipped or truncated records are refused', () => {
    const vs = v[suite];
    const layout = new ChunkLayout(vs.sizes, vs.chunksize);
    const receiver = new ChunkCipher(suite, r2s, s2r, transferId);
    const c = vs.chunks[0];
    const record = fromBase64(c.record);
    assert.throws(() => receiver.decrypt(layout.ref(1), record), (e) => e.code === 'record-auth'); // moved to id 1
    const flipped = record.slice();
    flipped[20] ^= 1;
    assert.throws(() => receiver.decrypt(layout.ref(0), flipped), (e) => e.code === 'record-auth');
    assert.throws(() => checkChunkHash(c.chunkhash, record.subarray(0, record.length - 1)), (e) => e.code === 'record-hash');
    assert.throws(() => receiver.decrypt(layout.ref(0), record.subarray(1)), (e) => e.code === 'record-malformed');
  });
}

test('the ChaCha chunk key is HKDF(direction key, "qrbeam chunk chacha20-poly1305 v1")', () => {
  assert.deepEqual(chunkKey(SUITE.CHACHA, s2r), hkdf(sha256, s2r, undefined, utf8('qrbeam chunk chacha20-poly1305 v1'), 32));
  assert.deepEqual(chunkKey(SUITE.AES_GCM, s2r), s2r);
});

test('manifest: the page reads what Java wrote', () => {
  const m = parseManifest(v.manifest);
  assert.deepEqual(m.transferId, transferId);
  assert.equal(m.chunkSize, 4096);
  assert.deepEqual(m.files.map((f) => [f.path, f.size]), [['photos/a.jpg', 10000], ['photos/empty.txt', 0], ['notes ü.txt', 5000]]);
  const layout = new ChunkLayout(m.files.map((f) => f.size), m.chunkSize);
  assert.equal(layout.chunkTotal, 3 + 1 + 2);
  assert.deepEqual(layout.ref(3), { fileIndex: 1, chunkId: 3, chunkTotal: 6, offset: 0, length: 0, last: true });
});

test('manifest: unsafe or inconsistent file lists are refused with a sentence', () => {
  const base = JSON.parse(v.manifest);
  for (const path of ['../x', '/etc/passwd', 'a//b', 'C:\\x', 'a\u202Eb', 'x/.']) {
    const bad = { ...base, files: [{ ...base.files[0], path }] };
    assert.throws(() => parseManifest(JSON.stringify(bad)), /refused/);
  }
  assert.throws(() => parseManifest(JSON.stringify({ ...base, files: [base.files[0], { ...base.files[0], path: 'PHOTOS/A.JPG' }] })), /duplicate/);
  assert.throws(() => parseManifest(JSON.stringify({ ...base, chunksize: '4096' })), /chunk size/);
  assert.throws(() => parseManifest('{'), /not readable/);
});
