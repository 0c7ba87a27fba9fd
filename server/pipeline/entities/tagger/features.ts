import { fmix, hashString, mix2, mix3 } from './hash.ts';
import { LABEL_COUNT } from './labels.ts';
import type { LinearModel } from './linear-model.ts';
import { PairCache } from './pair-cache.ts';
import type { TaggerResources } from './resources.ts';
import {
  boundaryInfo,
  computeWordInfo,
  isCapsLine,
  LOWER_SEED,
  W_AL_REST,
  W_CAP,
  W_COARSE,
  W_FINE,
  W_JOINED,
  W_LOWER,
  W_LOWER_SHAPE,
  W_PRE,
  W_PRE4,
  W_SHAPE,
  W_STEM,
  W_STEM_SUF,
  W_SUF,
  W_SUF5,
  W_TITLE,
  W_WORD,
  type WordInfo,
} from './word-info.ts';

const L = LABEL_COUNT;

/**
 * Feature extraction. Each word's own properties are hashed once and cached (word-info.ts); a token's
 * features are then integer mixes of a template number with those hashes (and its neighbours'), so
 * tagging builds no feature strings.
 */

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
  joined: 46,
  stemSuf: 47, // 2 templates
  alRest: 49,
  left2Bigram: 50,
  right2Bigram: 51,
  stemLeft1: 52,
  stemRight1: 53,
  memory: 54,
  memoryLeft1: 55,
  memoryRight1: 56,
} as const;

/** The feature every token has: its row holds each label's prior score. */
export const BIAS_KEY = fmix(T.bias);

const BOUNDARY_LEFT = hashString('<s>');
const BOUNDARY_RIGHT = hashString('</s>');
const CAPS_MARK = hashString('<caps>');
const MAX_CACHE = 200_000;

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
/** Word pairs whose scores are remembered before that cache starts again (about 20 MB). */
const MAX_PAIRS = 262_144;
const GROUP_FOLD = [FOLD_SELF, FOLD_LEFT, FOLD_RIGHT, 0, 0];

export class FeatureExtractor {
  private cache = new Map<string, WordInfo>();
  private nextId = 1;
  /**
   * Per pair of adjacent words (and case mode): the scores of the features joining the right word to
   * its left neighbour, then those of the bigram joining the left word to its right neighbour.
   */
  private readonly pairs = new PairCache(2 * L, MAX_PAIRS);
  /** Scores of low-cardinality context features (shape trigrams) by feature key. */
  private readonly keyMemo = new Map<number, Float32Array>();
  private readonly boundary: WordInfo = boundaryInfo();
  /** Hashes of the gazetteer's and memory's phrases of two words or more (a hit is then checked on the phrase itself). */
  private readonly phraseHashes = new Set<number>();
  private infos: WordInfo[] = [];
  private gaz = new Uint32Array(256);
  private memoryTags = new Uint32Array(256);
  private readonly sum = new Float64Array(L);
  // Where the sinks below add scores: bound once, as closures made per call cost more than the lookups.
  private target: Float64Array = this.sum;
  private targetBase = 0;
  private model: LinearModel | null = null;
  private readonly addScore: Sink = (key) => this.model!.addRow(key === 0 ? 1 : key, this.target, this.targetBase);

  constructor(readonly resources: TaggerResources) {
    for (const phrase of [...resources.gazetteer.keys(), ...(resources.memory?.keys() ?? [])]) {
      const words = phrase.split(' ');
      if (words.length < 2) continue;
      let hash = hashString(words[0]!, LOWER_SEED);
      for (let k = 1; k < words.length; k++) hash = mix2(hash, hashString(words[k]!, LOWER_SEED));
      this.phraseHashes.add(hash);
    }
  }

  info(word: string): WordInfo {
    let cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    if (this.cache.size >= MAX_CACHE) this.forget();
    cached = computeWordInfo(word, this.nextId++, this.resources);
    this.cache.set(word, cached);
    return cached;
  }

  private forget(): void {
    this.cache.clear();
    this.nextId = 1;
    this.pairs.clear();
    this.boundary.vectors = null;
    this.boundary.ready = 0;
    this.keyMemo.clear();
  }

