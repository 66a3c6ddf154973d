// The screen for a code-less desktop `receive` code: pick files (input[type=file], photo library included), Send
// ([data-action="send"]), hashing and sending progress with speed; after a reload, pick the same files again.
import { Sending } from './send.js';
import { State } from './session.js';
import { formatBytes } from './limits.js';
import { $, el, setStatus, Speed } from './ui.js';

/** Makes the Sending role of {@code session} with its screen. */
export function sendScreen(session) {
  const input = $('pick');
  const button = $('send');
  const bar = $('send-bar');
  const speed = new Speed();
  let saved = null;

  const role = new Sending(session, {
    pick(again) {
      saved = again;
      $('upload').hidden = false;
      if (again) {
        setStatus('The page was reloaded. Choose the same ' + (again.length === 1 ? 'file' : again.length + ' files')
          + ' again to continue: ' + again.map((f) => f.name).join(', ') + '. Only what is missing will be sent.', 'ok');
      } else {
        setStatus('Connected, end-to-end encrypted. Choose photos or files to send to the computer.', 'ok');
      }
    },
    mismatch(sentence) {
      setStatus(sentence, 'error');
      button.disabled = false;
      input.disabled = false;
    },
    hashing(done, total) {
      bar.hidden = false;
      bar.max = Math.max(1, total);
      bar.value = done;
      setStatus('Preparing… checking ' + formatBytes(done) + ' of ' + formatBytes(total), 'ok');
    },
    progress(verified, total, sent) {
      document.body.dataset.sent = String(sent); // bytes this page sent (first sends), for tests and curious people
      document.body.dataset.resent = String(role.plan ? role.plan.resentChunks : 0);
      bar.hidden = false;
      bar.max = Math.max(1, total);
      bar.value = verified;
      if (session.state !== State.SENDING) return;
      const rate = speed.add(verified);
      setStatus('Sending… ' + formatBytes(verified) + ' of ' + formatBytes(total) + ' (' + Math.floor(100 * verified / Math.max(1, total))
        + '%)' + (rate > 0 ? ' · ' + formatBytes(rate) + '/s' : ''), 'ok');
    },
  });

  input.addEventListener('change', () => {
    const list = $('picked');
    list.textContent = '';
    let total = 0;
    for (const f of input.files) {
      const li = el('li');
      const info = el('div', { class: 'name' }, f.name);
      info.appendChild(el('div', { class: 'size' }, formatBytes(f.size)));
      li.appendChild(info);
      list.appendChild(li);
      total += f.size;
    }
    $('picked-summary').textContent = input.files.length === 0 ? ''
      : input.files.length + (input.files.length === 1 ? ' file, ' : ' files, ') + formatBytes(total);
    button.disabled = input.files.length === 0;
  });
  button.addEventListener('click', () => {
    if (input.files.length === 0 || session.isTerminal()) return;
    button.disabled = true;
    input.disabled = true;
    role.send(input.files);
  });
  return {
    role,
    state(s) {
      if (s === State.HASHING) setStatus('Preparing… checking the files.', 'ok');
      if (s === State.SENDING) setStatus(saved ? 'Continuing the transfer…' : 'Sending…', 'ok');
      if (s === State.HASHING || s === State.SENDING) {
        $('upload').classList.add('busy'); // the files of a running transfer cannot change
        button.textContent = 'Sending…';
      }
      if (s === State.DONE) button.textContent = 'Sent';
      if (s === State.DONE) {
        setStatus('All files sent. The computer received and verified them. You can close this page.', 'ok');
      }
      if (s === State.DONE || s === State.ERROR) {
        button.disabled = true;
        input.disabled = true;
      }
    },
  };
}
