import { LABEL_COUNT, allowedTransition } from './labels.ts';

const L = LABEL_COUNT;
const ALLOWED: boolean[] = [];
for (let p = -1; p < L; p++) for (let c = 0; c < L; c++) ALLOWED[(p + 1) * L + c] = allowedTransition(p, c);
/** For each label, the labels that may precede it. */
const PREVIOUS: Int32Array[] = Array.from({ length: L }, (_, c) =>
  Int32Array.from(Array.from({ length: L }, (_, p) => p).filter((p) => allowedTransition(p, c))),
);

// Reused between calls: tagging is single-threaded per module instance.
let scratchScore = new Float64Array(256 * L);
let scratchBack = new Int32Array(256 * L);

/**
 * First-order Viterbi over BIO labels, with ill-formed transitions (O → I-PER) forbidden.
 * `emissions` holds n × L scores; `transitions` (L + 1) × L scores, row 0 being the sentence start.
 */
export function viterbi(emissions: Float64Array | Float32Array, n: number, transitions: ArrayLike<number>, out: Int32Array): void {
  if (n === 0) return;
  if (scratchScore.length < n * L) {
    scratchScore = new Float64Array(n * L * 2);
    scratchBack = new Int32Array(n * L * 2);
  }
  const score = scratchScore;
  const back = scratchBack;
  for (let c = 0; c < L; c++) score[c] = ALLOWED[c] ? emissions[c]! + transitions[c]! : -Infinity;
  for (let i = 1; i < n; i++) {
    const base = i * L;
    const prevBase = base - L;
    for (let c = 0; c < L; c++) {
      let best = -Infinity;
      let arg = 0;
      const previous = PREVIOUS[c]!;
      for (let k = 0; k < previous.length; k++) {
        const p = previous[k]!;
        const s = score[prevBase + p]! + transitions[(p + 1) * L + c]!;
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[base + c] = best + emissions[base + c]!;
      back[base + c] = arg;
    }
  }
  let best = -Infinity;
  let arg = 0;
  const last = (n - 1) * L;
  for (let c = 0; c < L; c++) {
    if (score[last + c]! > best) {
      best = score[last + c]!;
      arg = c;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    out[i] = arg;
    arg = back[i * L + arg]!;
  }
}
