import { normalise, WORD } from '../../pipeline/normalise.ts';

export interface Occurrence {
  start: number;
  end: number;
}

/**
 * Where a spelling occurs in a text as whole words, compared as folded words (case, diacritics,
 * Persian letter variants; the punctuation and spacing between words do not count), with offsets
 * into the original text: `Hadi al-Amiri` finds `HADI AL AMIRI` and `Hādī al‑Amīrī`.
 * `key` is the spelling's aliasKey: folded words joined by single spaces.
 */
export function findSpelling(text: string, key: string): Occurrence[] {
  const wanted = key.split(' ').filter((w) => w !== '');
  if (wanted.length === 0) return [];
  const folded = normalise(text);
  const words = [...folded.text.matchAll(WORD)].map((m) => ({ word: m[0], start: m.index, end: m.index + m[0].length }));
  const found: Occurrence[] = [];
  for (let i = 0; i + wanted.length <= words.length; i++) {
    if (!wanted.every((w, k) => words[i + k]!.word === w)) continue;
    const last = words[i + wanted.length - 1]!;
    found.push({ start: folded.originIndex[words[i]!.start]!, end: folded.originIndex[last.end]! });
    i += wanted.length - 1;
  }
  return found;
}
