import { describe, expect, it } from 'vitest';
import { PairCache } from './pair-cache.ts';

describe('PairCache', () => {
  it('keeps each pair’s scores apart and finds them again', () => {
    const cache = new PairCache(2, 100);
    const ab = cache.insert(1, 2);
    cache.values[ab] = 1.5;
    const ba = cache.insert(2, 1);
    cache.values[ba] = -3;
    expect(cache.values[cache.find(1, 2)]).toBe(1.5);
    expect(cache.values[cache.find(2, 1)]).toBe(-3);
    expect(cache.find(1, 3)).toBe(-1);
  });

  it('starts again empty when full', () => {
    const cache = new PairCache(1, 4);
    for (let i = 0; i < 4; i++) cache.insert(i, i);
    expect(cache.find(3, 3)).toBeGreaterThanOrEqual(0);
    cache.insert(9, 9);
    expect(cache.find(0, 0)).toBe(-1);
    expect(cache.find(9, 9)).toBe(0);
  });
});
