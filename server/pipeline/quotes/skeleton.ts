import { normalise } from '../normalise.ts';

/**
 * The words of a text, folded (see normalise.ts) and joined by single spaces, with a space before
 * the first and after the last word. Quotation and source are compared in this form, so case,
 * diacritics, punctuation, curly or straight quotes and line breaks never count as differences;
 * the padding spaces make a match start and end on word boundaries.
 */
export interface Skeleton {
  text: string;
  /** start[i] is the offset in the original text of skeleton character i. */
  start: Int32Array;
  /** end[i] is where the original character behind skeleton character i ends (combining marks included). */
  end: Int32Array;
}

const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = /[a-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0;
const WORD_CHAR = /[\p{L}\p{N}\p{Co}]/u;

function isWordUnit(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 128) return ASCII_WORD[code] === 1;
  // A surrogate pair is tested as one code point; its low half follows its high half's verdict.
  if (code >= 0xdc00 && code <= 0xdfff && i > 0) return isWordUnit(text, i - 1);
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(i)!));
}

/** With `skip` (sorted, not overlapping), the original text in those ranges counts as a space: a cable paragraph's "3. (S)" lead. */
export function skeleton(original: string, skip: readonly { start: number; end: number }[] = []): Skeleton {
  const folded = normalise(original);
  let next = 0;
  const capacity = folded.text.length + 2;
  const units = new Uint16Array(capacity);
  const starts = new Int32Array(capacity);
  const ends = new Int32Array(capacity);
  units[0] = 32;
  let n = 1;
  let inWord = false;
  const push = (unit: number, start: number, end: number) => {
    units[n] = unit;
    starts[n] = start;
    ends[n++] = end;
  };
  for (let i = 0; i < folded.text.length; i++) {
    let skipped = false;
    if (next < skip.length) {
      const at = folded.originIndex[i]!;
      while (next < skip.length && skip[next]!.end <= at) next++;
      skipped = next < skip.length && skip[next]!.start <= at;
    }
    if (!skipped && isWordUnit(folded.text, i)) {
      push(folded.text.charCodeAt(i), folded.originIndex[i]!, folded.originIndex[i + 1]!);
      inWord = true;
    } else if (inWord) {
      push(32, folded.originIndex[i]!, folded.originIndex[i]!);
      inWord = false;
    }
  }
  if (inWord || n === 1) push(32, original.length, original.length);
  return { text: utf16.decode(units.subarray(0, n)), start: starts.subarray(0, n), end: ends.subarray(0, n) };
}

const utf16 = new TextDecoder('utf-16le');

/** The original range behind skeleton characters [from, to), leaving out the padding spaces at either edge. */
export function originalRange(s: Skeleton, from: number, to: number): { start: number; end: number } | null {
  while (from < to && s.text.charCodeAt(from) === 32) from++;
  while (to > from && s.text.charCodeAt(to - 1) === 32) to--;
  if (from >= to) return null;
  return { start: s.start[from]!, end: s.end[to - 1]! };
}

/** The skeleton index of the first character whose original offset is at or after `offset`. */
export function skeletonIndexAt(s: Skeleton, offset: number): number {
  let lo = 0;
  let hi = s.start.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.start[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The folded words of a text, as the skeleton has them. */
export function skeletonWords(original: string): string[] {
  return skeleton(original)
    .text.split(' ')
    .filter((w) => w !== '');
}
