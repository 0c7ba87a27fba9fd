import { FeatureExtractor } from '../features.ts';
import { LABEL_COUNT } from '../labels.ts';
import { LinearModel } from '../linear-model.ts';
import type { TaggerResources } from '../resources.ts';
import { viterbi } from '../viterbi.ts';
import type { LabelledSentence } from './conll.ts';
import { seededRandom, shuffle } from './random.ts';

/**
 * Structured averaged perceptron (Collins 2002): decode each training sentence with Viterbi under the
 * current weights, move the weights towards the gold sequence where they differ, and ship the average
 * of the weights over all steps. Features seen fewer than `minCount` times get no row; rows whose
 * averaged weights all stay below `pruneBelow` are dropped at the end.
 */

const L = LABEL_COUNT;

export interface PerceptronOptions {
  epochs: number;
  seed: number;
  minCount: number;
  pruneBelow: number;
  /**
   * Share of tokens trained for one step as if their word had never been seen: the features naming the
   * word (the word, its stem, its clusters and case habits, the word bigrams) are hidden, so affixes and
   * context learn to find names that no training sentence holds.
   */
  wordDropout?: number;
  /** Resources for the features of training sentence `index` (default: the same for all). */
  resourcesFor?: (index: number) => TaggerResources;
  /** Called after each epoch with the averaged model so far (dev scores). */
  onEpoch?: (epoch: number, model: LinearModel) => void;
}

interface Encoded {
  rows: Int32Array;
  /** 1 where rows[k] names the word itself (see `wordDropout`). */
  lexical: Uint8Array;
  offsets: Int32Array;
  labels: Int32Array;
}

export function trainPerceptron(sentences: LabelledSentence[], resources: TaggerResources, options: PerceptronOptions): LinearModel {
  const { encoded, keys } = encode(sentences, options.resourcesFor ?? (() => resources), options.minCount);
  const rowCount = keys.length;
  const weights = new Float64Array(rowCount * L);
  const totals = new Float64Array(rowCount * L);
  const transitions = new Float64Array((L + 1) * L);
  const transitionTotals = new Float64Array((L + 1) * L);
  const random = seededRandom(options.seed);
  const order = encoded.map((_, i) => i);
  let step = 1;
  let emissions = new Float64Array(256 * L);
  let predicted = new Int32Array(256);
  let dropped = new Uint8Array(256);
  const dropout = options.wordDropout ?? 0;
  const update = (row: number, label: number, delta: number): void => {
    weights[row * L + label]! += delta;
    totals[row * L + label]! += step * delta;
  };
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    shuffle(order, random);
    for (const index of order) {
      const s = encoded[index]!;
      const n = s.labels.length;
      if (emissions.length < n * L) emissions = new Float64Array(n * L * 2);
      if (predicted.length < n) predicted = new Int32Array(n * 2);
      if (dropped.length < n) dropped = new Uint8Array(n * 2);
      for (let i = 0; i < n; i++) dropped[i] = dropout > 0 && random() < dropout ? 1 : 0;
      score(s, weights, emissions, dropped);
      viterbi(emissions, n, transitions, predicted);
      for (let i = 0; i < n; i++) {
        const gold = s.labels[i]!;
        const guess = predicted[i]!;
        if (gold !== guess) {
          for (let k = s.offsets[i]!; k < s.offsets[i + 1]!; k++) {
            if (dropped[i] && s.lexical[k]) continue;
            update(s.rows[k]!, gold, 1);
            update(s.rows[k]!, guess, -1);
          }
        }
        const goldPrevious = i === 0 ? -1 : s.labels[i - 1]!;
        const guessPrevious = i === 0 ? -1 : predicted[i - 1]!;
        if (gold !== guess || goldPrevious !== guessPrevious) {
          const g = (goldPrevious + 1) * L + gold;
          const p = (guessPrevious + 1) * L + guess;
          transitions[g]! += 1;
          transitionTotals[g]! += step;
          transitions[p]! -= 1;
          transitionTotals[p]! -= step;
        }
      }
      step++;
    }
    options.onEpoch?.(epoch, averaged(keys, weights, totals, transitions, transitionTotals, step, 0));
  }
  return averaged(keys, weights, totals, transitions, transitionTotals, step, options.pruneBelow);
}

