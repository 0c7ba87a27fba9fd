import { describe, expect, it } from 'vitest';
import { describeTotal } from '../src/lib/totals.ts';

describe('describeTotal', () => {
  it('says an exact count as it is', () => {
    expect(describeTotal(1, false, 'document')).toBe('1 document');
    expect(describeTotal(1_234_567, false, 'document')).toBe('1,234,567 documents');
  });

  it('says an estimate with "about", rounded to two figures', () => {
    expect(describeTotal(1_234_567, true, 'document')).toBe('about 1.2 million documents');
    expect(describeTotal(12_000_000, true, 'document')).toBe('about 12 million documents');
    expect(describeTotal(114_213, true, 'document')).toBe('about 110,000 documents');
    expect(describeTotal(3_149, true, 'entity', 'entities')).toBe('about 3,100 entities');
    expect(describeTotal(42, true, 'document')).toBe('about 42 documents');
  });
});
