// The page as sender (send.js, §6b): manifest bytes equal Java's, safe unique names, the send plan, matching a
// re-pick after a reload, hashing in pieces, and chunk records that the receiving side (the Java layout and keys of
// the shared vectors) opens into the original bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fromBase64, fromUtf8, utf8 } from '../src/bytes.js';
import { parseManifest, writeManifest, manifestParts, MANIFEST_PART_CHARS } from '../src/manifest.js';
import { safeName, uniqueNames, fold } from '../src/names.js';
import { SendPlan } from '../src/plan.js';
import { matchFiles, Sending, offeredChunkSize } from '../src/send.js';
import { hashFile, PIECE } from '../src/hash.js';
import { ChunkCipher, ControlCipher, SUITE, checkChunkHash, chunkHash } from '../src/records.js';
import { ChunkLayout } from '../src/layout.js';
import { parseFrame } from '../src/wire.js';

const v = JSON.parse(readFileSync(new URL('../../protocol/src/test/resources/vectors/phone-records.json', import.meta.url)));

test('the manifest the page writes is byte for byte what ManifestCodec.write produced', () => {
  const java = JSON.parse(v.manifest);
  assert.equal(writeManifest(java.transferid, java.chunksize, java.files, java.folders), v.manifest);
  const m = parseManifest(writeManifest(java.transferid, 65536, java.files));
  assert.equal(m.chunkSize, 65536);
});

test('manifest parts: 16 Ki units each, joined back exactly, never split inside a surrogate pair', () => {
  const json = 'x'.repeat(MANIFEST_PART_CHARS - 1) + '😀' + 'y'.repeat(MANIFEST_PART_CHARS + 5);
  const parts = manifestParts(json);
  assert.equal(parts.join(''), json);
  assert.ok(parts.every((p) => p.length <= MANIFEST_PART_CHARS));
  assert.equal(parts[0].length, MANIFEST_PART_CHARS - 1); // the emoji moved whole to part 2
  assert.deepEqual(manifestParts('{}'), ['{}']);
});

test('picked names become names the computer accepts (SafePath) and stay unique after its folding', () => {
  assert.equal(safeName('IMG_2041.HEIC'), 'IMG_2041.HEIC');
  assert.equal(safeName('Screenshot 10:42:07.png'), 'Screenshot 10_42_07.png');
  assert.equal(safeName('a<b>c|d?e*f"g\\h.txt'), 'a_b_c_d_e_f_g_h.txt');
  assert.equal(safeName('evil\u202Etxt.exe'), 'evil_txt.exe');
  assert.equal(safeName('tab\there\n.jpg'), 'tab_here_.jpg');
  assert.equal(safeName('family 👨\u200D👩\u200D👧.jpg'), 'family 👨\u200D👩\u200D👧.jpg'); // ZWJ stays
  assert.equal(safeName('trailing. . '), 'trailing');
  assert.equal(safeName('..'), 'file');
  assert.equal(safeName(''), 'file');
  assert.equal(safeName('CON.txt'), '_CON.txt');
  assert.equal(safeName('lpt¹'), '_lpt¹');
  assert.equal(safeName('a/b.jpg'), 'a_b.jpg');
  assert.equal(safeName('x\uD800y'), 'x_y');
  const long = safeName('é'.repeat(200) + '.jpeg');
  assert.ok(new TextEncoder().encode(long).length <= 255 && long.endsWith('.jpeg'));
  assert.deepEqual(uniqueNames(['image.jpg', 'image.jpg', 'IMAGE.JPG', 'Straße.txt', 'STRASSE.txt', 'noext', 'noext']),
    ['image.jpg', 'image (1).jpg', 'IMAGE (2).JPG', 'Straße.txt', 'STRASSE (1).txt', 'noext', 'noext (1)']);
  assert.equal(fold('Ω'), fold('ω'));
  const m = parseManifest(writeManifest('2eDn7vX8AwoRGB8mLTQ7Qg', 4096,
    uniqueNames(['a.jpg', 'A.jpg']).map((path) => ({ path, size: 1, sha256: '0'.repeat(64), mtime: 0 }))));
  assert.equal(m.files.length, 2);
});

