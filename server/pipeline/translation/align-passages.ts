// Pairs the passages of an original with those of its translation. Numbered paragraphs are
// anchors (paragraph 3 pairs with paragraph 3); between anchors, passages pair by order and length
// (the method of Gale and Church: a translation's sentences are about as long as the original's,
// times one ratio per language pair), allowing one passage to pair with two.
import { paragraphNumber } from './paragraph-number.ts';

export interface AlignUnit {
  id: number;
  text: string;
}

export interface PassagePair {
  original: number[];
  translation: number[];
}

interface Move {
  o: number;
  t: number;
  penalty: number;
}

// Unpaired passages are dear, so that length differences alone never break a pair apart.
const MOVES: readonly Move[] = [
  { o: 1, t: 1, penalty: 0 },
  { o: 2, t: 1, penalty: 0.6 },
  { o: 1, t: 2, penalty: 0.6 },
  { o: 2, t: 2, penalty: 1.4 },
  { o: 1, t: 0, penalty: 2.5 },
  { o: 0, t: 1, penalty: 2.5 },
];
// Short passages (a one-line header) would otherwise look wildly out of proportion.
const LENGTH_SMOOTHING = 40;

interface Block {
  original: AlignUnit[];
  translation: AlignUnit[];
  /** The block starts with two paragraphs of the same number, which must pair with each other. */
  anchored: boolean;
}

export function alignPassages(original: readonly AlignUnit[], translation: readonly AlignUnit[]): PassagePair[] {
  if (original.length === 0 || translation.length === 0) return [];
  const ratio = totalLength(translation) / Math.max(1, totalLength(original));
  return blocksBetweenAnchors(original, translation).flatMap((block) => attachContinuations(alignBlock(block, ratio)));
}

function totalLength(units: readonly AlignUnit[]): number {
  return units.reduce((n, u) => n + u.text.length, 0);
}

function uniqueNumbers(units: readonly AlignUnit[]): Map<number, number> {
  const seen = new Map<number, number>();
  const repeated = new Set<number>();
  units.forEach((unit, index) => {
    const n = paragraphNumber(unit.text);
    if (n === null) return;
    if (seen.has(n)) repeated.add(n);
    else seen.set(n, index);
  });
  for (const n of repeated) seen.delete(n);
  return seen;
}

/** Splits both sides at the paragraphs whose numbers occur once on each side, in an order both agree on. */
function blocksBetweenAnchors(original: readonly AlignUnit[], translation: readonly AlignUnit[]): Block[] {
  const inOriginal = uniqueNumbers(original);
  const inTranslation = uniqueNumbers(translation);
  const anchors: Array<[number, number]> = [];
  for (const [n, o] of [...inOriginal].sort((a, b) => a[1] - b[1])) {
    const t = inTranslation.get(n);
    const last = anchors.at(-1);
    if (t !== undefined && (last === undefined || (o > last[0] && t > last[1]))) anchors.push([o, t]);
  }
  const cuts: Array<[number, number]> = [[0, 0], ...anchors, [original.length, translation.length]];
  const blocks: Block[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const [o0, t0] = cuts[k]!;
    const [o1, t1] = cuts[k + 1]!;
    if (o1 > o0 || t1 > t0) blocks.push({ original: original.slice(o0, o1), translation: translation.slice(t0, t1), anchored: k > 0 });
  }
  return blocks;
}

function lengthCost(original: number, translation: number, ratio: number): number {
  return Math.abs(Math.log((translation + LENGTH_SMOOTHING) / (original * ratio + LENGTH_SMOOTHING)));
}

/** Cheapest path of moves through the block, by dynamic programming over (original, translation) prefixes. */
function alignBlock({ original, translation, anchored }: Block, ratio: number): Array<{ original: AlignUnit[]; translation: AlignUnit[] }> {
  const n = original.length;
  const m = translation.length;
  const width = m + 1;
  // A passage that starts a numbered paragraph of its own is never the second half of another one.
  const startsParagraph = (units: readonly AlignUnit[], k: number) => units[k] !== undefined && paragraphNumber(units[k].text) !== null;
  const originalStarts = original.map((_, k) => startsParagraph(original, k));
  const translationStarts = translation.map((_, k) => startsParagraph(translation, k));
  const cost = new Float64Array((n + 1) * width).fill(Infinity);
  const via = new Int8Array((n + 1) * width).fill(-1);
  cost[0] = 0;
  // Only paths near the diagonal: a long document without numbered paragraphs stays cheap to align.
  const band = Math.max(20, Math.ceil(0.1 * Math.max(n, m)));
  for (let i = 0; i <= n; i++) {
    const diagonal = n === 0 ? 0 : Math.round((i * m) / n);
    for (let j = Math.max(0, diagonal - band); j <= Math.min(m, diagonal + band); j++) {
      const here = cost[i * width + j]!;
      if (here === Infinity) continue;
      MOVES.forEach((move, k) => {
        const i2 = i + move.o;
        const j2 = j + move.t;
        if (i2 > n || j2 > m) return;
        if ((move.o === 2 && originalStarts[i + 1]) || (move.t === 2 && translationStarts[j + 1])) return;
        if (anchored && i === 0 && j === 0 && (move.o === 0 || move.t === 0)) return;
        const lengths = move.o > 0 && move.t > 0 ? lengthCost(span(original, i, i2), span(translation, j, j2), ratio) : 0;
        const next = here + move.penalty + lengths;
        if (next < cost[i2 * width + j2]!) {
          cost[i2 * width + j2] = next;
          via[i2 * width + j2] = k;
        }
      });
    }
  }
  const groups: Array<{ original: AlignUnit[]; translation: AlignUnit[] }> = [];
  for (let i = n, j = m; i > 0 || j > 0;) {
    const move = MOVES[via[i * width + j]!]!;
    groups.push({ original: original.slice(i - move.o, i), translation: translation.slice(j - move.t, j) });
    i -= move.o;
    j -= move.t;
  }
  return groups.reverse();
}

function span(units: readonly AlignUnit[], from: number, to: number): number {
  let length = 0;
  for (let k = from; k < to; k++) length += units[k]!.text.length;
  return length;
}

/**
 * A passage left without a partner is usually the rest of a long paragraph that the other side kept
 * in one passage: it joins the pair before it unless it starts a numbered paragraph of its own.
 */
function attachContinuations(groups: Array<{ original: AlignUnit[]; translation: AlignUnit[] }>): PassagePair[] {
  const pairs: PassagePair[] = [];
  for (const group of groups) {
    const lone = group.original.length === 0 || group.translation.length === 0;
    const unit = group.original[0] ?? group.translation[0]!;
    const previous = pairs.at(-1);
    if (lone && previous !== undefined && paragraphNumber(unit.text) === null) {
      previous.original.push(...group.original.map((u) => u.id));
      previous.translation.push(...group.translation.map((u) => u.id));
    } else {
      pairs.push({ original: group.original.map((u) => u.id), translation: group.translation.map((u) => u.id) });
    }
  }
  return pairs;
}
