import { hashString } from './hash.ts';
import { normalizeWord, wordShape } from './normalize.ts';
import { CAP_UNKNOWN, lexCap, lexCoarse, lexFine, type TaggerResources } from './resources.ts';

/**
 * What the tagger knows about one distinct word: its hashed properties (computed once per word and
 * cached by the feature extractor), its gazetteer status, and caches of its summed feature scores.
 */

// Slots of a word's cached hashes.
export const W_WORD = 0;
export const W_LOWER = 1;
export const W_SHAPE = 2;
export const W_PRE = 3; // 3 slots
export const W_SUF = 6; // 4 slots
export const W_FINE = 10;
export const W_COARSE = 11;
export const W_CAP = 12;
export const W_TITLE = 13;
export const W_STEM = 14;
export const W_UPPER = 15;
export const W_LETTERS = 16;
export const W_LOWER_SHAPE = 17;
export const W_PRE4 = 18;
export const W_SUF5 = 19;
export const W_JOINED = 20;
export const W_STEM_SUF = 21; // 2 slots
export const W_AL_REST = 23;
export const W_SLOTS = 24;

/** Seed of the normalised-word hash (W_LOWER): gazetteer phrases are hashed with it too. */
export const LOWER_SEED = 1;

export interface WordInfo {
  /** Small integer naming the word in pair caches; 0 is the sentence boundary. */
  id: number;
  hashes: Uint32Array;
  norm: string;
  /** Longest gazetteer phrase starting with this word (0: none). */
  gazetteerLongest: number;
  /** Longest training-data name starting with this word (0: none). */
  memoryLongest: number;
  /** Summed label scores of this word's features per cache slot (group, case mode, folding); see `score`. */
  vectors: Float32Array | null;
  /** Bit per slot of `vectors` already computed. */
  ready: number;
}

const PERSIAN_SUFFIXES = ['های', 'ها', 'ای', 'ان', 'ی', 'ش', 'م', 'ت'];

export function stemOf(lower: string): string {
  const zwnj = lower.indexOf('\u200c');
  if (zwnj > 0) return lower.slice(0, zwnj);
  for (const suffix of PERSIAN_SUFFIXES) {
    if (lower.length > suffix.length + 2 && lower.endsWith(suffix)) return lower.slice(0, -suffix.length);
  }
  if (lower.length > 4 && lower.endsWith('s')) return lower.slice(0, -1);
  return lower;
}

export function boundaryInfo(): WordInfo {
  return { id: 0, hashes: new Uint32Array(W_SLOTS), norm: '', gazetteerLongest: 0, memoryLongest: 0, vectors: null, ready: 0 };
}

export function computeWordInfo(raw: string, id: number, resources: TaggerResources): WordInfo {
  const word = raw.length > 64 ? raw.slice(0, 64) : raw;
  const norm = normalizeWord(word);
  const h = new Uint32Array(W_SLOTS);
  h[W_WORD] = hashString(word);
  h[W_LOWER] = hashString(norm, LOWER_SEED);
  h[W_SHAPE] = hashString(wordShape(word), 2);
  h[W_LOWER_SHAPE] = hashString(wordShape(norm), 2);
  for (let k = 0; k < 3; k++) h[W_PRE + k] = norm.length > k + 1 ? hashString(norm.slice(0, k + 1), 3 + k) : 0;
  for (let k = 0; k < 4; k++) h[W_SUF + k] = norm.length > k + 1 ? hashString(norm.slice(-(k + 1)), 7 + k) : 0;
  h[W_PRE4] = norm.length > 5 ? hashString(norm.slice(0, 4), 13) : 0;
  h[W_SUF5] = norm.length > 6 ? hashString(norm.slice(-5), 14) : 0;
  const stem = stemOf(norm);
  let packed = resources.lexicon.get(norm) ?? 0;
  if (resources.morphology === true) packed = morphologyHashes(h, norm, stem, packed, resources.lexicon);
  h[W_FINE] = lexFine(packed);
  h[W_COARSE] = lexCoarse(packed);
  h[W_CAP] = packed === 0 ? CAP_UNKNOWN : lexCap(packed);
  h[W_TITLE] = resources.titles.has(norm) ? 1 : 0;
  h[W_STEM] = hashString(stem, 12);
  const hasLetters = /\p{L}/u.test(word);
  const upper = hasLetters && !/\p{Ll}/u.test(word) && word.toLowerCase() !== word;
  h[W_UPPER] = upper ? 1 : 0;
  h[W_LETTERS] = hasLetters && !upper ? 1 : 0;
  const gazetteerLongest = resources.gazetteerStarts.get(norm) ?? 0;
  const memoryLongest = resources.memoryStarts?.get(norm) ?? 0;
  return { id, hashes: h, norm, gazetteerLongest, memoryLongest, vectors: null, ready: 0 };
}

/**
 * Persian writes clitics (ها، های، ی، ان) and the Arabic article on the word, and tweets write the
 * zero-width non-joiner or leave it out: the forms without them, and an unseen inflection's clusters
 * borrowed from its stem. Returns the lexicon entry to use.
 */
function morphologyHashes(h: Uint32Array, norm: string, stem: string, packed: number, lexicon: Map<string, number>): number {
  const joined = norm.includes('\u200c') ? norm.replace(/\u200c/gu, '') : norm;
  h[W_JOINED] = hashString(joined, 15);
  for (let k = 0; k < 2; k++) h[W_STEM_SUF + k] = stem !== norm && stem.length > k + 2 ? hashString(stem.slice(-(k + 2)), 16 + k) : 0;
  const article = norm.length > 4 && norm.startsWith('ال');
  h[W_AL_REST] = article ? hashString(norm.slice(2), 18) : 0;
  if (packed === 0 && stem !== norm) packed = lexicon.get(stem) ?? 0;
  if (packed === 0 && article) packed = lexicon.get(norm.slice(2)) ?? 0;
  return packed;
}

/** A line mostly in capitals (cable headers, names in caps): case features say nothing there. */
export function isCapsLine(infos: readonly WordInfo[], n: number): boolean {
  let upper = 0;
  let lettered = 0;
  for (let i = 0; i < n; i++) {
    const h = infos[i]!.hashes;
    if (h[W_UPPER]) upper++;
    if (h[W_UPPER] || h[W_LETTERS]) lettered++;
  }
  return lettered >= 3 && upper >= 0.8 * lettered;
}