test('send plan: resume ranges, truncation, window, re-requests, credit', () => {
  const p = new SendPlan(10, 3000);
  p.reset([[2, 4], [7, 8]], true);
  const order = [];
  while (p.hasWork() && p.windowOpen()) {
    const id = p.take();
    order.push(id);
    p.sent(id, 1000);
  }
  assert.deepEqual(order, [2, 3, 7]); // the window (3000 bytes) is full
  p.reached(3);
  assert.ok(p.windowOpen());
  assert.equal(p.take(), 8);
  p.sent(8, 1000);
  assert.equal(p.take(), 9);
  assert.equal(p.request([2, 2, 99, -1]), 2);
  assert.equal(p.take(), 2);
  assert.equal(p.sent(2, 1000), true); // counted as a resend
  assert.equal(p.take(), -1);
  p.reset([], false);
  assert.equal(p.hasWork(), false);
});

test('after a reload the same files must be picked again (name, size, last-modified), in any order', () => {
  const file = (name, size, lastModified) => ({ name, size, lastModified });
  const saved = [file('a.jpg', 10, 1), file('b.mov', 20, 2)];
  const a = file('a.jpg', 10, 1);
  const b = file('b.mov', 20, 2);
  assert.deepEqual(matchFiles(saved, [b, a]), [a, b]);
  assert.match(matchFiles(saved, [a, file('b.mov', 21, 2)]), /b\.mov/);
  assert.match(matchFiles(saved, [a, b, file('c', 1, 1)]), /only the 2 files/);
  assert.match(matchFiles(saved, [a]), /Pick exactly these again: b\.mov/);
});

test('hashing reads the file in pieces and equals SHA-256 of the whole', async () => {
  const bytes = new Uint8Array(PIECE * 2 + 12345).map((_, i) => (i * 7919) & 0xff);
  const seen = [];
  const hex = await hashFile(new Blob([bytes]), (n) => seen.push(n));
  assert.equal(hex, createHash('sha256').update(bytes).digest('hex'));
  assert.deepEqual(seen, [PIECE, 2 * PIECE, bytes.length]);
  assert.equal(await hashFile(new Blob([])), createHash('sha256').digest('hex'));
});

/** A Session stand-in: keys of the shared vectors, records the page sends. */
function fakeSession(binary) {
  const out = { controls: [], frames: [], texts: [] };
  const page = new ControlCipher(SUITE.AES_GCM, fromBase64(v.r2s), fromBase64(v.s2r));
  const desk = new ControlCipher(SUITE.AES_GCM, fromBase64(v.s2r), fromBase64(v.r2s));
  const s = {
    code: { senderId: 'DESKTOPxxxxxxxxxxxxxxx' }, keys: { tx: fromBase64(v.r2s), rx: fromBase64(v.s2r) },
    binary, generation: 1, state: 'pick', claimSentAt: Date.now(),
    ready: () => true, isTerminal: () => false, buffered: () => 0,
    setState(x) { s.state = x; }, fail(x) { throw new Error(x); },
    sendControl(m) { out.controls.push(JSON.parse(fromUtf8(desk.open(page.seal(utf8(JSON.stringify(m))))))); },
    sendBytes(b) { out.frames.push(parseFrame(b.buffer)); },
    sendText(t) { out.texts.push(JSON.parse(t)); },
  };
  return { s, out };
}

async function until(cond) {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 2));
  assert.ok(cond());
}

