import { describe, expect, it } from 'vitest';
import { describeSearchTotal, describeTotal } from '../src/lib/totals.ts';

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

describe('describeSearchTotal', () => {
  it('says a lower bound with "more than", an estimate with "about", and an exact count as it is', () => {
    expect(describeSearchTotal({ total: 10_000, totalApproximate: false, totalLowerBound: true }, 'result')).toBe(
      'more than 10,000 results',
    );
    expect(describeSearchTotal({ total: 1_234_567, totalApproximate: true, totalLowerBound: false }, 'document')).toBe(
      'about 1.2 million documents',
    );
    expect(describeSearchTotal({ total: 7, totalApproximate: false }, 'entity', 'entities')).toBe('7 entities');
  });
});