function score(s: Encoded, weights: Float64Array, out: Float64Array, dropped: Uint8Array): void {
  const n = s.labels.length;
  out.fill(0, 0, n * L);
  for (let i = 0; i < n; i++) {
    const base = i * L;
    const drop = dropped[i] === 1;
    for (let k = s.offsets[i]!; k < s.offsets[i + 1]!; k++) {
      if (drop && s.lexical[k]) continue;
      const w = s.rows[k]! * L;
      for (let c = 0; c < L; c++) out[base + c]! += weights[w + c]!;
    }
  }
}

function averaged(
  keys: Uint32Array,
  weights: Float64Array,
  totals: Float64Array,
  transitions: Float64Array,
  transitionTotals: Float64Array,
  step: number,
  pruneBelow: number,
): LinearModel {
  const kept: number[] = [];
  const average = new Float64Array(weights.length);
  for (let row = 0; row < keys.length; row++) {
    let max = 0;
    for (let c = 0; c < L; c++) {
      const a = weights[row * L + c]! - totals[row * L + c]! / step;
      average[row * L + c] = a;
      max = Math.max(max, Math.abs(a));
    }
    if (max > pruneBelow) kept.push(row);
  }
  const keptKeys = new Uint32Array(kept.length);
  const keptWeights = new Float32Array(kept.length * L);
  kept.forEach((row, i) => {
    keptKeys[i] = keys[row]!;
    for (let c = 0; c < L; c++) keptWeights[i * L + c] = average[row * L + c]!;
  });
  const t = Float32Array.from(transitions, (w, i) => w - transitionTotals[i]! / step);
  return new LinearModel(keptKeys, keptWeights, t);
}

function encode(
  sentences: LabelledSentence[],
  resourcesFor: (index: number) => TaggerResources,
  minCount: number,
): { encoded: Encoded[]; keys: Uint32Array } {
  const extractors = new Map<TaggerResources, FeatureExtractor>();
  const counts = new Map<number, number>();
  const extracted = sentences.map((s, index) => {
    const resources = resourcesFor(index);
    let extractor = extractors.get(resources);
    if (extractor === undefined) extractors.set(resources, (extractor = new FeatureExtractor(resources)));
    const { keys, offsets, lexical } = extractor.extract(s.words);
    const used = keys.slice(0, offsets[s.words.length]!);
    for (const key of used) counts.set(key, (counts.get(key) ?? 0) + 1);
    return { keys: used, offsets, lexical, labels: Int32Array.from(s.labels) };
  });
  const rowOf = new Map<number, number>();
  const keyList: number[] = [];
  for (const [key, count] of counts) {
    if (count < minCount) continue;
    rowOf.set(key, keyList.length);
    keyList.push(key);
  }
  const encoded = extracted.map(({ keys, offsets, lexical, labels }) => {
    const rows: number[] = [];
    const lexicalRows: number[] = [];
    const newOffsets = new Int32Array(offsets.length);
    for (let i = 0; i + 1 < offsets.length; i++) {
      newOffsets[i] = rows.length;
      for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
        const row = rowOf.get(keys[k]!);
        if (row === undefined) continue;
        rows.push(row);
        lexicalRows.push(lexical[k]!);
      }
    }
    newOffsets[offsets.length - 1] = rows.length;
    return { rows: Int32Array.from(rows), lexical: Uint8Array.from(lexicalRows), offsets: newOffsets, labels };
  });
  return { encoded, keys: Uint32Array.from(keyList) };
}
