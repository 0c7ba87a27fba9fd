import { fmix, hashString, mix2, mix3 } from './hash.ts';
import { normalizeWord, wordShape } from './normalize.ts';
import { LABEL_COUNT } from './labels.ts';
import type { LinearModel } from './linear-model.ts';
import { CAP_UNKNOWN, lexCap, lexCoarse, lexFine, type TaggerResources } from './resources.ts';

const L = LABEL_COUNT;

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

/** The feature every token has: its row holds each label's prior score. */
export const BIAS_KEY = fmix(T.bias);

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
  /** Longest gazetteer phrase starting with this word (0: none). */
  gazetteerLongest: number;
  /** Summed label scores of this word's features per cache slot (group, case mode, folding); see `score`. */
  vectors: Float32Array | null;
  /** Bit per slot of `vectors` already computed. */
  ready: number;
  /** Scores of the features joining this word to the word before it, per left word (and case mode). */
  pairs: Map<WordInfo, Float32Array> | undefined;
  capsPairs: Map<WordInfo, Float32Array> | undefined;
  /** Scores of the bigram feature joining this word to the word after it, per right word. */
  rightPairs: Map<WordInfo, Float32Array> | undefined;
}

type Sink = (key: number, lexical?: boolean) => void;

// Feature groups that depend on one word only, so their scores can be cached per word.
const G_SELF = 0;
const G_LEFT1 = 1;
const G_RIGHT1 = 2;
const G_LEFT2 = 3;
const GROUPS = 5;
const GROUP_OFFSET = [0, -1, 1, -2, 2];
const FOLD_SELF = 1;
const FOLD_LEFT = 2;
const FOLD_RIGHT = 4;
const FOLD_PAIR = 8;
const FOLD_BIGRAM_RIGHT = 16;
const FOLD_SHAPE3 = 32;
/** Word pairs whose scores are remembered before the caches start again (some tens of MB at most). */
const MAX_PAIRS = 300_000;
const GROUP_FOLD = [FOLD_SELF, FOLD_LEFT, FOLD_RIGHT, 0, 0];

export class FeatureExtractor {
  private cache = new Map<string, WordInfo>();
  private pairCount = 0;
  /** Scores of low-cardinality context features (shape trigrams) by feature key. */
  private readonly keyMemo = new Map<number, Float32Array>();
  private readonly boundary: WordInfo = {
    hashes: new Uint32Array(W_SLOTS),
    norm: '',
    gazetteerLongest: 0,
    vectors: null,
    ready: 0,
    pairs: undefined,
    capsPairs: undefined,
    rightPairs: undefined,
  };

  constructor(readonly resources: TaggerResources) {}

  info(word: string): WordInfo {
    let cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    if (this.cache.size >= MAX_CACHE) this.forget();
    cached = this.compute(word);
    this.cache.set(word, cached);
    return cached;
  }

  private forget(): void {
    this.cache.clear();
    this.pairCount = 0;
    this.boundary.vectors = null;
    this.boundary.ready = 0;
    this.boundary.pairs = undefined;
    this.boundary.capsPairs = undefined;
    this.boundary.rightPairs = undefined;
    this.keyMemo.clear();
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
    const gazetteerLongest = this.resources.gazetteerStarts.get(norm) ?? 0;
    return { hashes: h, norm, gazetteerLongest, vectors: null, ready: 0, pairs: undefined, capsPairs: undefined, rightPairs: undefined };
  }

  /** Feature keys of every token of one sentence: `offsets[i]..offsets[i + 1]` index `keys`. */
  extract(words: readonly string[]): { keys: Uint32Array; offsets: Int32Array; lexical: Uint8Array } {
    const n = words.length;
    const infos = words.map((w) => this.info(w));
    const caps = isCapsLine(infos);
    const gaz = this.gazetteerTags(infos);
    let keys = new Uint32Array(n * 48 + 16);
    let lexical = new Uint8Array(keys.length);
    const offsets = new Int32Array(n + 1);
    let k = 0;
    const push: Sink = (key, isLexical) => {
      if (k === keys.length) {
        const grown = new Uint32Array(keys.length * 2);
        grown.set(keys);
        keys = grown;
        const grownLexical = new Uint8Array(keys.length);
        grownLexical.set(lexical);
        lexical = grownLexical;
      }
      lexical[k] = isLexical ? 1 : 0;
      keys[k++] = key === 0 ? 1 : key;
    };
    for (let i = 0; i < n; i++) {
      offsets[i] = k;
      for (let group = 0; group < GROUPS; group++) this.groupFeatures(group, this.neighbour(infos, i, group), caps, push);
      this.contextFeatures(infos, i, caps, gaz, push);
    }
    offsets[n] = k;
    return { keys, offsets, lexical };
  }

