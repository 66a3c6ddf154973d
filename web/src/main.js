// The phone page: reads the code from the address (and removes the secret from it), then receives what the
// computer sends. Automation hooks: [data-action="download"] per file, [data-action="download-all"],
// <body data-state> ends in "done" or "error".
import { parseCode, CodeError } from './code.js';
import { ReceiveSession, State } from './session.js';
import { memoryLimit, formatBytes } from './limits.js';

const $ = (id) => document.getElementById(id);
const body = document.body;

function setStatus(text, kind) {
  const s = $('status');
  s.textContent = text;
  s.className = 'status' + (kind ? ' ' + kind : '');
}

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

function start() {
  let code;
  try {
    code = parseCode(location.href);
  } catch (e) {
    body.dataset.state = 'error';
    setStatus(e instanceof CodeError ? e.message : 'This address is not a QRBeam code.', 'error');
    return;
  }
  history.replaceState(null, '', location.pathname); // the secret leaves the address bar and the history
  const limit = memoryLimit(navigator.userAgent, navigator.maxTouchPoints);
  const rows = [];
  const session = new ReceiveSession(code, {
    state(s) {
      body.dataset.state = s;
      if (s === State.CONNECTING) setStatus('Connecting to the computer…');
      if (s === State.PAIRING) setStatus('Checking the code with the computer…');
      if (s === State.READY) {
        setStatus(rows.some((r) => r.saved) ? 'Received and verified. Choose what else to download.'
          : 'Connected, end-to-end encrypted. Choose what to download.', 'ok');
      }
      if (s === State.RECEIVING) setStatus('Receiving…', 'ok');
      if (s === State.DONE) setStatus('All files received and verified. You can close this page.', 'ok');
      if (s === State.ERROR) rows.forEach((r) => { r.button.disabled = true; });
      $('all').disabled = s === State.ERROR || s === State.DONE;
    },
    error(sentence) {
      setStatus(sentence, 'error');
    },
    manifest(m) {
      $('files').hidden = false;
      $('summary').textContent = m.files.length + (m.files.length === 1 ? ' file, ' : ' files, ') + formatBytes(m.totalBytes);
      m.files.forEach((f, i) => {
        const li = el('li');
        const row = el('div', { class: 'row' });
        const info = el('div', { class: 'name' }, f.name);
        const folder = f.path.length > f.name.length ? f.path.slice(0, f.path.length - f.name.length - 1) + ' · ' : '';
        info.appendChild(el('div', { class: 'size' }, folder + formatBytes(f.size)));
        const button = el('button', { type: 'button', 'data-action': 'download', 'data-index': String(i) }, 'Download');
        const bar = el('progress', { max: String(Math.max(1, f.size)), value: '0', hidden: '' });
        const note = el('p', { class: 'note', hidden: '' });
        row.append(info, button);
        li.append(row, bar, note);
        $('list').appendChild(li);
        const r = { f, button, bar, note, i };
        button.addEventListener('click', () => download(r));
        if (f.size > limit.bytes) tooLarge(r);
        rows.push(r);
      });
      if (session.directAvailable) rows.filter((r) => r.big).forEach(offerDirect);
    },
    progress(i, bytes, [have, total]) {
      rows[i].bar.value = bytes;
      if (total > 0) setStatus('Receiving… ' + formatBytes(have) + ' of ' + formatBytes(total) + ' (' + Math.floor(100 * have / total) + '%)', 'ok');
    },
    file(i, blob) {
      const r = rows[i];
      if (session.wanted.size > 0) setStatus('Saved ' + r.f.name + '. Receiving the rest…', 'ok');
      r.bar.value = r.f.size;
      r.button.textContent = 'Save again';
      r.note.hidden = false;
      r.note.className = 'note';
      r.note.textContent = 'Received and verified. Saved to your downloads.';
      r.button.disabled = false;
      r.saved = blob;
      save(blob, r.f.name);
    },
    directAvailable() {
      rows.filter((r) => r.big).forEach(offerDirect);
    },
    direct(i, path) {
      const r = rows[i];
      const a = el('a', { href: path, download: r.f.name });
      document.body.appendChild(a);
      a.click();
      a.remove();
      r.direct.disabled = true;
      r.direct.textContent = 'Downloading…';
      r.note.textContent = 'Handed to the browser: see its downloads for progress. This copy is not end-to-end encrypted.';
    },
    refused(n) {
      body.dataset.refused = String(n);
    },
  });

  function tooLarge(r) {
    r.big = true;
    r.note.hidden = false;
    r.note.className = 'note error';
    r.note.textContent = 'Too large to receive in this ' + limit.device + "'s browser (" + formatBytes(r.f.size)
      + '; the limit here is ' + formatBytes(limit.bytes) + '). Receive it on a computer with the QRBeam app.';
    r.button.disabled = true;
  }

  function offerDirect(r) {
    if (r.direct) return;
    r.direct = el('button', { type: 'button', 'data-action': 'download-direct', 'data-index': String(r.i) }, 'Download directly');
    r.direct.addEventListener('click', () => {
      r.direct.disabled = true;
      session.wantDirect(r.i);
    });
    r.note.textContent += ' Or download it directly from the computer: your browser saves it itself and can resume.'
      + ' A direct download is not end-to-end encrypted: the file crosses your local network as it is.';
    r.note.after(r.direct);
  }

  function download(r) {
    if (r.saved) { save(r.saved, r.f.name); return; }
    if (r.big || session.state === State.ERROR) return;
    r.button.disabled = true;
    r.button.textContent = 'Receiving…';
    r.bar.hidden = false;
    session.want(r.i);
  }

  $('all').addEventListener('click', () => rows.forEach((r) => { if (!r.saved && !r.big && !r.button.disabled) download(r); }));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') session.resumeVisible();
  });
  session.start();
}

// A link preview or prerender that runs scripts in a hidden page must not pair with the code: start only once
// the page is really shown.
if (document.visibilityState === 'visible' && !document.prerendering) {
  start();
} else {
  const begin = () => {
    if (document.visibilityState === 'visible' && !document.prerendering) {
      document.removeEventListener('visibilitychange', begin);
      document.removeEventListener('prerenderingchange', begin);
      start();
    }
  };
  document.addEventListener('visibilitychange', begin);
  document.addEventListener('prerenderingchange', begin);
}
