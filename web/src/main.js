// The phone page: reads the code from the address (and removes the secret from it), pairs with the computer, then
// receives what it sends (a `send` code) or sends what the user picks (a code-less `receive` code).
// <body data-state> ends in "done" or "error"; hooks: ui-receive.js, ui-send.js.
import { parseCode, CodeError } from './code.js';
import { Session, State } from './session.js';
import { memoryLimit } from './limits.js';
import { setStatus } from './ui.js';
import { receiveScreen } from './ui-receive.js';
import { sendScreen } from './ui-send.js';

const body = document.body;

function start() {
  // The secret leaves the address bar and the history list at once; it stays in this tab's history entry (not
  // shown, not sent anywhere), so a reload — or iOS reloading a tab it evicted while the photo picker was open —
  // continues the same transfer.
  const fragment = location.hash.length > 1 ? location.hash.slice(1) : (history.state && history.state.qrbeam) || '';
  let code;
  try {
    code = parseCode(location.origin + location.pathname + '#' + fragment);
  } catch (e) {
    body.dataset.state = 'error';
    setStatus(e instanceof CodeError ? e.message : 'This address is not a QRBeam code.', 'error');
    return;
  }
  history.replaceState({ qrbeam: fragment }, '', location.pathname);
  const limit = memoryLimit(navigator.userAgent, navigator.maxTouchPoints);
  let screen = null;
  const session = new Session(code, {
    manifest: (s) => (screen = receiveScreen(s, limit)).role,
    receive: (s) => (screen = sendScreen(s)).role,
  }, {
    state(s) {
      body.dataset.state = s;
      if (s === State.CONNECTING) setStatus('Connecting to the computer…');
      if (s === State.PAIRING) setStatus('Checking the code with the computer…');
      if (screen) screen.state(s);
    },
    error(sentence) {
      setStatus(sentence, 'error');
    },
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') session.resumeVisible();
  });
  window.addEventListener('online', () => session.resumeVisible());
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
