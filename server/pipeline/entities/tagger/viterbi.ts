import { LABEL_COUNT, allowedTransition } from './labels.ts';

const L = LABEL_COUNT;
const ALLOWED: boolean[] = [];
for (let p = -1; p < L; p++) for (let c = 0; c < L; c++) ALLOWED[(p + 1) * L + c] = allowedTransition(p, c);
/** For each label, the labels that may precede it. */
const PREVIOUS: Int32Array[] = Array.from({ length: L }, (_, c) =>
  Int32Array.from(Array.from({ length: L }, (_, p) => p).filter((p) => allowedTransition(p, c))),
);
/** PREVIOUS flattened: the predecessors of label c are PREVIOUS_FLAT[PREVIOUS_START[c] .. PREVIOUS_START[c + 1]). */
const PREVIOUS_START = new Int32Array(L + 1);
const PREVIOUS_FLAT = new Int32Array(PREVIOUS.reduce((n, p) => n + p.length, 0));
PREVIOUS.forEach((previous, c) => {
  PREVIOUS_FLAT.set(previous, PREVIOUS_START[c]!);
  PREVIOUS_START[c + 1] = PREVIOUS_START[c]! + previous.length;
});

// Reused between calls: tagging is single-threaded per module instance.
let scratchScore = new Float64Array(256 * L);
let scratchBack = new Int32Array(256 * L);
/** Transition scores of PREVIOUS_FLAT's pairs (refilled per call: training changes them in place). */
const pairScores = new Float64Array(PREVIOUS_FLAT.length);

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
  for (let c = 0; c < L; c++) {
    for (let k = PREVIOUS_START[c]!; k < PREVIOUS_START[c + 1]!; k++) pairScores[k] = transitions[(PREVIOUS_FLAT[k]! + 1) * L + c]!;
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
      const end = PREVIOUS_START[c + 1]!;
      for (let k = PREVIOUS_START[c]!; k < end; k++) {
        const p = PREVIOUS_FLAT[k]!;
        const s = score[prevBase + p]! + pairScores[k]!;
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
