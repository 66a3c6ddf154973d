// Small DOM helpers shared by the page's screens.
export const $ = (id) => document.getElementById(id);

export function setStatus(text, kind) {
  const s = $('status');
  s.textContent = text;
  s.className = 'status' + (kind ? ' ' + kind : '');
}

export function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Bytes per second over the last few seconds of (time, bytes) samples. */
export class Speed {
  constructor() {
    this.samples = [];
  }

  add(bytes, now = Date.now()) {
    this.samples.push([now, bytes]);
    while (this.samples.length > 2 && now - this.samples[0][0] > 3000) this.samples.shift();
    const [t0, b0] = this.samples[0];
    return now - t0 >= 500 ? (bytes - b0) * 1000 / (now - t0) : 0;
  }
}
