import { fold } from '../normalise.ts';

/**
 * The key two spellings of one name share: folded as search folds text (case, diacritics, Persian and
 * Arabic letter variants, digits), with punctuation and runs of spaces reduced to one space.
 * `Hadi al-Amiri`, `HADI AL AMIRI` and `Hādī al‑Amīrī` share a key; `Ameri` does not (the gazetteer
 * matches transliteration variants on top of this).
 */
export function aliasKey(name: string): string {
  return fold(name)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
