// The receiver token of this code, kept in sessionStorage (this tab only) so a reloaded page resumes as the same
// receiver instead of being refused as a second one. Storage may be unavailable (private modes): then in memory.
import { toBase64Url, fromBase64 } from './bytes.js';

const key = (senderId) => 'qrbeam-receiver:' + senderId;

export function loadReceiver(senderId) {
  try {
    const v = JSON.parse(globalThis.sessionStorage.getItem(key(senderId)) || 'null');
    const token = v && fromBase64(v.token);
    return token && token.length === 16 ? { token, claimed: v.claimed === true } : null;
  } catch (e) {
    return null;
  }
}

export function saveReceiver(senderId, token, claimed) {
  try {
    globalThis.sessionStorage.setItem(key(senderId), JSON.stringify({ token: toBase64Url(token), claimed }));
  } catch (e) {
    // no storage: a reload pairs as new and is refused as code-used, which the page explains
  }
}
