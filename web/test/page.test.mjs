// The page's own rules: reading the code from its address, memory caps per device, sizes for people.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCode } from '../src/code.js';
import { memoryLimit, formatBytes } from '../src/limits.js';

const SECRET = 'mZ1b0y2w7eWcS3c8o6rJc8Y3Vd2m6Bq0sJ0l1Yk9u3E';

test('v1, v2 (with candidates) and staged codes', () => {
  const v1 = parseCode('http://192.168.1.20:41873/r/1/q2Xh0bE1Z3lWn4Tt9k8Y0A#' + SECRET);
  assert.equal(v1.relayBase, 'http://192.168.1.20:41873');
  assert.equal(v1.webSocketUrl, 'ws://192.168.1.20:41873/');
  assert.equal(v1.secret.length, 32);
  const v2 = parseCode('http://10.77.0.1:40125/r/2/q2Xh0bE1Z3lWn4Tt9k8Y0A#' + SECRET + '~4rBEAAQ~4CgAAAQ');
  assert.equal(v2.version, 2);
  assert.deepEqual(v2.secret, v1.secret);
  const aws = parseCode('https://abc.execute-api.eu-west-1.amazonaws.com/dev/r/1/q2Xh0bE1Z3lWn4Tt9k8Y0A#' + SECRET);
  assert.equal(aws.relayBase, 'https://abc.execute-api.eu-west-1.amazonaws.com/dev');
  assert.equal(aws.webSocketUrl, 'wss://abc.execute-api.eu-west-1.amazonaws.com/dev');
});

test('broken codes get a sentence', () => {
  assert.throws(() => parseCode('http://h/r/1/q2Xh0bE1Z3lWn4Tt9k8Y0A'), /secret/);
  assert.throws(() => parseCode('http://h/r/1/q2Xh0bE1Z3lWn4Tt9k8Y0A#' + SECRET.slice(1)), /secret/);
  assert.throws(() => parseCode('http://h/r/9/q2Xh0bE1Z3lWn4Tt9k8Y0A#' + SECRET), /newer QRBeam/);
  assert.throws(() => parseCode('http://h/somewhere'), /not a QRBeam code/);
});

test('memory caps: iPhone and iPad 200 MB, Android 800 MB, others 2 GB', () => {
  assert.equal(memoryLimit('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)').bytes, 200e6);
  assert.equal(memoryLimit('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Safari', 5).bytes, 200e6); // iPadOS
  assert.equal(memoryLimit('Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/156 Mobile').bytes, 800e6);
  assert.equal(memoryLimit('Mozilla/5.0 (X11; Linux x86_64) Chrome/156').bytes, 2000e6);
  assert.equal(formatBytes(999), '999 B');
  assert.equal(formatBytes(201_000_000), '201 MB');
  assert.equal(formatBytes(3_100_000), '3.1 MB');
});
