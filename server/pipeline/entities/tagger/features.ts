import { fmix, hashString, mix2, mix3 } from './hash.ts';
import { normalizeWord, wordShape } from './normalize.ts';
import { CAP_UNKNOWN, lexCap, lexCoarse, lexFine, type TaggerResources } from './resources.ts';

/**
 * Feature extraction. Each word's own properties are hashed once and cached; a token's features are
 * then integer mixes of a template number with those hashes (and its neighbours'), so tagging builds
 * no feature strings.
 */

// Slots of a word's cached hashes.
const W_WORD = 0;
const W_LOWER = 1;
const W_SHAPE = 2;
const W_PRE = 3; // 3 slots
const W_SUF = 6; // 4 slots
const W_FINE = 10;
const W_COARSE = 11;
const W_CAP = 12;
const W_TITLE = 13;
const W_STEM = 14;
const W_UPPER = 15;
const W_LETTERS = 16;
const W_LOWER_SHAPE = 17;
const W_PRE4 = 18;
const W_SUF5 = 19;
const W_SLOTS = 20;

const T = {
  bias: 1,
  word: 2,
  lower: 3,
  shape: 4,
  pre: 5,
  suf: 8,
  fine: 12,
  coarse: 13,
  cap: 14,
  capShape: 15,
  left1: 16,
  right1: 17,
  left2: 18,
  right2: 19,
  shapeLeft1: 20,
  shapeRight1: 21,
  fineLeft1: 22,
  fineRight1: 23,
  capLeft1: 24,
  capRight1: 25,
  bigramLeft: 26,
  bigramRight: 27,
  shape3: 28,
  gaz: 29,
  gazShape: 30,
  titleLeft1: 31,
  titleLeft1Shape: 32,
  firstShape: 33,
  capsLine: 34,
  stem: 35,
  fineBigram: 36,
  coarseLeft1: 37,
  coarseRight1: 38,
  left1Shape: 39,
  gazLeft1: 40,
  gazRight1: 41,
  titleLeft2: 42,
  pre4: 43,
  suf5: 44,
  around: 45,
} as const;

const BOUNDARY_LEFT = hashString('<s>');
const BOUNDARY_RIGHT = hashString('</s>');
const CAPS_MARK = hashString('<caps>');
const MAX_CACHE = 200_000;

const PERSIAN_SUFFIXES = ['های', 'ها', 'ای', 'ان', 'ی', 'ش', 'م', 'ت'];

function stemOf(lower: string): string {
  const zwnj = lower.indexOf('\u200c');
  if (zwnj > 0) return lower.slice(0, zwnj);
  for (const suffix of PERSIAN_SUFFIXES) {
    if (lower.length > suffix.length + 2 && lower.endsWith(suffix)) return lower.slice(0, -suffix.length);
  }
  if (lower.length > 4 && lower.endsWith('s')) return lower.slice(0, -1);
  return lower;
}

interface WordInfo {
  hashes: Uint32Array;
  norm: string;
}

export class FeatureExtractor {
  private cache = new Map<string, WordInfo>();

  constructor(readonly resources: TaggerResources) {}

  private info(word: string): WordInfo {
    let cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    if (this.cache.size >= MAX_CACHE) this.cache.clear();
    cached = this.compute(word);
    this.cache.set(word, cached);
    return cached;
  }

  private compute(raw: string): WordInfo {
    const word = raw.length > 64 ? raw.slice(0, 64) : raw;
    const norm = normalizeWord(word);
    const h = new Uint32Array(W_SLOTS);
    h[W_WORD] = hashString(word);
    h[W_LOWER] = hashString(norm, 1);
    const shape = wordShape(word);
    h[W_SHAPE] = hashString(shape, 2);
    h[W_LOWER_SHAPE] = hashString(wordShape(norm), 2);
    for (let k = 0; k < 3; k++) h[W_PRE + k] = norm.length > k + 1 ? hashString(norm.slice(0, k + 1), 3 + k) : 0;
    for (let k = 0; k < 4; k++) h[W_SUF + k] = norm.length > k + 1 ? hashString(norm.slice(-(k + 1)), 7 + k) : 0;
    h[W_PRE4] = norm.length > 5 ? hashString(norm.slice(0, 4), 13) : 0;
    h[W_SUF5] = norm.length > 6 ? hashString(norm.slice(-5), 14) : 0;
    const packed = this.resources.lexicon.get(norm) ?? 0;
    h[W_FINE] = lexFine(packed);
    h[W_COARSE] = lexCoarse(packed);
    h[W_CAP] = packed === 0 ? CAP_UNKNOWN : lexCap(packed);
    h[W_TITLE] = this.resources.titles.has(norm) ? 1 : 0;
    h[W_STEM] = hashString(stemOf(norm), 12);
    const hasLetters = /\p{L}/u.test(word);
    const upper = hasLetters && !/\p{Ll}/u.test(word) && word.toLowerCase() !== word;
    h[W_UPPER] = upper ? 1 : 0;
    h[W_LETTERS] = hasLetters && !upper ? 1 : 0;
    return { hashes: h, norm };
  }

