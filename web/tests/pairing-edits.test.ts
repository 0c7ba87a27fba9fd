import { describe, expect, it } from 'vitest';
import { canSplit, joinWithNext, splitPair } from '../src/lib/pairing-edits.ts';

const pairs = [
  { original: [1], translation: [11] },
  { original: [2], translation: [12, 13] },
  { original: [3], translation: [14] },
];

describe('pairing edits', () => {
  it('joins a pair with the next one, keeping passage order', () => {
    expect(joinWithNext(pairs, 0)).toEqual([
      { original: [1, 2], translation: [11, 12, 13] },
      { original: [3], translation: [14] },
    ]);
    expect(joinWithNext(pairs, 2)).toEqual(pairs);
  });

  it('splits a pair after its first passages, and refuses a pair of one passage a side', () => {
    expect(splitPair(pairs, 1)).toEqual([pairs[0], { original: [2], translation: [12] }, { original: [], translation: [13] }, pairs[2]]);
    expect(canSplit(pairs[0]!)).toBe(false);
    expect(splitPair(pairs, 0)).toEqual(pairs);
  });

  it('undoes a join with a split', () => {
    expect(splitPair(joinWithNext(pairs, 0), 0)).toEqual([
      { original: [1], translation: [11] },
      { original: [2], translation: [12, 13] },
      pairs[2],
    ]);
  });
});
