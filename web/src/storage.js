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

const uploadKey = (senderId) => 'qrbeam-upload:' + senderId;

/**
 * What a reloaded page needs to continue sending: the manifest it sent (same transfer id, names, hashes) and each
 * picked file's identity as the browser reports it ({ name, size, lastModified }), to match a new pick against.
 */
export function saveUpload(senderId, upload) {
  try {
    globalThis.sessionStorage.setItem(uploadKey(senderId), JSON.stringify(upload));
  } catch (e) {
    // no storage: a reload starts a new transfer (the computer keeps the old .part files until it expires)
  }
}

export function loadUpload(senderId) {
  try {
    const v = JSON.parse(globalThis.sessionStorage.getItem(uploadKey(senderId)) || 'null');
    return v && typeof v.manifest === 'string' && Array.isArray(v.files) ? v : null;
  } catch (e) {
    return null;
  }
}

export function clearUpload(senderId) {
  try {
    globalThis.sessionStorage.removeItem(uploadKey(senderId));
  } catch (e) {
    // nothing stored
  }
}