  private wordInfos(words: readonly string[]): WordInfo[] {
    const n = words.length;
    const infos = this.infos;
    for (let i = 0; i < n; i++) infos[i] = this.info(words[i]!);
    return infos;
  }

  /** Feature keys of every token of one sentence: `offsets[i]..offsets[i + 1]` index `keys`. */
  extract(words: readonly string[]): { keys: Uint32Array; offsets: Int32Array; lexical: Uint8Array } {
    const n = words.length;
    const infos = this.wordInfos(words);
    const caps = isCapsLine(infos, n);
    const gaz = this.gazetteerTags(infos, n);
    this.tagMemory(infos, n);
    let keys = new Uint32Array(n * 56 + 16);
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
      for (let group = 0; group < GROUPS; group++) this.groupFeatures(group, this.neighbour(infos, n, i, group), caps, push);
      this.contextFeatures(infos, n, i, caps, gaz, push);
    }
    offsets[n] = k;
    return { keys, offsets, lexical };
  }

  /**
   * Label scores of one sentence into `out` (n × labels): the same features as `extract`, but the
   * word-only groups are summed once per word and the word-pair ones once per pair, and cached, so a
   * token costs about a dozen lookups.
   */
  score(words: readonly string[], model: LinearModel, out: Float64Array): void {
    const n = words.length;
    const infos = this.wordInfos(words);
    const caps = isCapsLine(infos, n);
    const gaz = this.gazetteerTags(infos, n);
    this.tagMemory(infos, n);
    out.fill(0, 0, n * L);
    this.model = model;
    this.addPairScores(infos, n, caps, model, out);
    // Cache slots: the ordinary ones first, then the ALL-CAPS ones (allocated only for words seen in caps lines).
    const modeSlots = caps ? GROUPS * 2 : 0;
    const plain = !this.resources.extendedFeatures && !this.resources.morphology && this.resources.memory === undefined;
    for (let i = 0; i < n; i++) {
      const base = i * L;
      // Outside gazetteer phrases (most tokens) the gazetteer features are word-only too: cached with them.
      const fold =
        (gaz[i] === 0 ? FOLD_SELF : 0) | (i === 0 || gaz[i - 1] === 0 ? FOLD_LEFT : 0) | (i + 1 === n || gaz[i + 1] === 0 ? FOLD_RIGHT : 0);
      for (let group = 0; group < GROUPS; group++) {
        const j = i + GROUP_OFFSET[group]!;
        const info = j >= 0 && j < n ? infos[j]! : this.boundary;
        const slot = modeSlots + group * 2 + ((fold & GROUP_FOLD[group]!) !== 0 ? 1 : 0);
        if ((info.ready & (1 << slot)) === 0) this.fillGroupVector(group, slot, info, caps, model);
        const vector = info.vectors!;
        for (let c = 0, offset = slot * L; c < L; c++) out[base + c]! += vector[offset + c]!;
      }
      const shape3 = this.memoVector(shape3Key(infos, n, i, caps), model);
      for (let c = 0; c < L; c++) out[base + c]! += shape3[c]!;
      if (plain && fold === (FOLD_SELF | FOLD_LEFT | FOLD_RIGHT)) continue;
      this.target = out;
      this.targetBase = base;
      this.contextFeatures(infos, n, i, caps, gaz, this.addScore, fold | FOLD_PAIR | FOLD_BIGRAM_RIGHT | FOLD_SHAPE3);
    }
  }

  /** Adds the cached scores of each pair of neighbours (the sentence edges included) to both tokens. */
  private addPairScores(infos: WordInfo[], n: number, caps: boolean, model: LinearModel, out: Float64Array): void {
    const values = this.pairs.values;
    for (let j = 0; j <= n; j++) {
      const left = j > 0 ? infos[j - 1]! : this.boundary;
      const right = j < n ? infos[j]! : this.boundary;
      const offset = this.pairOffset(left, right, caps, model);
      if (j < n) for (let c = 0, base = j * L; c < L; c++) out[base + c]! += values[offset + c]!;
      if (j > 0) for (let c = 0, base = (j - 1) * L; c < L; c++) out[base + c]! += values[offset + L + c]!;
    }
  }

  private pairOffset(left: WordInfo, right: WordInfo, caps: boolean, model: LinearModel): number {
    const a = left.id;
    const b = right.id * 2 + (caps ? 1 : 0);
    const found = this.pairs.find(a, b);
    if (found >= 0) return found;
    const offset = this.pairs.insert(a, b);
    const { values } = this.pairs;
    const sum = this.sum;
    this.model = model;
    this.target = sum;
    this.targetBase = 0;
    const add = this.addScore;
    if (right !== this.boundary) {
      sum.fill(0);
      this.pairFeatures(left === this.boundary ? null : left.hashes, right.hashes, caps, left === this.boundary, add);
      for (let c = 0; c < L; c++) values[offset + c] = sum[c]!;
    }
    if (left !== this.boundary) {
      sum.fill(0);
      add(mix3(T.bigramRight, left.hashes[W_LOWER]!, right === this.boundary ? BOUNDARY_RIGHT : right.hashes[W_LOWER]!));
      for (let c = 0; c < L; c++) values[offset + L + c] = sum[c]!;
    }
    return offset;
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

  private neighbour(infos: WordInfo[], n: number, i: number, group: number): WordInfo {
    const j = i + GROUP_OFFSET[group]!;
    return j >= 0 && j < n ? infos[j]! : this.boundary;
  }

  /** Sums and caches the scores of one group of a word's features (slot: group, case mode, folding). */
  private fillGroupVector(group: number, slot: number, info: WordInfo, caps: boolean, model: LinearModel): void {
    const needed = (slot < GROUPS * 2 ? GROUPS * 2 : GROUPS * 4) * L;
    if (info.vectors === null || info.vectors.length < needed) {
      const grown = new Float32Array(needed);
      if (info.vectors !== null) grown.set(info.vectors);
      info.vectors = grown;
    }
    const sum = this.sum;
    sum.fill(0);
    this.model = model;
    this.target = sum;
    this.targetBase = 0;
    const push = this.addScore;
    this.groupFeatures(group, info, caps, push);
    if ((slot & 1) === 1) this.foldedGazetteerFeatures(group, info, caps, push);
    info.vectors.set(sum, slot * L);
    info.ready |= 1 << slot;
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
        if (this.resources.morphology) push(mix2(T.stemLeft1, present ? h[W_STEM]! : edge));
        return;
      case G_RIGHT1:
        push(mix2(T.right1, lower));
        push(mix2(T.shapeRight1, shape));
        push(mix2(T.fineRight1, present ? h[W_FINE]! : edge));
        push(mix2(T.capRight1, present ? h[W_CAP]! : edge));
        push(mix2(T.coarseRight1, present ? h[W_COARSE]! : edge));
        if (this.resources.morphology) push(mix2(T.stemRight1, present ? h[W_STEM]! : edge));
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
    if (this.resources.morphology) {
      push(mix2(T.joined, h[W_JOINED]!), true);
      for (let s = 0; s < 2; s++) if (h[W_STEM_SUF + s]) push(mix2(T.stemSuf + s, h[W_STEM_SUF + s]!));
      if (h[W_AL_REST]) push(mix2(T.alRest, h[W_AL_REST]!), true);
    }
  }

  /** Features that join a token with its neighbours (less those `folded` into cached scores). */
  private contextFeatures(infos: WordInfo[], n: number, i: number, caps: boolean, gaz: Uint32Array, push: Sink, folded = 0): void {
    const h = infos[i]!.hashes;
    const left = i > 0 ? infos[i - 1]!.hashes : null;
    const right = i + 1 < n ? infos[i + 1]!.hashes : null;
    if (!(folded & FOLD_PAIR)) this.pairFeatures(left, h, caps, i === 0, push);
    if (!(folded & FOLD_BIGRAM_RIGHT)) push(mix3(T.bigramRight, h[W_LOWER]!, right ? right[W_LOWER]! : BOUNDARY_RIGHT), true);
    if (!(folded & FOLD_SHAPE3)) push(shape3Key(infos, n, i, caps));
    if (!(folded & FOLD_SELF)) {
      push(mix2(T.gaz, gaz[i]!));
      push(mix3(T.gazShape, gaz[i]!, shapeOf(h, caps)));
    }
    if (!(folded & FOLD_LEFT)) push(mix2(T.gazLeft1, i > 0 ? gaz[i - 1]! : 0x7fff));
    if (!(folded & FOLD_RIGHT)) push(mix2(T.gazRight1, i + 1 < n ? gaz[i + 1]! : 0x7fff));
    if (this.resources.memory !== undefined) {
      const memory = this.memoryTags;
      push(mix2(T.memory, memory[i]!));
      push(mix2(T.memoryLeft1, i > 0 ? memory[i - 1]! : 0x7fff));
      push(mix2(T.memoryRight1, i + 1 < n ? memory[i + 1]! : 0x7fff));
    }
    if (!this.resources.extendedFeatures && !this.resources.morphology) return;
    const lowerL = left ? left[W_LOWER]! : BOUNDARY_LEFT;
    const lowerR = right ? right[W_LOWER]! : BOUNDARY_RIGHT;
    if (this.resources.extendedFeatures) push(mix3(T.around, lowerL, lowerR));
    if (this.resources.morphology) {
      push(mix3(T.left2Bigram, i > 1 ? infos[i - 2]!.hashes[W_LOWER]! : BOUNDARY_LEFT, lowerL));
      push(mix3(T.right2Bigram, lowerR, i + 2 < n ? infos[i + 2]!.hashes[W_LOWER]! : BOUNDARY_RIGHT));
    }
  }

  /** Per token: 0, or (GAZ_* bits << 1 | 1 at a phrase's first word), from the longest phrase covering it. */
  private gazetteerTags(infos: WordInfo[], n: number): Uint32Array {
    if (this.gaz.length < n) this.gaz = new Uint32Array(n * 2);
    this.phraseTags(infos, n, this.resources.gazetteer, false, this.gaz);
    return this.gaz;
  }

  /** The same over the names of the training data, into `memoryTags`. */
  private tagMemory(infos: WordInfo[], n: number): void {
    const { memory } = this.resources;
    if (memory === undefined) return;
    if (this.memoryTags.length < n) this.memoryTags = new Uint32Array(n * 2);
    this.phraseTags(infos, n, memory, true, this.memoryTags);
  }

  private phraseTags(infos: WordInfo[], n: number, phrases: Map<string, number>, memory: boolean, tags: Uint32Array): void {
    tags.fill(0, 0, n);
    for (let i = 0; i < n; i++) {
      const longest = memory ? infos[i]!.memoryLongest : infos[i]!.gazetteerLongest;
      if (longest === 0) continue;
      const single = phrases.get(infos[i]!.norm);
      let matched = single === undefined ? 0 : 1;
      let matchedBits = single ?? 0;
      let hash = infos[i]!.hashes[W_LOWER]!;
      const last = Math.min(longest, n - i);
      for (let len = 2; len <= last; len++) {
        hash = mix2(hash, infos[i + len - 1]!.hashes[W_LOWER]!);
        if (!this.phraseHashes.has(hash)) continue;
        const bits = phrases.get(phraseOf(infos, i, len));
        if (bits !== undefined) {
          matched = len;
          matchedBits = bits;
        }
      }
      for (let j = 0; j < matched; j++) if (tags[i + j] === 0) tags[i + j] = (matchedBits << 1) | (j === 0 ? 1 : 0);
    }
  }
}

function phraseOf(infos: WordInfo[], start: number, len: number): string {
  let phrase = infos[start]!.norm;
  for (let k = 1; k < len; k++) phrase += ' ' + infos[start + k]!.norm;
  return phrase;
}

function shape3Key(infos: WordInfo[], n: number, i: number, caps: boolean): number {
  const shape = shapeOf(infos[i]!.hashes, caps);
  const shapeL = i > 0 ? shapeOf(infos[i - 1]!.hashes, caps) : BOUNDARY_LEFT;
  const shapeR = i + 1 < n ? shapeOf(infos[i + 1]!.hashes, caps) : BOUNDARY_RIGHT;
  const key = mix3(T.shape3, mix2(shapeL, shape), shapeR);
  return key === 0 ? 1 : key;
}

function shapeOf(h: Uint32Array, caps: boolean): number {
  return caps ? mix2(CAPS_MARK, h[W_LOWER_SHAPE]!) : h[W_SHAPE]!;
}
