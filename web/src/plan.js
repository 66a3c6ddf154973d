// What the page still has to send and how much is in flight (SendPlan.java): the want set is replaced by the
// computer's `resume` and grows by Acknowledge ids; lowest id first; at most `windowBytes` beyond the last chunk the
// computer reported (its `progress`), so a dropped connection loses little.

export class SendPlan {
  constructor(total, windowBytes) {
    this.total = total;
    this.windowBytes = windowBytes;
    this.want = new Uint8Array(total);
    this.wanted = 0;
    this.next = 0;
    this.everSent = new Uint8Array(total);
    this.resends = new Uint16Array(total);
    this.inflight = [];
    this.sentBytes = 0;
    this.ackedBytes = 0;
    this.resentChunks = 0;
  }

  /** Replaces the want set with [start, end) ranges; {@code truncated}: everything after the last range too. */
  reset(ranges, truncated) {
    this.want.fill(0);
    this.wanted = 0;
    let last = 0;
    for (const r of ranges) {
      if (!Array.isArray(r) || r.length !== 2) continue;
      const s = Math.max(0, r[0]);
      const e = Math.min(this.total, r[1]);
      for (let i = s; i < e; i++) this.set(i);
      if (e > last) last = e;
    }
    if (truncated) for (let i = last; i < this.total; i++) this.set(i);
    this.next = 0;
    this.inflight = [];
    this.sentBytes = 0;
    this.ackedBytes = 0;
  }

  set(id) {
    if (!this.want[id]) {
      this.want[id] = 1;
      this.wanted++;
      if (id < this.next) this.next = id;
    }
  }

  /** Adds re-requested ids; returns the highest per-chunk request count among them. */
  request(ids) {
    let worst = 0;
    for (const id of ids) {
      if (Number.isInteger(id) && id >= 0 && id < this.total) {
        this.set(id);
        this.resends[id] = Math.min(65535, this.resends[id] + 1);
        worst = Math.max(worst, this.resends[id]);
      }
    }
    return worst;
  }

  hasWork() {
    return this.wanted > 0;
  }

  windowOpen() {
    return this.sentBytes - this.ackedBytes < this.windowBytes;
  }

  /** The next chunk to send, removed from the want set; -1 if none. */
  take() {
    if (this.wanted === 0) return -1;
    while (!this.want[this.next]) this.next++;
    const id = this.next;
    this.want[id] = 0;
    this.wanted--;
    return id;
  }

  /** Puts back a chunk that could not be sent (not a re-request). */
  putBack(id) {
    this.set(id);
  }

  /** Records that {@code id} ({@code length} bytes of data) was sent; true if it had been sent before. */
  sent(id, length) {
    this.sentBytes += Math.max(length, 1);
    this.inflight.push([id, this.sentBytes]);
    if (this.everSent[id]) {
      this.resentChunks++;
      return true;
    }
    this.everSent[id] = 1;
    return false;
  }

  /** The computer reported {@code id} as the last chunk it got: everything sent up to it left the pipe. */
  reached(id) {
    const k = this.inflight.findIndex((e) => e[0] === id);
    if (k < 0) return;
    this.ackedBytes = this.inflight[k][1];
    this.inflight.splice(0, k + 1);
  }
}
