// The screen for a desktop `send` code: file list, Download per file and "Download all", progress, direct downloads.
// Automation hooks: [data-action="download"] per file, [data-action="download-all"], [data-action="download-direct"].
import { Receiving } from './receive.js';
import { State } from './session.js';
import { formatBytes } from './limits.js';
import { $, el, setStatus } from './ui.js';

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/** Makes the Receiving role of {@code session} with its screen; {@code limit}: this browser's memory cap. */
export function receiveScreen(session, limit) {
  const rows = [];
  let wantAll = false;
  const role = new Receiving(session, {
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
      if (role.directAvailable) rows.filter((r) => r.big).forEach(offerDirect);
    },
    progress(i, bytes, [have, total]) {
      rows[i].bar.value = bytes;
      if (total > 0) setStatus('Receiving… ' + formatBytes(have) + ' of ' + formatBytes(total) + ' (' + Math.floor(100 * have / total) + '%)', 'ok');
    },
    file(i, blob) {
      const r = rows[i];
      if (role.wanted.size > 0) setStatus('Saved ' + r.f.name + '. Receiving the rest…', 'ok');
      r.bar.value = r.f.size;
      r.button.textContent = 'Save again';
      r.note.hidden = false;
      r.note.className = 'note';
      r.note.textContent = 'Received and verified. Saved to your downloads.';
      r.button.disabled = false;
      r.saved = blob;
      save(blob, r.f.name);
    },
    idle() {
      if (wantAll) onlyTooLargeLeft();
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
      document.body.dataset.refused = String(n);
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
      role.wantDirect(r.i);
    });
    r.note.textContent += ' Or download it directly from the computer: your browser saves it itself and can resume.'
      + ' A direct download is not end-to-end encrypted: the file crosses your local network as it is.';
    r.note.after(r.direct);
  }

  function download(r) {
    if (r.saved) { save(r.saved, r.f.name); return; }
    if (r.big || session.isTerminal()) return;
    r.button.disabled = true;
    r.button.textContent = 'Receiving…';
    r.bar.hidden = false;
    role.want(r.i);
  }

  /**
   * "Download all" got everything this browser can hold; what is left is over its memory cap. With a direct
   * download on offer the user can still take it; otherwise the transfer cannot complete here: say which files and
   * why, and end (the computer is told, so it does not wait for ever).
   */
  function onlyTooLargeLeft() {
    const left = rows.filter((r) => !r.saved && !role.files[r.i].blob);
    if (left.length === 0 || !left.every((r) => r.big)) return;
    const got = rows.filter((r) => r.saved).map((r) => r.f.name);
    const names = left.map((r) => r.f.name + ' (' + formatBytes(r.f.size) + ')').join(', ');
    const saved = got.length > 0 ? 'Received and verified: ' + got.join(', ') + '. ' : '';
    if (role.directAvailable) {
      setStatus(saved + 'Too large for this ' + limit.device + "'s browser: " + names
        + '. Use "Download directly" below, or receive it on a computer with the QRBeam app.', 'error');
      return;
    }
    session.fail(saved + 'Not received: ' + names + (left.length === 1 ? ' is' : ' are') + ' too large for this '
      + limit.device + "'s browser (limit " + formatBytes(limit.bytes) + '). Receive '
      + (left.length === 1 ? 'it' : 'them') + ' on a computer with the QRBeam app.');
  }

  $('all').addEventListener('click', () => {
    wantAll = true;
    rows.forEach((r) => { if (!r.saved && !r.big && !r.button.disabled) download(r); });
    if (role.wanted.size === 0) onlyTooLargeLeft();
  });
  return {
    role,
    state(s) {
      if (s === State.READY) {
        setStatus(rows.some((r) => r.saved) ? 'Received and verified. Choose what else to download.'
          : 'Connected, end-to-end encrypted. Choose what to download.', 'ok');
      }
      if (s === State.RECEIVING) setStatus('Receiving…', 'ok');
      if (s === State.DONE) setStatus('All files received and verified. You can close this page.', 'ok');
      if (s === State.ERROR) rows.forEach((r) => { r.button.disabled = true; });
      $('all').disabled = s === State.ERROR || s === State.DONE;
    },
  };
}
