// How large a file this browser can assemble in memory (no streaming-to-disk API on plain-http pages).
// iOS Safari crashes around 0.5–1 GB (PairDrop caps it at 200 MB); Chrome on Android fails near 1.2 GB.

const MB = 1000 * 1000;

/** { bytes, device } for a user agent; conservative on purpose. */
export function memoryLimit(userAgent, maxTouchPoints = 0) {
  const ua = userAgent || '';
  if (/iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && maxTouchPoints > 1)) return { bytes: 200 * MB, device: 'iPhone or iPad' };
  if (/Android/.test(ua)) return { bytes: 800 * MB, device: 'Android phone' };
  return { bytes: 2000 * MB, device: 'browser' };
}

export function formatBytes(n) {
  if (n < 1000) return n + ' B';
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = -1;
  do { v /= 1000; u++; } while (v >= 1000 && u < units.length - 1);
  return (v >= 100 ? v.toFixed(0) : v.toFixed(1)) + ' ' + units[u];
}
