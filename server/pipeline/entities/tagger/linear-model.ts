import { LABEL_COUNT } from './labels.ts';

const L = LABEL_COUNT;

/**
 * The weights of a trained tagger: one row of label scores per kept feature, found through an
 * open-addressing table keyed by the 32-bit feature hash, plus label-to-label transition scores.
 */
export class LinearModel {
  /** Pairs of (feature key, row + 1); key 0 marks an empty slot. */
  private readonly table: Int32Array;
  private readonly mask: number;

  constructor(
    readonly featureKeys: Uint32Array,
    readonly weights: Float32Array,
    readonly transitions: Float32Array,
  ) {
    let capacity = 1024;
    while (capacity < featureKeys.length * 1.5) capacity *= 2;
    this.table = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
    for (let row = 0; row < featureKeys.length; row++) {
      const key = featureKeys[row]! | 0;
      let slot = key & this.mask;
      while (this.table[slot * 2] !== 0) slot = (slot + 1) & this.mask;
      this.table[slot * 2] = key;
      this.table[slot * 2 + 1] = row;
    }
  }

  get rowCount(): number {
    return this.featureKeys.length;
  }

  row(key: number): number {
    const { table, mask } = this;
    const k = key | 0;
    let slot = k & mask;
    for (;;) {
      const found = table[slot * 2]!;
      if (found === k) return table[slot * 2 + 1]!;
      if (found === 0) return -1;
      slot = (slot + 1) & mask;
    }
  }

  /** Adds the scores of feature `key` (if kept) to out[base .. base + L). */
  addRow(key: number, out: Float64Array, base: number): void {
    const row = this.row(key);
    if (row < 0) return;
    const w = row * L;
    const { weights } = this;
    for (let c = 0; c < L; c++) out[base + c]! += weights[w + c]!;
  }

  /** Label scores of n tokens into `out` (n × L). */
  emissions(keys: Uint32Array, offsets: Int32Array, n: number, out: Float64Array): void {
    const { weights } = this;
    out.fill(0, 0, n * L);
    for (let i = 0; i < n; i++) {
      const base = i * L;
      for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
        const row = this.row(keys[k]!);
        if (row < 0) continue;
        const w = row * L;
        for (let c = 0; c < L; c++) out[base + c]! += weights[w + c]!;
      }
    }
  }
}
