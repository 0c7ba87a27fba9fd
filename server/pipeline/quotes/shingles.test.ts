import { describe, expect, it } from 'vitest';
import { shingles, words } from './shingles.ts';
import { originalRange, skeleton } from './skeleton.ts';

describe('shingles', () => {
  const keys = (text: string) => shingles(text).map((s) => s.key);

  it('pairs folded words, so case, accents and punctuation do not matter', () => {
    expect(shingles('José MÜLLER, “received” it')).toEqual(shingles('jose muller received it.'));
    expect(shingles('jose muller')).toEqual([
      {
        key: 'jose mulle',
        terms: [
          { text: 'jose', prefix: false },
          { text: 'mulle', prefix: true },
        ],
      },
    ]);
  });

  it('cuts words to their first letters, looked up as prefixes, so late typos and other endings give the same pairs', () => {
    expect(shingles('officer reported')).toEqual(shingles('officers reportde'));
    expect(shingles('officer reported')).not.toEqual(shingles('ofifcer reported'));
    // A word of five letters may begin a longer one; a shorter one is only itself.
    expect(shingles('paid cash')[0]!.terms).toEqual([
      { text: 'paid', prefix: false },
      { text: 'cash', prefix: false },
    ]);
    expect(shingles('paris trade')[0]!.terms.map((t) => t.prefix)).toEqual([true, true]);
  });

  it('also takes words with digits on their own', () => {
    expect(keys('paid 3016 euros')).toEqual(['paid 3016', '#3016', '3016 euros']);
    expect(shingles('paid 3016 euros')[1]!.terms).toEqual([{ text: '3016', prefix: false }]);
  });

  it('leaves out pairs of function words, which are everywhere', () => {
    expect(shingles('of the')).toEqual([]);
    expect(keys('one of the men')).toEqual(['one of', 'the men']);
  });

  it('gives each distinct shingle once per text', () => {
    expect(shingles('paid cash paid cash paid cash')).toHaveLength(2);
  });

  it('splits words the way the skeleton does', () => {
    const text = 'al-Mohandes’s men (Source 275118) paid € 1,500';
    expect(words(text)).toEqual(skeleton(text).text.trim().split(' '));
  });
});

describe('skeleton', () => {
  it('keeps only folded words, padded with spaces, with offsets back into the original', () => {
    const original = '  “José  MÜLLER,”\n paid € 1,500.';
    const s = skeleton(original);
    expect(s.text).toBe(' jose muller paid 1 500 ');
    const i = s.text.indexOf('muller');
    expect(original.slice(originalRange(s, i, i + 6)!.start, originalRange(s, i, i + 6)!.end)).toBe('MÜLLER');
    expect(originalRange(s, 0, s.text.length)).toEqual({ start: original.indexOf('J'), end: original.length - 1 });
  });

  it('includes combining marks in the original range', () => {
    const original = 'Jose\u0301 came';
    const s = skeleton(original);
    expect(s.text).toBe(' jose came ');
    expect(original.slice(s.start[1]!, s.end[4]!)).toBe('Jose\u0301');
  });
});
