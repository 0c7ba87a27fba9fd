import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFile } from '../extract/extract.ts';
import { segment } from '../segment.ts';
import { alignPassages, type AlignUnit } from './align-passages.ts';
import { paragraphNumber } from './paragraph-number.ts';

const units = (texts: string[], first = 1): AlignUnit[] => texts.map((text, i) => ({ id: first + i, text }));

async function sampleUnits(ref: string, first: number): Promise<AlignUnit[]> {
  const file = resolve(import.meta.dirname, '../../../fixtures/sample-archive/cables', `${ref}.md`);
  const { documents } = await extractFile(file, readFileSync(file));
  return segment(documents[0]!.body).map((s, i) => ({ id: first + i, text: s.text }));
}

describe('alignPassages', () => {
  it.each(['TRV-NJF-2014-0233', 'TRV-KRB-2014-0262', 'TRV-SUL-2015-0044', 'TRV-BSR-2015-0122'])(
    'pairs every numbered paragraph of the sample Persian cable %s with the same number in its translation',
    async (ref) => {
      const persian = await sampleUnits(`${ref}-FA`, 1);
      const english = await sampleUnits(ref, 1001);
      const pairs = alignPassages(persian, english);
      const text = new Map([...persian, ...english].map((u) => [u.id, u.text]));
      let numbered = 0;
      for (const pair of pairs) {
        expect(pair.original.length + pair.translation.length).toBeGreaterThan(0);
        const left = paragraphNumber(text.get(pair.original[0]!) ?? '');
        const right = paragraphNumber(text.get(pair.translation[0]!) ?? '');
        if (left !== null || right !== null) {
          expect(left).toBe(right);
          numbered++;
        }
      }
      expect(numbered).toBeGreaterThanOrEqual(3);
      expect(pairs.flatMap((p) => p.original)).toEqual(persian.map((u) => u.id));
      expect(pairs.flatMap((p) => p.translation)).toEqual(english.map((u) => u.id));
    },
  );

  it('pairs unnumbered paragraphs by order and length, joining a paragraph split in two', () => {
    const original = units(['یک جملهٔ کوتاه.', 'پاراگراف دوم بسیار طولانی است '.repeat(12), 'پایان گزارش.']);
    const translation = units(
      [
        'One short sentence.',
        'The second paragraph is very long '.repeat(6),
        'and goes on in a second passage '.repeat(6),
        'End of report.',
      ],
      11,
    );
    expect(alignPassages(original, translation)).toEqual([
      { original: [1], translation: [11] },
      { original: [2], translation: [12, 13] },
      { original: [3], translation: [14] },
    ]);
  });

  it('leaves a numbered paragraph the translation left out on its own', () => {
    const original = units(['۱. (س) نخست.', '۲. (س) دوم، که ترجمه نشده است.', '۳. (س) سوم.']);
    const translation = units(['1. (S) First.', '3. (S) Third.'], 11);
    expect(alignPassages(original, translation)).toEqual([
      { original: [1], translation: [11] },
      { original: [2], translation: [] },
      { original: [3], translation: [12] },
    ]);
  });

  it('ignores a repeated or out-of-order number as an anchor', () => {
    const original = units(['1. (S) Alpha alpha.', '2. (S) Beta beta beta.', '3. (S) Gamma.']);
    const translation = units(['1. (S) Alpha alpha.', '3. (S) Beta beta beta, misnumbered.', '3. (S) Gamma.'], 11);
    const pairs = alignPassages(original, translation);
    expect(pairs.map((p) => [p.original, p.translation])).toEqual([
      [[1], [11]],
      [[2], [12]],
      [[3], [13]],
    ]);
  });

  it('returns nothing when one side has no passages', () => {
    expect(alignPassages([], units(['Text.']))).toEqual([]);
  });
});

describe('alignPassages on long documents', () => {
  it('aligns two thousand unnumbered passages a side in order', () => {
    const original = units(Array.from({ length: 2000 }, (_, i) => 'متن '.repeat(5 + (i % 17))));
    const translation = units(
      Array.from({ length: 2000 }, (_, i) => 'text '.repeat(5 + (i % 17))),
      10_001,
    );
    const pairs = alignPassages(original, translation);
    expect(pairs).toHaveLength(2000);
    expect(pairs.every((p, i) => p.original[0] === i + 1 && p.translation[0] === 10_001 + i)).toBe(true);
  });
});