  /**
   * Label scores of one sentence into `out` (n × labels): the same features as `extract`, but the
   * word-only groups are summed once per word and cached, so a token costs about a dozen lookups.
   */
  score(words: readonly string[], model: LinearModel, out: Float64Array): void {
    const n = words.length;
    const infos: WordInfo[] = new Array(n);
    for (let i = 0; i < n; i++) infos[i] = this.info(words[i]!);
    const caps = isCapsLine(infos);
    const gaz = this.gazetteerTags(infos);
    out.fill(0, 0, n * L);
    let base = 0;
    const push: Sink = (key) => model.addRow(key === 0 ? 1 : key, out, base);
    for (let i = 0; i < n; i++) {
      base = i * L;
      // Outside gazetteer phrases (most tokens) the gazetteer features are word-only too: cached with them.
      const fold =
        (gaz[i] === 0 ? FOLD_SELF : 0) | (i === 0 || gaz[i - 1] === 0 ? FOLD_LEFT : 0) | (i + 1 === n || gaz[i + 1] === 0 ? FOLD_RIGHT : 0);
      for (let group = 0; group < GROUPS; group++) {
        const j = i + GROUP_OFFSET[group]!;
        const folded = (fold & GROUP_FOLD[group]!) !== 0;
        const info = j >= 0 && j < n ? infos[j]! : this.boundary;
        const offset = this.groupVector(group, info, caps, folded, model);
        const vector = info.vectors!;
        for (let c = 0; c < L; c++) out[base + c]! += vector[offset + c]!;
      }
      const pair = this.pairVector(i > 0 ? infos[i - 1]! : this.boundary, infos[i]!, caps, i === 0, model);
      for (let c = 0; c < L; c++) out[base + c]! += pair[c]!;
      const right = this.rightPairVector(infos[i]!, i + 1 < n ? infos[i + 1]! : this.boundary, model);
      for (let c = 0; c < L; c++) out[base + c]! += right[c]!;
      const shape3 = this.memoVector(shape3Key(infos, i, caps), model);
      for (let c = 0; c < L; c++) out[base + c]! += shape3[c]!;
      this.contextFeatures(infos, i, caps, gaz, push, fold | FOLD_PAIR | FOLD_BIGRAM_RIGHT | FOLD_SHAPE3);
    }
  }

  private rightPairVector(info: WordInfo, right: WordInfo, model: LinearModel): Float32Array {
    let pairs = info.rightPairs;
    if (pairs === undefined) info.rightPairs = pairs = new Map();
    let vector = pairs.get(right);
    if (vector === undefined) {
      const sum = new Float64Array(L);
      model.addRow(
        nonZero(mix3(T.bigramRight, info.hashes[W_LOWER]!, right === this.boundary ? BOUNDARY_RIGHT : right.hashes[W_LOWER]!)),
        sum,
        0,
      );
      vector = Float32Array.from(sum);
      if (++this.pairCount > MAX_PAIRS) this.forget();
      pairs.set(right, vector);
    }
    return vector;
  }

  private memoVector(key: number, model: LinearModel): Float32Array {
    let vector = this.keyMemo.get(key);
    if (vector === undefined) {
      const sum = new Float64Array(L);
      model.addRow(key, sum, 0);
      vector = Float32Array.from(sum);
      if (this.keyMemo.size >= MAX_PAIRS) this.keyMemo.clear();
      this.keyMemo.set(key, vector);
    }
    return vector;
  }

  private pairVector(left: WordInfo, info: WordInfo, caps: boolean, first: boolean, model: LinearModel): Float32Array {
    let pairs = caps ? info.capsPairs : info.pairs;
    if (pairs === undefined) {
      pairs = new Map();
      if (caps) info.capsPairs = pairs;
      else info.pairs = pairs;
    }
    let vector = pairs.get(left);
    if (vector === undefined) {
      const sum = new Float64Array(L);
      this.pairFeatures(left === this.boundary ? null : left.hashes, info.hashes, caps, first, (key) =>
        model.addRow(key === 0 ? 1 : key, sum, 0),
      );
      vector = Float32Array.from(sum);
      if (++this.pairCount > MAX_PAIRS) this.forget();
      pairs.set(left, vector);
    }
    return vector;
  }

