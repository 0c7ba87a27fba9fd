import type { AlignmentPair } from './api/types.ts';

// An editor's corrections to how an original's passages pair with a translation's: two pairs that are
// really one paragraph are joined, and a pair that holds two paragraphs on each side is split.

/** Joins pair `index` with the pair after it. */
export function joinWithNext(pairs: readonly AlignmentPair[], index: number): AlignmentPair[] {
  const pair = pairs[index];
  const next = pairs[index + 1];
  if (!pair || !next) return [...pairs];
  const joined = { original: [...pair.original, ...next.original], translation: [...pair.translation, ...next.translation] };
  return [...pairs.slice(0, index), joined, ...pairs.slice(index + 2)];
}

/** Whether splitting can leave a passage on each side of both halves, or at least one passage in each. */
export function canSplit(pair: AlignmentPair): boolean {
  return pair.original.length + pair.translation.length > 1 && (pair.original.length > 1 || pair.translation.length > 1);
}

/**
 * Splits pair `index` in two: the first passage of each side stays, the rest moves to a new pair
 * after it. A side with one passage keeps it in the first half.
 */
export function splitPair(pairs: readonly AlignmentPair[], index: number): AlignmentPair[] {
  const pair = pairs[index];
  if (!pair || !canSplit(pair)) return [...pairs];
  const first = { original: pair.original.slice(0, 1), translation: pair.translation.slice(0, 1) };
  const rest = { original: pair.original.slice(1), translation: pair.translation.slice(1) };
  return [...pairs.slice(0, index), first, rest, ...pairs.slice(index + 1)];
}
