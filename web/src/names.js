// File names for the manifest from what the browser's picker gives (iOS names every library photo "image.jpg"):
// made acceptable to the computer's SafePath rules (docs/protocol-transfer.md §7) by replacing what it would refuse,
// and unique after the receiver's folding (ManifestValidator.fold: NFC, upper then lower case, NFC).

const RESERVED = /^(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[0-9¹²³]|LPT[0-9¹²³])$/;
// C0/C1 controls, DEL, \ : < > " | ? *, and format characters/separators (Unicode Cf, Zl, Zp) except ZWNJ/ZWJ
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\\:<>"|?*\u2028\u2029]|(?![\u200c\u200d])\p{Cf}/gu;
const MAX_BYTES = 255;

const bytes = (s) => new TextEncoder().encode(s).length;

/** Cuts {@code s} to at most {@code max} UTF-8 bytes on a code point boundary. */
function cut(s, max) {
  let out = '';
  for (const ch of s) {
    if (bytes(out + ch) > max) break;
    out += ch;
  }
  return out;
}

/** {@code s} with unpaired surrogates replaced by '_' (no regex lookbehind: Safari before 16.4 cannot parse one). */
function wellFormed(s) {
  let out = '';
  for (const ch of s) { // iterates code points; an unpaired surrogate comes alone
    const c = ch.charCodeAt(0);
    out += ch.length === 1 && c >= 0xd800 && c <= 0xdfff ? '_' : ch;
  }
  return out;
}

/** One safe path component for a picked file's name (never empty, never "." or ".."). */
export function safeName(name) {
  let s = wellFormed(String(name || ''));
  s = s.normalize('NFC').replace(/\//g, '_').replace(UNSAFE, '_');
  s = s.replace(/[. ]+$/, '');
  if (s === '' || s === '.' || s === '..') s = 'file';
  const dot = s.indexOf('.');
  const stem = (dot >= 0 ? s.slice(0, dot) : s).trimEnd().toUpperCase();
  if (RESERVED.test(stem)) s = '_' + s;
  if (bytes(s) > MAX_BYTES) {
    const d = s.lastIndexOf('.');
    const ext = d > 0 && bytes(s.slice(d)) <= 32 ? s.slice(d) : '';
    s = cut(s.slice(0, s.length - ext.length), MAX_BYTES - bytes(ext)).replace(/[. ]+$/, '') + ext;
  }
  return s;
}

/** The receiver's comparison key (ManifestValidator.fold). */
export function fold(s) {
  return s.normalize('NFC').toUpperCase().toLowerCase().normalize('NFC');
}

/** Safe and unique names for a list of picked names, in order: "image.jpg", "image (1).jpg", … */
export function uniqueNames(names) {
  const seen = new Set();
  return names.map((n) => {
    const base = safeName(n);
    let s = base;
    const d = base.lastIndexOf('.');
    const stem = d > 0 ? base.slice(0, d) : base;
    const ext = d > 0 ? base.slice(d) : '';
    for (let i = 1; seen.has(fold(s)); i++) {
      const suffix = ' (' + i + ')' + ext;
      s = cut(stem, MAX_BYTES - bytes(suffix)) + suffix;
    }
    seen.add(fold(s));
    return s;
  });
}
