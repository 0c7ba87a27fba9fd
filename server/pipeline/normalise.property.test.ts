import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { termRanges } from './highlight.ts';
import { fold, normalise, WORD } from './normalise.ts';
import { parseQuery } from './query-parser.ts';

// Random text built from the pieces that make Persian and mixed text hard: letter variants, half
// spaces, affixes, marks, tatweel, both kinds of Eastern digits, Latin words and odd spaces.
const PIECES = [
  'می',
  'نمی',
  'ها',
  'های',
  'ای',
  'تر',
  'ترین',
  'ی',
  'ه',
  'خانه',
  'کتاب',
  'كتاب',
  'يك',
  'مدرسة',
  'خانۀ',
  'آمریکا',
  'أحمد',
  'العامری',
  'ـ',
  'ِ',
  'َ',
  '\u200C',
  '\u200D',
  ' ',
  '  ',
  '\u00A0',
  '\n',
  '\n\n',
  '۱۳۹۳',
  '١٣٩٣',
  '2014',
  '«',
  '»',
  '،',
  '.',
  'Müller',
  'José',
  'ABC',
  '😀',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));

describe('folding, for any Persian or mixed text', () => {
  it('keeps an offset for every folded character, in order, inside the original', () => {
    fc.assert(
      fc.property(text, (original) => {
        const n = normalise(original);
        expect(n.originIndex.length).toBe(n.text.length + 1);
        expect(n.originIndex[n.text.length]).toBe(original.length);
        for (let i = 1; i < n.originIndex.length; i++) expect(n.originIndex[i]!).toBeGreaterThanOrEqual(n.originIndex[i - 1]!);
        expect(fold(original)).toBe(n.text);
      }),
      { numRuns: 500 },
    );
  });

  it('maps every folded word back to original text that folds to that word', () => {
    fc.assert(
      fc.property(text, (original) => {
        const n = normalise(original);
        for (const match of n.text.matchAll(WORD)) {
          const start = n.originIndex[match.index]!;
          const end = n.originIndex[match.index + match[0].length]!;
          expect(fold(original.slice(start, end))).toBe(match[0]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('highlights every word the query names, wherever it occurs', () => {
    fc.assert(
      fc.property(text, fc.nat(), (original, pick) => {
        const words = fold(original).match(WORD) ?? [];
        if (words.length === 0) return;
        const word = words[pick % words.length]!;
        const ranges = termRanges(original, parseQuery(`"${word}"`));
        expect(ranges.length).toBeGreaterThan(0);
        for (const range of ranges) expect(fold(original.slice(range.start, range.end))).toContain(word);
      }),
      { numRuns: 300 },
    );
  });
});
