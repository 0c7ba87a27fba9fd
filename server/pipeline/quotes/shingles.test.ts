import { describe, expect, it } from 'vitest';
import { fnv1a, shingles, words } from './shingles.ts';
import { originalRange, skeleton } from './skeleton.ts';

describe('shingles', () => {
  it('hashes folded word pairs, so case, accents and punctuation do not matter', () => {
    expect(shingles('José MÜLLER, “received” it')).toEqual(shingles('jose muller received it.'));
    expect(shingles('jose muller')).toEqual([fnv1a('jose mulle')]);
  });

  it('cuts words to their first letters, so late typos and other endings give the same pairs', () => {
    expect(shingles('officer reported')).toEqual(shingles('officers reportde'));
    expect(shingles('officer reported')).not.toEqual(shingles('ofifcer reported'));
  });

  it('also takes words with digits on their own', () => {
    expect(shingles('paid 3016 euros')).toEqual([fnv1a('paid 3016'), fnv1a('#3016'), fnv1a('3016 euros')]);
  });

  it('leaves out pairs of function words, which are everywhere', () => {
    expect(shingles('of the')).toEqual([]);
    expect(shingles('one of the men')).toEqual([fnv1a('one of'), fnv1a('the men')]);
  });

  it('gives distinct hashes once per text', () => {
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
