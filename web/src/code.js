// The pairing code as the page sees it: location = <relay base>/r/<version>/<sender id>#<secret>[~candidate...].
// Version 2 codes append other addresses of the sender after the secret (for the app's race); the page was
// loaded from the code's primary address, so it uses that one and ignores the candidates.
import { fromBase64 } from './bytes.js';

const PATH = /^(?:\/([A-Za-z0-9._~-]{1,64}))?\/r\/([0-9]{1,3})\/([A-Za-z0-9_-]{22})\/?$/;

export class CodeError extends Error {}

/** Parses the page's own address; throws CodeError with a sentence for the user. */
export function parseCode(href) {
  const u = new URL(href);
  const m = PATH.exec(u.pathname);
  if (!m) throw new CodeError('This address is not a QRBeam code. Scan the QR code on the computer again.');
  const version = Number(m[2]);
  if (version !== 1 && version !== 2) {
    throw new CodeError('This code is from a newer QRBeam (version ' + version + '). Update QRBeam on the computer.');
  }
  const secret = fromBase64(u.hash.replace(/^#/, '').split('~')[0]);
  if (!secret || secret.length !== 32) {
    throw new CodeError('The secret part of the code (after #) is missing or incomplete. Scan the QR code again.');
  }
  const relayBase = u.origin + (m[1] ? '/' + m[1] : '');
  const ws = (u.protocol === 'https:' ? 'wss://' : 'ws://') + u.host + (m[1] ? '/' + m[1] : '/');
  return { version, relayBase, senderId: m[3], secret, webSocketUrl: ws };
}
