import { fmix } from './hash.ts';

/**
 * Summed label scores per pair of small integers (two word ids), in one flat open-addressing table:
 * no object or typed array per pair, so tagging a large text allocates next to nothing. When full, it
 * starts again empty (the scores are only a cache).
 */
export class PairCache {
  private readonly keyA: Int32Array;
  private readonly keyB: Int32Array;
  private readonly entry: Int32Array;
  private readonly mask: number;
  private count = 0;
  /** `width` scores per entry; entry e's scores are values[e * width .. (e + 1) * width). */
  readonly values: Float32Array;

  constructor(
    readonly width: number,
    readonly capacity: number,
  ) {
    let size = 1024;
    while (size < capacity * 2) size *= 2;
    this.mask = size - 1;
    this.keyA = new Int32Array(size).fill(-1);
    this.keyB = new Int32Array(size);
    this.entry = new Int32Array(size);
    this.values = new Float32Array(capacity * width);
  }

  /** Offset into `values` of the pair's scores, or -1 when it is not cached. */
  find(a: number, b: number): number {
    const { keyA, keyB, mask } = this;
    let slot = fmix(Math.imul(a, 0x9e3779b1) ^ b) & mask;
    for (;;) {
      const found = keyA[slot]!;
      if (found === -1) return -1;
      if (found === a && keyB[slot] === b) return this.entry[slot]! * this.width;
      slot = (slot + 1) & mask;
    }
  }

  /** Makes room for a pair not yet cached and returns the offset of its (zeroed) scores. */
  insert(a: number, b: number): number {
    if (this.count >= this.capacity) this.clear();
    const { keyA, mask } = this;
    let slot = fmix(Math.imul(a, 0x9e3779b1) ^ b) & mask;
    while (keyA[slot] !== -1) slot = (slot + 1) & mask;
    const e = this.count++;
    keyA[slot] = a;
    this.keyB[slot] = b;
    this.entry[slot] = e;
    const offset = e * this.width;
    this.values.fill(0, offset, offset + this.width);
    return offset;
  }

  clear(): void {
    this.keyA.fill(-1);
    this.count = 0;
  }
}