for (const [suite, binary] of [[SUITE.CHACHA, true], [SUITE.AES_GCM, false]]) {
  test('sending (' + suite + (binary ? ', binary frames' : ', JSON text') + '): manifest, resume, chunks the desktop opens', async () => {
    const { s, out } = fakeSession(binary);
    const a = new Uint8Array(10000).map((_, i) => i & 0xff);
    const files = [new File([a], 'IMG 1.jpg', { lastModified: 5 }), new File([], 'empty.txt', { lastModified: 6 })];
    const role = new Sending(s, {});
    role.control({ type: 'receive', chunksize: 4096 });
    assert.equal(s.state, 'pick');
    await role.send(files);
    assert.equal(s.state, 'sending');
    const part = out.controls.find((c) => c.type === 'manifest');
    const m = parseManifest(part.data);
    assert.deepEqual(m.files.map((f) => [f.path, f.size]), [['IMG 1.jpg', 10000], ['empty.txt', 0]]);
    assert.equal(m.files[0].sha256, createHash('sha256').update(a).digest('hex'));
    assert.equal(m.chunkSize, 4096);
    // the desktop lacks chunks 1..3 (the end of the file, and the empty file's one chunk)
    role.control({ type: 'resume', epoch: part.epoch, missing: [[1, 4]], truncated: false, suite });
    const layout = new ChunkLayout([10000, 0], 4096);
    const desk = new ChunkCipher(suite, fromBase64(v.s2r), fromBase64(v.r2s), m.transferId);
    const got = () => (binary ? out.frames : out.texts.filter((t) => t.action === 'Transfer').map((t) => ({
      chunkId: t.message.chunkid, chunkTotal: t.message.chunktotal, chunkHash: t.message.chunkhash, data: fromBase64(t.message.data),
    })));
    await until(() => got().length === 3);
    for (const f of got()) {
      assert.equal(f.chunkTotal, 4);
      checkChunkHash(f.chunkHash, f.data);
      const ref = layout.ref(f.chunkId);
      const plain = desk.decrypt(ref, f.data);
      assert.deepEqual(plain, ref.fileIndex === 0 ? a.subarray(ref.offset, ref.offset + ref.length) : new Uint8Array(0));
    }
    assert.deepEqual(got().map((f) => f.chunkId), [1, 2, 3]);
    role.acknowledge([2]); // refused by the desktop: sent again under a new counter
    await until(() => got().length === 4);
    assert.equal(got()[3].chunkId, 2);
    role.control({ type: 'done' });
    assert.equal(s.state, 'done');
    assert.equal(out.controls.at(-1).type, 'bye');
  });
}

const w = JSON.parse(readFileSync(new URL('../../protocol/src/test/resources/vectors/phone-send.json', import.meta.url)));

test('phone-send vectors: the page opens what the desktop (shower) sealed and seals chunks as Java expects', () => {
  const s2r = fromBase64(w.s2r);
  const r2s = fromBase64(w.r2s);
  const page = new ControlCipher(SUITE.AES_GCM, r2s, s2r);
  for (const c of w.shower_control) assert.equal(fromUtf8(page.open(fromBase64(c.record))), c.plaintext);
  const sc = w.scanner_chunks;
  assert.equal(sc.suite, SUITE.CHACHA);
  const layout = new ChunkLayout(sc.sizes, sc.chunksize);
  const cipher = new ChunkCipher(SUITE.CHACHA, r2s, s2r, fromBase64(w.transferid));
  for (const c of sc.chunks) {
    const record = cipher.encrypt(layout.ref(c.chunkid), fromBase64(c.plaintext));
    assert.equal(Buffer.from(record).toString('base64'), c.record);
    assert.equal(chunkHash(record), c.chunkhash);
  }
});

test('phone-send vectors: the offered chunk size is accepted or refused as ReceiveOffer does', () => {
  for (const n of w.offers.valid) assert.equal(offeredChunkSize(n), n);
  for (const n of w.offers.invalid) assert.equal(offeredChunkSize(n), 0);
  assert.equal(offeredChunkSize('4096'), 0);
  assert.equal(offeredChunkSize(undefined), 0);
});
