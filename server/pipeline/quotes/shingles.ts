import { fold, WORD } from '../normalise.ts';

/**
 * Shingles: the candidate index for quote linking. Mostly pairs of neighbouring words, cut to
 * their first letters: pairs rather than longer shingles because a typo spoils every shingle
 * that contains the word, and a quotation with three typos in ten words keeps almost no intact
 * triple but several intact pairs; cut words because a typo late in a word, or another ending
 * (report, reported), then still gives the same pair. Pairs of two function words ("of the")
 * match everywhere and are never stored or looked up. Words with digits (sums, dates, numbers of
 * sources) are also shingles on their own: in formulaic text they are often the rarest part.
 */
const STEM = 5;
const STOPWORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other ' +
    'our ours ourselves out over own same she should so some such than that the their theirs them themselves then there ' +
    'these they this those through to too under until up very was we were what when where which while who whom why will ' +
    'with would you your yours yourself s t d ll m re ve'
  ).split(' '),
);

const FNV_OFFSET = 0x811c9dc5;

function fnvStep(hash: number, text: string): number {
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

/** FNV-1a, 32 bits: fast, well spread, and a collision only costs one extra candidate to check. */
export function fnv1a(text: string): number {
  return fnvStep(FNV_OFFSET, text) >>> 0;
}

/** fnv1a(`${a} ${b}`) without building the string. */
function pairHash(a: string, b: string): number {
  return fnvStep(Math.imul(fnvStep(FNV_OFFSET, a) ^ 32, 0x01000193), b) >>> 0;
}

/** The folded words of a text, as skeleton() would give them. */
export function words(text: string): string[] {
  return fold(text).match(WORD) ?? [];
}

const stem = (word: string) => (word.length > STEM ? word.slice(0, STEM) : word);
const DIGIT = /\d/;

/** Distinct shingle hashes of a list of folded words, in first-seen order. */
export function shinglesOfWords(list: readonly string[]): number[] {
  const seen = new Set<number>();
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    if (DIGIT.test(a)) seen.add(fnv1a(`#${a}`));
    const b = list[i + 1];
    if (b === undefined || (STOPWORDS.has(a) && STOPWORDS.has(b))) continue;
    seen.add(pairHash(stem(a), stem(b)));
  }
  return [...seen];
}

export function shingles(text: string): number[] {
  return shinglesOfWords(words(text));
}