  /** Features of a token that depend on it and the word before it only. */
  private pairFeatures(left: Uint32Array | null, h: Uint32Array, caps: boolean, first: boolean, push: Sink): void {
    const shape = shapeOf(h, caps);
    const lowerL = left ? left[W_LOWER]! : BOUNDARY_LEFT;
    push(mix3(T.bigramLeft, lowerL, h[W_LOWER]!), true);
    push(mix3(T.titleLeft1Shape, left ? left[W_TITLE]! : 2, shape));
    if (first) push(mix2(T.firstShape, shape));
    push(mix3(T.fineBigram, left ? left[W_FINE]! : BOUNDARY_LEFT, h[W_FINE]!), true);
    push(mix3(T.left1Shape, lowerL, shape));
  }

  private neighbour(infos: WordInfo[], i: number, group: number): WordInfo {
    return infos[i + GROUP_OFFSET[group]!] ?? this.boundary;
  }

  /** Offset into `info.vectors` of the cached scores of one group. */
  private groupVector(group: number, info: WordInfo, caps: boolean, folded: boolean, model: LinearModel): number {
    const slot = group * 4 + (caps ? 2 : 0) + (folded ? 1 : 0);
    const offset = slot * L;
    if (info.vectors === null) info.vectors = new Float32Array(GROUPS * 4 * L);
    if ((info.ready & (1 << slot)) === 0) {
      const sum = new Float64Array(L);
      const push: Sink = (key) => model.addRow(key === 0 ? 1 : key, sum, 0);
      this.groupFeatures(group, info, caps, push);
      if (folded) this.foldedGazetteerFeatures(group, info, caps, push);
      info.vectors.set(sum, offset);
      info.ready |= 1 << slot;
    }
    return offset;
  }

  /** The gazetteer features of a token outside any phrase, for the group they are cached with. */
  private foldedGazetteerFeatures(group: number, info: WordInfo, caps: boolean, push: Sink): void {
    const present = info !== this.boundary;
    if (group === G_SELF) {
      push(mix2(T.gaz, 0));
      push(mix3(T.gazShape, 0, shapeOf(info.hashes, caps)));
    } else if (group === G_LEFT1) push(mix2(T.gazLeft1, present ? 0 : 0x7fff));
    else if (group === G_RIGHT1) push(mix2(T.gazRight1, present ? 0 : 0x7fff));
  }

  private groupFeatures(group: number, info: WordInfo, caps: boolean, push: Sink): void {
    const h = info.hashes;
    const present = info !== this.boundary;
    const left = group === G_LEFT1 || group === G_LEFT2;
    const edge = left ? BOUNDARY_LEFT : BOUNDARY_RIGHT;
    const shape = present ? shapeOf(h, caps) : edge;
    const lower = present ? h[W_LOWER]! : edge;
    switch (group) {
      case G_SELF:
        this.selfFeatures(h, caps, push);
        return;
      case G_LEFT1:
        push(mix2(T.left1, lower));
        push(mix2(T.shapeLeft1, shape));
        push(mix2(T.fineLeft1, present ? h[W_FINE]! : edge));
        push(mix2(T.capLeft1, present ? h[W_CAP]! : edge));
        push(mix2(T.titleLeft1, present ? h[W_TITLE]! : 2));
        push(mix2(T.coarseLeft1, present ? h[W_COARSE]! : edge));
        return;
      case G_RIGHT1:
        push(mix2(T.right1, lower));
        push(mix2(T.shapeRight1, shape));
        push(mix2(T.fineRight1, present ? h[W_FINE]! : edge));
        push(mix2(T.capRight1, present ? h[W_CAP]! : edge));
        push(mix2(T.coarseRight1, present ? h[W_COARSE]! : edge));
        return;
      case G_LEFT2:
        push(mix2(T.left2, lower));
        push(mix2(T.titleLeft2, present ? h[W_TITLE]! : 2));
        return;
      default:
        push(mix2(T.right2, lower));
    }
  }

