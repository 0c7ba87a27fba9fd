import { LABEL_COUNT } from './labels.ts';

const L = LABEL_COUNT;

/**
 * The weights of a trained tagger: one row of label scores per kept feature, found through an
 * open-addressing table keyed by the 32-bit feature hash, plus label-to-label transition scores.
 */
export class LinearModel {
  private readonly table: Uint32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(
    readonly featureKeys: Uint32Array,
    readonly weights: Float32Array,
    readonly transitions: Float32Array,
  ) {
    let capacity = 1024;
    while (capacity < featureKeys.length * 2) capacity *= 2;
    this.table = new Uint32Array(capacity);
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let row = 0; row < featureKeys.length; row++) {
      let slot = featureKeys[row]! & this.mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & this.mask;
      this.table[slot] = featureKeys[row]!;
      this.slots[slot] = row;
    }
  }

  get rowCount(): number {
    return this.featureKeys.length;
  }

  row(key: number): number {
    const { table, mask } = this;
    let slot = key & mask;
    for (;;) {
      const found = table[slot]!;
      if (found === key) return this.slots[slot]!;
      if (found === 0) return -1;
      slot = (slot + 1) & mask;
    }
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
