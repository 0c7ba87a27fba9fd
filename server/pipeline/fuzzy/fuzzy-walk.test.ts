import { describe, expect, it } from 'vitest';
import { byCloseness, editDistance, fuzzyWalk, reverse, splitFuzzyWalk, type Seek, type VocabularyEntry } from './fuzzy-walk.ts';

/** A sorted in-memory vocabulary with the seek a B-tree gives (code-point order, as SQLite's binary collation on UTF-8). */
function vocabulary(terms: string[]): { entries: VocabularyEntry[]; seek: Seek } {
  const codePoints = (s: string) => [...s].map((c) => c.codePointAt(0)!);
  const compare = (a: string, b: string) => {
    const x = codePoints(a);
    const y = codePoints(b);
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return x.length - y.length;
  };
  const entries = [...new Set(terms)].sort(compare).map((term, i) => ({ term, passages: (i % 5) + 1 }));
  const seek: Seek = (key) => {
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(entries[mid]!.term, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return entries[lo];
  };
  return { entries, seek };
}

function brute(entries: VocabularyEntry[], word: string, maxEdits: number): string[] {
  return entries
    .filter((e) => editDistance(word, e.term) <= maxEdits)
    .map((e) => e.term)
    .sort();
}

/** A deterministic pseudo-random generator, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

describe('editDistance', () => {
  it.each([
    ['oswald', 'oswald', 0],
    ['oswald', 'oswaid', 1],
    ['oswald', '0swald', 1],
    ['oswald', 'oswaldo', 1],
    ['oswald', 'oswld', 1],
    ['oswald', 'osvvald', 2],
    ['oswald', '0swaid', 2],
    ['oswald', 'walsdo', 4],
    ['', 'abc', 3],
    ['کنسولگری', 'کنسولکری', 1],
    ['سفارت', 'سقارث', 2],
  ])('%s → %s is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe('fuzzyWalk', () => {
  it('finds exactly the terms within the distance, itself included', () => {
    const { seek } = vocabulary(['oswald', 'oswaid', '0swald', 'osvvald', 'oswaldo', 'oswego', 'waldo', 'os', 'oswal']);
    expect(
      fuzzyWalk('oswald', 1, seek)
        .matches.map((m) => m.term)
        .sort(),
    ).toEqual(['0swald', 'oswaid', 'oswal', 'oswald', 'oswaldo']);
    expect(fuzzyWalk('oswald', 2, seek).matches.map((m) => m.term)).toContain('osvvald');
  });

  it('agrees with a brute-force scan on random vocabularies, Latin and Persian letters', () => {
    const next = random(7);
    const alphabet = [...'abcdeo0l1', ...'سفارتثق'];
    const word = () => Array.from({ length: 2 + Math.floor(next() * 7) }, () => alphabet[Math.floor(next() * alphabet.length)]!).join('');
    for (let round = 0; round < 30; round++) {
      const terms = Array.from({ length: 400 }, word);
      const { entries, seek } = vocabulary(terms);
      const backwards = vocabulary(terms.map(reverse));
      const target = word();
      for (const k of [1, 2]) {
        const expected = brute(entries, target, k);
        const found = fuzzyWalk(target, k, seek).matches;
        expect(found.map((m) => m.term).sort()).toEqual(expected);
        for (const m of found) expect(m.distance).toBe(editDistance(target, m.term));
        const split = splitFuzzyWalk(target, k, seek, backwards.seek).matches;
        expect(split.map((m) => m.term).sort()).toEqual(expected);
        for (const m of split) expect(m.distance).toBe(editDistance(target, m.term));
      }
    }
  });

  it('prunes: one edit on a large vocabulary costs a small share of its terms in seeks', () => {
    const next = random(11);
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const terms = Array.from({ length: 50_000 }, () =>
      Array.from({ length: 4 + Math.floor(next() * 8) }, () => letters[Math.floor(next() * 26)]!).join(''),
    );
    const { seek } = vocabulary([...terms, 'oswald', 'oswaid']);
    const walk = fuzzyWalk('oswald', 1, seek);
    expect(walk.matches.map((m) => m.term)).toEqual(expect.arrayContaining(['oswald', 'oswaid']));
    expect(walk.seeks).toBeLessThan(2_000);
    expect(walk.truncated).toBe(false);
    // Two edits: the split walk visits far fewer prefixes than the plain one, for the same words.
    const backwards = vocabulary([...terms, 'oswald', 'oswaid'].map(reverse));
    const plain = fuzzyWalk('oswald', 2, seek);
    const split = splitFuzzyWalk('oswald', 2, seek, backwards.seek);
    expect(split.matches.map((m) => m.term).sort()).toEqual(plain.matches.map((m) => m.term).sort());
    expect(split.seeks * 3).toBeLessThan(plain.seeks);
  });

  it('stops at its budget and says so', () => {
    const { seek } = vocabulary(Array.from({ length: 500 }, (_, i) => `w${i}`));
    const walk = fuzzyWalk('w250', 2, seek, 10);
    expect(walk.truncated).toBe(true);
    expect(walk.seeks).toBe(10);
  });

  it('orders closest first, then commonest, then by term', () => {
    const matches = [
      { term: 'b', distance: 1, passages: 2 },
      { term: 'a', distance: 1, passages: 2 },
      { term: 'c', distance: 1, passages: 9 },
      { term: 'd', distance: 0, passages: 1 },
    ];
    expect(matches.sort(byCloseness).map((m) => m.term)).toEqual(['d', 'c', 'a', 'b']);
  });
});