  /**
   * Feature keys of every token of one sentence: `offsets[i]..offsets[i + 1]` index `keys`.
   */
  extract(words: readonly string[]): { keys: Uint32Array; offsets: Int32Array } {
    const n = words.length;
    const infos = words.map((w) => this.info(w));
    const caps = isCapsLine(infos);
    const gaz = this.gazetteerTags(infos);
    const keys = new Uint32Array(n * 48);
    const offsets = new Int32Array(n + 1);
    let k = 0;
    const push = (key: number): void => {
      keys[k++] = key === 0 ? 1 : key;
    };
    const shapeOf = (h: Uint32Array): number => (caps ? mix2(CAPS_MARK, h[W_LOWER_SHAPE]!) : h[W_SHAPE]!);
    for (let i = 0; i < n; i++) {
      offsets[i] = k;
      const h = infos[i]!.hashes;
      const left = i > 0 ? infos[i - 1]!.hashes : null;
      const right = i + 1 < n ? infos[i + 1]!.hashes : null;
      const left2 = i > 1 ? infos[i - 2]!.hashes : null;
      const right2 = i + 2 < n ? infos[i + 2]!.hashes : null;
      const shape = shapeOf(h);
      const shapeL = left ? shapeOf(left) : BOUNDARY_LEFT;
      const shapeR = right ? shapeOf(right) : BOUNDARY_RIGHT;
      const lowerL = left ? left[W_LOWER]! : BOUNDARY_LEFT;
      const lowerR = right ? right[W_LOWER]! : BOUNDARY_RIGHT;
      const cap = h[W_CAP]!;
      push(fmix(T.bias));
      push(mix2(T.word, caps ? h[W_LOWER]! : h[W_WORD]!));
      push(mix2(T.lower, h[W_LOWER]!));
      push(mix2(T.shape, shape));
      for (let p = 0; p < 3; p++) if (h[W_PRE + p]) push(mix2(T.pre + p, h[W_PRE + p]!));
      for (let s = 0; s < 4; s++) if (h[W_SUF + s]) push(mix2(T.suf + s, h[W_SUF + s]!));
      push(mix2(T.fine, h[W_FINE]!));
      push(mix2(T.coarse, h[W_COARSE]!));
      push(mix2(T.cap, cap));
      push(mix3(T.capShape, cap, shape));
      push(mix2(T.left1, lowerL));
      push(mix2(T.right1, lowerR));
      push(mix2(T.left2, left2 ? left2[W_LOWER]! : BOUNDARY_LEFT));
      push(mix2(T.right2, right2 ? right2[W_LOWER]! : BOUNDARY_RIGHT));
      push(mix2(T.shapeLeft1, shapeL));
      push(mix2(T.shapeRight1, shapeR));
      push(mix2(T.fineLeft1, left ? left[W_FINE]! : BOUNDARY_LEFT));
      push(mix2(T.fineRight1, right ? right[W_FINE]! : BOUNDARY_RIGHT));
      push(mix2(T.capLeft1, left ? left[W_CAP]! : BOUNDARY_LEFT));
      push(mix2(T.capRight1, right ? right[W_CAP]! : BOUNDARY_RIGHT));
      push(mix3(T.bigramLeft, lowerL, h[W_LOWER]!));
      push(mix3(T.bigramRight, h[W_LOWER]!, lowerR));
      push(mix3(T.shape3, mix2(shapeL, shape), shapeR));
      push(mix2(T.gaz, gaz[i]!));
      push(mix3(T.gazShape, gaz[i]!, shape));
      push(mix2(T.gazLeft1, i > 0 ? gaz[i - 1]! : 0x7fff));
      push(mix2(T.gazRight1, i + 1 < n ? gaz[i + 1]! : 0x7fff));
      const titleL = left ? left[W_TITLE]! : 2;
      push(mix2(T.titleLeft1, titleL));
      push(mix3(T.titleLeft1Shape, titleL, shape));
      push(mix2(T.titleLeft2, left2 ? left2[W_TITLE]! : 2));
      if (i === 0) push(mix2(T.firstShape, shape));
      push(mix3(T.capsLine, caps ? 1 : 0, cap));
      push(mix2(T.stem, h[W_STEM]!));
      push(mix3(T.fineBigram, left ? left[W_FINE]! : BOUNDARY_LEFT, h[W_FINE]!));
      push(mix2(T.coarseLeft1, left ? left[W_COARSE]! : BOUNDARY_LEFT));
      push(mix2(T.coarseRight1, right ? right[W_COARSE]! : BOUNDARY_RIGHT));
      push(mix3(T.left1Shape, lowerL, shape));
      if (this.resources.extendedFeatures) {
        if (h[W_PRE4]) push(mix2(T.pre4, h[W_PRE4]!));
        if (h[W_SUF5]) push(mix2(T.suf5, h[W_SUF5]!));
        push(mix3(T.around, lowerL, lowerR));
      }
    }
    offsets[n] = k;
    return { keys, offsets };
  }

  /** Per token: 0, or (GAZ_* bits << 1 | 1 at a phrase's first word), from the longest phrase covering it. */
  private gazetteerTags(infos: WordInfo[]): Uint32Array {
    const { gazetteer, gazetteerStarts } = this.resources;
    const tags = new Uint32Array(infos.length);
    for (let i = 0; i < infos.length; i++) {
      const longest = gazetteerStarts.get(infos[i]!.norm);
      if (longest === undefined) continue;
      for (let len = Math.min(longest, infos.length - i); len >= 1; len--) {
        let phrase = infos[i]!.norm;
        for (let j = 1; j < len; j++) phrase += ' ' + infos[i + j]!.norm;
        const bits = gazetteer.get(phrase);
        if (bits === undefined) continue;
        for (let j = 0; j < len; j++) if (tags[i + j] === 0) tags[i + j] = (bits << 1) | (j === 0 ? 1 : 0);
        break;
      }
    }
    return tags;
  }
}

/** A line mostly in capitals (cable headers, names in caps): case features say nothing there. */
function isCapsLine(infos: WordInfo[]): boolean {
  let upper = 0;
  let lettered = 0;
  for (const info of infos) {
    if (info.hashes[W_UPPER]) upper++;
    if (info.hashes[W_UPPER] || info.hashes[W_LETTERS]) lettered++;
  }
  return lettered >= 3 && upper >= 0.8 * lettered;
}
