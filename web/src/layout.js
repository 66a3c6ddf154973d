// Global chunk ids over the manifest's files (ChunkLayout.java): file i owns [first(i), first(i) + count(i)),
// count = max(1, ceil(size / chunksize)); an empty file has one empty chunk.

export class ChunkLayout {
  constructor(sizes, chunkSize) {
    if (!(chunkSize > 0)) throw new Error('chunk size must be positive');
    this.sizes = sizes;
    this.chunkSize = chunkSize;
    this.first = [];
    let total = 0;
    for (const s of sizes) {
      this.first.push(total);
      total += Math.max(1, Math.ceil(s / chunkSize));
    }
    this.chunkTotal = total;
    if (total > 2 ** 31 - 1) throw new Error('too many chunks');
  }

  count(file) {
    return Math.max(1, Math.ceil(this.sizes[file] / this.chunkSize));
  }

  fileOf(id) {
    let lo = 0;
    let hi = this.sizes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.first[mid] <= id) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /** The chunk at a global id: { fileIndex, chunkId, chunkTotal, offset, length, last }. */
  ref(id) {
    if (!(Number.isInteger(id) && id >= 0 && id < this.chunkTotal)) throw new Error('chunk id out of range');
    const file = this.fileOf(id);
    const index = id - this.first[file];
    const offset = index * this.chunkSize;
    const length = Math.min(this.chunkSize, this.sizes[file] - offset);
    return { fileIndex: file, chunkId: id, chunkTotal: this.chunkTotal, offset, length: Math.max(0, length),
      last: index === this.count(file) - 1 };
  }
}