  private selfFeatures(h: Uint32Array, caps: boolean, push: Sink): void {
    const shape = shapeOf(h, caps);
    const cap = h[W_CAP]!;
    push(BIAS_KEY);
    push(mix2(T.word, caps ? h[W_LOWER]! : h[W_WORD]!), true);
    push(mix2(T.lower, h[W_LOWER]!), true);
    push(mix2(T.shape, shape));
    for (let p = 0; p < 3; p++) if (h[W_PRE + p]) push(mix2(T.pre + p, h[W_PRE + p]!));
    for (let s = 0; s < 4; s++) if (h[W_SUF + s]) push(mix2(T.suf + s, h[W_SUF + s]!));
    push(mix2(T.fine, h[W_FINE]!), true);
    push(mix2(T.coarse, h[W_COARSE]!), true);
    push(mix2(T.cap, cap), true);
    push(mix3(T.capShape, cap, shape), true);
    push(mix3(T.capsLine, caps ? 1 : 0, cap), true);
    push(mix2(T.stem, h[W_STEM]!), true);
    if (this.resources.extendedFeatures) {
      if (h[W_PRE4]) push(mix2(T.pre4, h[W_PRE4]!));
      if (h[W_SUF5]) push(mix2(T.suf5, h[W_SUF5]!));
    }
  }

  /** Features that join a token with its neighbours. */
  private contextFeatures(infos: WordInfo[], i: number, caps: boolean, gaz: Uint32Array, push: Sink, folded = 0): void {
    const n = infos.length;
    const h = infos[i]!.hashes;
    const left = i > 0 ? infos[i - 1]!.hashes : null;
    const right = i + 1 < n ? infos[i + 1]!.hashes : null;
    const shape = shapeOf(h, caps);
    const shapeL = left ? shapeOf(left, caps) : BOUNDARY_LEFT;
    const shapeR = right ? shapeOf(right, caps) : BOUNDARY_RIGHT;
    const lowerL = left ? left[W_LOWER]! : BOUNDARY_LEFT;
    const lowerR = right ? right[W_LOWER]! : BOUNDARY_RIGHT;
    if (!(folded & FOLD_PAIR)) this.pairFeatures(left, h, caps, i === 0, push);
    if (!(folded & FOLD_BIGRAM_RIGHT)) push(mix3(T.bigramRight, h[W_LOWER]!, lowerR), true);
    if (!(folded & FOLD_SHAPE3)) push(mix3(T.shape3, mix2(shapeL, shape), shapeR));
    if (!(folded & FOLD_SELF)) {
      push(mix2(T.gaz, gaz[i]!));
      push(mix3(T.gazShape, gaz[i]!, shape));
    }
    if (!(folded & FOLD_LEFT)) push(mix2(T.gazLeft1, i > 0 ? gaz[i - 1]! : 0x7fff));
    if (!(folded & FOLD_RIGHT)) push(mix2(T.gazRight1, i + 1 < n ? gaz[i + 1]! : 0x7fff));
    if (this.resources.extendedFeatures) push(mix3(T.around, lowerL, lowerR));
  }

  /** Per token: 0, or (GAZ_* bits << 1 | 1 at a phrase's first word), from the longest phrase covering it. */
  private gazetteerTags(infos: WordInfo[]): Uint32Array {
    const { gazetteer } = this.resources;
    const tags = new Uint32Array(infos.length);
    for (let i = 0; i < infos.length; i++) {
      const longest = infos[i]!.gazetteerLongest;
      if (longest === 0) continue;
      let phrase = infos[i]!.norm;
      let matched = 0;
      let matchedBits = 0;
      for (let len = 1; len <= Math.min(longest, infos.length - i); len++) {
        if (len > 1) phrase += ' ' + infos[i + len - 1]!.norm;
        const bits = gazetteer.get(phrase);
        if (bits !== undefined) {
          matched = len;
          matchedBits = bits;
        }
      }
      for (let j = 0; j < matched; j++) if (tags[i + j] === 0) tags[i + j] = (matchedBits << 1) | (j === 0 ? 1 : 0);
    }
    return tags;
  }
}

function nonZero(key: number): number {
  return key === 0 ? 1 : key;
}

function shape3Key(infos: WordInfo[], i: number, caps: boolean): number {
  const shape = shapeOf(infos[i]!.hashes, caps);
  const shapeL = i > 0 ? shapeOf(infos[i - 1]!.hashes, caps) : BOUNDARY_LEFT;
  const shapeR = i + 1 < infos.length ? shapeOf(infos[i + 1]!.hashes, caps) : BOUNDARY_RIGHT;
  return nonZero(mix3(T.shape3, mix2(shapeL, shape), shapeR));
}

function shapeOf(h: Uint32Array, caps: boolean): number {
  return caps ? mix2(CAPS_MARK, h[W_LOWER_SHAPE]!) : h[W_SHAPE]!;
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
