// Builds the phone page: one self-contained HTML file (inline script and style; the relay sends a CSP that allows
// exactly their SHA-256 hashes). Output: relay/src/main/resources/dev/qrbeam/relay/netty/phone-page.html (committed;
// CI rebuilds it and fails if it differs). Usage: npm ci && node build.mjs [--check]
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const OUT = new URL('../relay/src/main/resources/dev/qrbeam/relay/netty/phone-page.html', import.meta.url);
const check = process.argv.includes('--check');

const js = await build({
  entryPoints: [new URL('./src/main.js', import.meta.url).pathname],
  bundle: true, minify: true, format: 'iife', target: ['es2020'], write: false, legalComments: 'none',
  charset: 'utf8',
});
const script = js.outputFiles[0].text.trim();
const css = (await build({
  entryPoints: [new URL('./src/page.css', import.meta.url).pathname], bundle: true, minify: true, write: false,
  loader: { '.css': 'css' }, target: ['safari15'],
})).outputFiles[0].text.trim();
if (/<\/script/i.test(script) || /<\/style/i.test(css)) throw new Error('bundle contains a closing tag');
const template = readFileSync(new URL('./src/page.html', import.meta.url), 'utf8');
const html = template.replace('/*CSS*/', () => css).replace('/*JS*/', () => script);

const gz = gzipSync(Buffer.from(html), { level: 9 }).length;
if (check) {
  const committed = readFileSync(OUT, 'utf8');
  if (committed !== html) {
    console.error('phone-page.html differs from a fresh build: run `cd web && npm ci && node build.mjs` and commit');
    process.exit(1);
  }
  console.log('phone-page.html is up to date (' + html.length + ' bytes, ' + gz + ' gzipped)');
} else {
  writeFileSync(OUT, html);
  console.log('wrote ' + OUT.pathname + ' (' + html.length + ' bytes, ' + gz + ' gzipped)');
}
